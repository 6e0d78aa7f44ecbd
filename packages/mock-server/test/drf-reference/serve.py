"""A small Django REST Framework app shaped like the Ultravox API, the reference of the mock's
generic HTTP behaviour. Serves on 127.0.0.1 and prints one JSON line: {"port", "apiKey", "agentId"}.

    /usr/bin/python3 serve.py --port 0 [--throttle 2/min]

Settings are Django's and DRF's defaults except: JSON-only rendering, the X-API-Key auth class,
IsAuthenticated, cursor pagination with `pageSize` and `total`, django-filter, django-cors-headers. CommonMiddleware keeps
APPEND_SLASH=True (Django's default); the routes have no trailing slash, like the spec's paths, so a
slash is never appended to a match and `/api/call_throttles/` is a 404. The database is SQLite in
memory on a single-threaded server (Django then closes each connection, so no request waits).
"""
import argparse
import json
import os
import sys
import uuid

# No __pycache__ beside the test sources.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import django  # noqa: E402
from corsheaders.defaults import default_headers  # noqa: E402
from django.conf import settings  # noqa: E402

API_KEY = "drf-reference-key"

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--throttle", help="a DRF rate per API key, e.g. 2/min (default: none)")
args = parser.parse_args()

settings.configure(
    DEBUG=False,
    SECRET_KEY="drf-reference-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF="ultravox_ref.urls",
    INSTALLED_APPS=["corsheaders", "rest_framework", "django_filters", "ultravox_ref"],
    # django-cors-headers first, as its docs require: it answers preflights before routing or auth.
    MIDDLEWARE=["corsheaders.middleware.CorsMiddleware", "django.middleware.common.CommonMiddleware"],
    # ASSUMED CORS settings: any origin, and X-Unsafe-API-Key (the Ultravox docs: the header that
    # browsers may send) but not X-API-Key among the request headers allowed.
    CORS_ALLOW_ALL_ORIGINS=True,
    CORS_ALLOW_HEADERS=[*default_headers, "x-unsafe-api-key"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    USE_TZ=True,
    TIME_ZONE="UTC",
    LOGGING_CONFIG=None,
    REFERENCE_API_KEYS={API_KEY: "account-1", "drf-reference-other-key": "account-2"},
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": ["ultravox_ref.auth.ApiKeyAuthentication"],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PAGINATION_CLASS": "ultravox_ref.pagination.TotalCursorPagination",
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_THROTTLE_CLASSES": ["ultravox_ref.throttling.ApiKeyRateThrottle"] if args.throttle else [],
        "DEFAULT_THROTTLE_RATES": {"api_key": args.throttle},
    },
)
django.setup()


def main() -> None:
    from django.core.management import call_command
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
    from django.core.wsgi import get_wsgi_application

    from ultravox_ref.models import Agent

    call_command("migrate", run_syncdb=True, verbosity=0)
    agent = Agent.objects.create(agent_id=uuid.uuid4(), account="account-1", name="reference")

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *_values):  # noqa: A002 - the base class's name
            pass

    server = WSGIServer(("127.0.0.1", args.port), QuietHandler, ipv6=False)
    server.set_app(get_wsgi_application())
    print(json.dumps({"port": server.server_port, "apiKey": API_KEY, "agentId": str(agent.agent_id)}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
