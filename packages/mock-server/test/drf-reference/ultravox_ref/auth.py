"""X-API-Key authentication, answering 401 (not 403) because it names a WWW-Authenticate scheme."""
from dataclasses import dataclass

from django.conf import settings
from rest_framework import authentication, exceptions


@dataclass(frozen=True)
class ApiKeyUser:
    account: str
    is_authenticated: bool = True


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        # X-Unsafe-API-Key: the same key, under the name CORS allows (the Ultravox docs).
        key = request.META.get("HTTP_X_API_KEY") or request.META.get("HTTP_X_UNSAFE_API_KEY")
        if not key:
            return None  # IsAuthenticated then raises NotAuthenticated: 401 "credentials were not provided"
        account = settings.REFERENCE_API_KEYS.get(key)
        if account is None:
            raise exceptions.AuthenticationFailed()  # stock text: "Incorrect authentication credentials."
        return ApiKeyUser(account=account), key

    def authenticate_header(self, request):
        # Without a value here DRF turns 401 into 403. Ultravox's real value is not documented.
        return "X-API-Key"
