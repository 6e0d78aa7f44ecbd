"""DRF's own errors for the serializer test/drf-errors-divergences.test.ts describes in OpenAPI.

Reads a JSON list of request bodies on stdin and prints a JSON list of `Serializer(data=...).errors`,
one per body ({} when valid). Fields (each optional) mirror the test's BODY schema, field by field.
"""
import json
import sys

import django
from django.conf import settings

settings.configure(USE_I18N=False)
django.setup()

from rest_framework import serializers  # noqa: E402  (needs settings first)


class Item(serializers.Serializer):
    name = serializers.CharField()


class Wrapper(serializers.Serializer):
    inner = Item(many=True, max_length=1, required=False)


class Body(serializers.Serializer):
    items = Item(many=True, max_length=2, required=False)
    few = Item(many=True, min_length=3, required=False)
    bounded = Item(many=True, allow_empty=False, max_length=2, required=False)
    tags = serializers.ListField(child=serializers.CharField(), min_length=5, required=False)
    maxTags = serializers.ListField(child=serializers.CharField(), max_length=1, required=False)
    wrapper = Wrapper(required=False)


def errors(data):
    serializer = Body(data=data)
    serializer.is_valid()
    return serializer.errors


json.dump([errors(data) for data in json.load(sys.stdin)], sys.stdout)
