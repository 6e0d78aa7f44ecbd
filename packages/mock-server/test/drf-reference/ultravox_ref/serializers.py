"""Serializers with the spec's camelCase names; server-assigned fields are read-only."""
from rest_framework import serializers

from .models import CallThrottle, ScheduledCall, ScheduledCallBatch


class CallThrottleRuleSerializer(serializers.Serializer):
    # help_text as the spec's descriptions (drf-spectacular writes help_text as description).
    maxCalls = serializers.IntegerField(min_value=1, max_value=100, help_text="Maximum number of calls allowed in the time window (max 100).")
    windowSeconds = serializers.IntegerField(min_value=1, max_value=86400, help_text="Duration of the sliding time window in seconds (max 86,400).")


class CallThrottleSerializer(serializers.ModelSerializer):
    throttleId = serializers.UUIDField(source="throttle_id", read_only=True)
    rules = CallThrottleRuleSerializer(many=True)

    class Meta:
        model = CallThrottle
        fields = ["throttleId", "name", "created", "rules"]
        read_only_fields = ["created"]


class ScheduledCallSerializer(serializers.ModelSerializer):
    batchId = serializers.UUIDField(source="batch.batch_id", read_only=True)
    callId = serializers.UUIDField(source="call_id", read_only=True, allow_null=True)
    medium = serializers.JSONField(required=False, allow_null=True)
    # The docs: "All values must be strings."
    metadata = serializers.DictField(child=serializers.CharField(), required=False, allow_null=True)
    templateContext = serializers.JSONField(source="template_context", required=False, allow_null=True)
    experimentalSettings = serializers.JSONField(source="experimental_settings", required=False, allow_null=True)

    class Meta:
        model = ScheduledCall
        fields = ["status", "batchId", "callId", "error", "medium", "metadata", "templateContext", "experimentalSettings"]
        read_only_fields = ["status", "error"]


class ScheduledCallBatchSerializer(serializers.ModelSerializer):
    batchId = serializers.UUIDField(source="batch_id", read_only=True)
    windowStart = serializers.DateTimeField(source="window_start", required=False, allow_null=True)
    windowEnd = serializers.DateTimeField(source="window_end", required=False, allow_null=True)
    webhookUrl = serializers.URLField(source="webhook_url", max_length=200, required=False, allow_null=True)
    webhookSecret = serializers.CharField(source="webhook_secret", max_length=120, required=False, allow_null=True)
    throttle = serializers.CharField(required=False, allow_null=True)
    totalCount = serializers.SerializerMethodField()
    completedCount = serializers.SerializerMethodField()
    endedAt = serializers.DateTimeField(source="ended_at", read_only=True)
    calls = ScheduledCallSerializer(many=True, write_only=True, allow_empty=False)

    class Meta:
        model = ScheduledCallBatch
        fields = [
            "batchId", "created", "windowStart", "windowEnd", "throttle", "webhookUrl", "webhookSecret",
            "paused", "totalCount", "completedCount", "endedAt", "calls",
        ]
        read_only_fields = ["created"]

    def get_totalCount(self, batch) -> int:
        return batch.calls.count()

    def get_completedCount(self, batch) -> int:
        return batch.calls.filter(status__in=["SUCCESS", "ERROR"]).count()

    def create(self, validated_data):
        calls = validated_data.pop("calls")
        batch = ScheduledCallBatch.objects.create(**validated_data)
        for call in calls:
            ScheduledCall.objects.create(batch=batch, **call)
        return batch

    def update(self, instance, validated_data):
        validated_data.pop("calls", None)
        return super().update(instance, validated_data)
