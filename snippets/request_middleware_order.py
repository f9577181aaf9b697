"""Where a middleware goes in MIDDLEWARE, and what goes wrong in the wrong place: a
middleware that relies on another one, and a middleware that adds a header to every
response while a middleware inside it answers some requests by itself.

    python snippets/request_middleware_order.py

Serves the example project with its MIDDLEWARE reordered: first with
AuthenticationMiddleware above SessionMiddleware; then with AddsHeader, a middleware of
this file that adds a header to every response on its way out (as a CORS middleware
does), below and then above CommonMiddleware. With APPEND_SLASH (on by default),
CommonMiddleware answers a request for /page with a redirect to /page/.
"""

import textwrap

from django.conf import settings

from support.client import get, gist
from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


# --8<-- [start:adds-header]
class AddsHeader:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Added"] = "yes"
        return response
# --8<-- [end:adds-header]


def reordered(move, before):
    """The project's MIDDLEWARE with ``move`` placed just above ``before``."""
    names = [name for name in settings.MIDDLEWARE if name != move]
    names.insert(names.index(before), move)
    return names


def show(names):
    """MIDDLEWARE in short: the class names, without the word Middleware."""
    short = ", ".join(name.rsplit(".", 1)[1].removesuffix("Middleware") for name in names)
    return textwrap.wrap(f"MIDDLEWARE: {short}", 80, initial_indent="   ", subsequent_indent="     ")


SESSION = "django.contrib.sessions.middleware.SessionMiddleware"
AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"
COMMON = "django.middleware.common.CommonMiddleware"
ADDS_HEADER = f"{__name__}.AddsHeader"

runs = [
    ("Authentication above Session", reordered(AUTH, before=SESSION), "/"),
    ("AddsHeader below Common", [*settings.MIDDLEWARE, ADDS_HEADER], "/page"),
    ("AddsHeader above Common", reordered(ADDS_HEADER, before=COMMON), "/page"),
]
for title, middleware, path in runs:
    say(f"-- {title}")
    for line in show(middleware):
        say(line)
    with serving(MIDDLEWARE=middleware) as port:
        response, body = get(port, path)
    location = response.getheader("Location")
    say(f"  GET {path}: {response.status}, {gist(body) if not location else 'Location: ' + location}, "
        f"X-Added: {response.getheader('X-Added')}")

answers = [line for line in log if line.startswith("  GET ")]
assert answers[0] == "  GET /: 500, page titled 'ImproperlyConfigured at /', X-Added: None"
# Below CommonMiddleware, AddsHeader adds its header to the 404 from the URL resolver;
# CommonMiddleware then replaces that response with its redirect, without the header.
assert answers[1] == "  GET /page: 301, Location: /page/, X-Added: None"
# Above it, AddsHeader sees every response CommonMiddleware gives, the redirect included.
assert answers[2] == "  GET /page: 301, Location: /page/, X-Added: yes"
