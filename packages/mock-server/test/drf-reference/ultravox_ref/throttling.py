"""A per-API-key rate (serve.py --throttle), so 429 and Retry-After come from DRF's own throttling."""
from rest_framework.throttling import SimpleRateThrottle


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "api_key"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None  # Unauthenticated requests were already refused (401) before throttling.
        return self.cache_format % {"scope": self.scope, "ident": request.auth}
