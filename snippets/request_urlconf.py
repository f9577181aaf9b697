"""URL resolving: ROOT_URLCONF, a URLconf chosen per request with `request.urlconf`, and
what `request.resolver_match` tells the view.

    python snippets/request_urlconf.py

Serves the example project with one more middleware in front of its own: ApiHost sends
requests for the host api.localhost to the URLconf of this file instead of the
project's. (With DEBUG on and ALLOWED_HOSTS empty, Django accepts *.localhost hosts.)
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, reverse

from support.client import get, gist
from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


# --8<-- [start:api]
def item(request, number):
    match = request.resolver_match
    say(f"  view: resolver_match.view_name {match.view_name!r}, route {match.route!r}, kwargs {match.kwargs}")
    say(f"  view: reverse('item', kwargs={{'number': 8}}) = {reverse('item', kwargs={'number': 8})!r}")
    return HttpResponse(f"item {number}\n")


urlpatterns = [path("items/<int:number>/", item, name="item")]  # this file's URLconf


class ApiHost:
    """Resolve the requests for api.localhost with this file's URLconf."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.get_host() == "api.localhost":
            request.urlconf = __name__
        return self.get_response(request)
# --8<-- [end:api]


with serving(MIDDLEWARE=[f"{__name__}.ApiHost", *settings.MIDDLEWARE]) as port:
    for host, path_ in (("api.localhost", "/items/7/"), ("127.0.0.1", "/items/7/"),
                        ("api.localhost", "/"), ("127.0.0.1", "/")):
        say(f"-- GET {path_} (Host: {host})")
        response, body = get(port, path_, Host=host)
        say(f"  client: {response.status}, {gist(body)}")

assert log[1:5] == [
    "  view: resolver_match.view_name 'item', route 'items/<int:number>/', kwargs {'number': 7}",
    "  view: reverse('item', kwargs={'number': 8}) = '/items/8/'",  # reverse() uses it too
    "  client: 200, 'item 7\\n'",
    "-- GET /items/7/ (Host: 127.0.0.1)",
]
# Each URLconf knows only its own paths.
statuses = [line.split()[1].rstrip(",") for line in log if line.startswith("  client:")]
assert statuses == ["200", "404", "404", "200"]
assert log[-1] == "  client: 200, 'Hello from the view.\\n'"
