"""The messages DRF serializer fields and Django form fields give one value, for
test/drf-messages-reference.test.ts.

Reads a JSON list on stdin, each item `{"form": bool, "field": "CharField", "kwargs": {...},
"child": {"field": ..., "kwargs": ...} (optional), "value": ...}`, and prints a JSON list with, per
item, the field's error messages (a list of strings, or the nested dict a ListField/DictField gives),
or null when the value is valid. Serializer fields run inside a one-field serializer (`f`), as a
request body does; form fields run `clean()` on the value, as django-filter's forms do.
"""
import json
import sys

import django
from django.conf import settings

settings.configure(USE_I18N=False)
django.setup()

from django import forms  # noqa: E402  (needs settings first)
from rest_framework import serializers  # noqa: E402


def build(module, spec):
    kwargs = dict(spec.get("kwargs", {}))
    if "child" in spec:
        kwargs["child"] = build(module, spec["child"])
    return getattr(module, spec["field"])(**kwargs)


def serializer_errors(spec, value):
    body = type("Body", (serializers.Serializer,), {"f": build(serializers, spec)})(data={"f": value})
    body.is_valid()
    return body.errors.get("f")


def form_errors(spec, value):
    try:
        build(forms, spec).clean(value)
    except forms.ValidationError as error:
        return error.messages
    return None


def answer(item):
    return form_errors(item, item["value"]) if item.get("form") else serializer_errors(item, item["value"])


json.dump([answer(item) for item in json.load(sys.stdin)], sys.stdout)
