"""Tables shaped like the Ultravox resources the differential test touches."""
import uuid

from django.db import models


class Agent(models.Model):
    agent_id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    account = models.CharField(max_length=64)
    name = models.CharField(max_length=64)

    class Meta:
        app_label = "ultravox_ref"


class CallThrottle(models.Model):
    throttle_id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    account = models.CharField(max_length=64)
    name = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)
    rules = models.JSONField(default=list)

    class Meta:
        app_label = "ultravox_ref"


class ScheduledCallBatch(models.Model):
    batch_id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="batches")
    created = models.DateTimeField(auto_now_add=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    throttle = models.CharField(max_length=64, null=True, blank=True)
    webhook_url = models.URLField(max_length=200, null=True, blank=True)
    webhook_secret = models.CharField(max_length=120, null=True, blank=True)
    paused = models.BooleanField(default=False)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "ultravox_ref"


class ScheduledCall(models.Model):
    STATUS_CHOICES = [(s, s) for s in ("FUTURE", "PENDING", "SUCCESS", "EXPIRED", "ERROR")]

    batch = models.ForeignKey(ScheduledCallBatch, on_delete=models.CASCADE, related_name="calls")
    created = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default="FUTURE")
    call_id = models.UUIDField(null=True, blank=True)
    error = models.TextField(null=True, blank=True)
    medium = models.JSONField(null=True, blank=True)
    metadata = models.JSONField(null=True, blank=True)
    template_context = models.JSONField(null=True, blank=True)
    experimental_settings = models.JSONField(null=True, blank=True)

    class Meta:
        app_label = "ultravox_ref"
