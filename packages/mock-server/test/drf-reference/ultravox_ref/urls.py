"""No trailing slashes, as in the spec's paths; `<uuid:…>` makes a non-UUID id a routing miss (404)."""
from django.urls import path

from . import views

urlpatterns = [
    path("api/call_throttles", views.CallThrottleList.as_view()),
    path("api/call_throttles/<uuid:throttle_id>", views.CallThrottleDetail.as_view()),
    path("api/agents/<uuid:agent_id>/scheduled_batches", views.ScheduledCallBatchList.as_view()),
    path("api/agents/<uuid:agent_id>/scheduled_batches/<uuid:batch_id>", views.ScheduledCallBatchDetail.as_view()),
    path(
        "api/agents/<uuid:agent_id>/scheduled_batches/<uuid:batch_id>/scheduled_calls",
        views.ScheduledCallList.as_view(),
    ),
]
