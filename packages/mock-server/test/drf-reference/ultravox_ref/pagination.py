"""Cursor pagination as the spec describes it: `pageSize` (default 10, max 100) and a `total`."""
from collections import OrderedDict

from rest_framework.pagination import CursorPagination
from rest_framework.response import Response


class TotalCursorPagination(CursorPagination):
    page_size = 10
    max_page_size = 100
    page_size_query_param = "pageSize"
    ordering = "-created"

    def paginate_queryset(self, queryset, request, view=None):
        self.total = queryset.count()
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(OrderedDict([
            ("next", self.get_next_link()),
            ("previous", self.get_previous_link()),
            ("total", self.total),
            ("results", data),
        ]))


class OldestFirstPagination(TotalCursorPagination):
    ordering = "created"
