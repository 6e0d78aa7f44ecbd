"""Generic DRF views: the checks (auth, permission, method, filter, pagination) are DRF's own."""
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics

from .models import Agent, CallThrottle, ScheduledCall, ScheduledCallBatch
from .pagination import OldestFirstPagination
from .serializers import CallThrottleSerializer, ScheduledCallBatchSerializer, ScheduledCallSerializer


class CallThrottleList(generics.ListCreateAPIView):
    """Call throttles of the account."""

    serializer_class = CallThrottleSerializer

    def get_queryset(self):
        return CallThrottle.objects.filter(account=self.request.user.account)

    def perform_create(self, serializer):
        serializer.save(account=self.request.user.account)


class CallThrottleDetail(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = CallThrottleSerializer
    lookup_field = "throttle_id"

    def get_queryset(self):
        return CallThrottle.objects.filter(account=self.request.user.account)


class AgentChildMixin:
    def agent(self):
        return get_object_or_404(Agent, agent_id=self.kwargs["agent_id"], account=self.request.user.account)


class ScheduledCallBatchList(AgentChildMixin, generics.ListCreateAPIView):
    serializer_class = ScheduledCallBatchSerializer

    def get_queryset(self):
        return ScheduledCallBatch.objects.filter(agent=self.agent())

    def perform_create(self, serializer):
        serializer.save(agent=self.agent())


class ScheduledCallBatchDetail(AgentChildMixin, generics.RetrieveUpdateDestroyAPIView):
    serializer_class = ScheduledCallBatchSerializer
    lookup_field = "batch_id"
    # The spec has no PUT on a batch.
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return ScheduledCallBatch.objects.filter(agent=self.agent())


class ScheduledCallList(AgentChildMixin, generics.ListAPIView):
    serializer_class = ScheduledCallSerializer
    pagination_class = OldestFirstPagination
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["status"]

    def get_queryset(self):
        batch = get_object_or_404(ScheduledCallBatch, batch_id=self.kwargs["batch_id"], agent=self.agent())
        return ScheduledCall.objects.filter(batch=batch).select_related("batch")
