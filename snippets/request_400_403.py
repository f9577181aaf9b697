"""handler400 and handler403, run for real: which exceptions become a 400 or a 403, and
which of the project's handlers answer, with DEBUG on and off.

    python snippets/request_400_403.py

Serves the example project (on 127.0.0.1, a port the system picks) twice, with DEBUG on
and off, each time with a root URLconf of this file in place of the project's. It names
its own handler400 and handler403; its views raise SuspiciousOperation, BadRequest and
PermissionDenied. One more request names a host ALLOWED_HOSTS does not allow.
"""

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.urls import path

from support.client import get, gist
from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


# --8<-- [start:urlconf]
def suspicious(request):
    raise SuspiciousOperation("the request looks forged")


def bad(request):
    raise BadRequest("the form makes no sense")


def forbidden(request):
    raise PermissionDenied("staff only")


def bad_request(request, exception):  # the project's handler400
    return HttpResponseBadRequest(f"handler400: {exception}\n", content_type="text/plain")


def permission_denied(request, exception):  # the project's handler403
    return HttpResponseForbidden(f"handler403: {exception}\n", content_type="text/plain")


urlpatterns = [path("suspicious/", suspicious), path("bad/", bad), path("forbidden/", forbidden)]
handler400 = bad_request
handler403 = permission_denied
# --8<-- [end:urlconf]


def ask(port):
    for url in ("/suspicious/", "/bad/", "/forbidden/"):
        response, body = get(port, url)
        say(f"  GET {url}: {response.status}, {gist(body)}")
    response, body = get(port, "/", Host="evil.example")
    say(f"  GET / with Host: evil.example: {response.status}, {gist(body)}")


# --8<-- [start:runs]
say("-- DEBUG = True")
with serving(ROOT_URLCONF=__name__) as port:
    ask(port)

say("-- DEBUG = False, ALLOWED_HOSTS = ['127.0.0.1']")
with serving(ROOT_URLCONF=__name__, DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"]) as port:
    ask(port)
# --8<-- [end:runs]

on, off = ("\n".join(log).split("-- DEBUG = ")[1:])
# DEBUG on: the 400s are Django's debug page (with status 400); the 403 is handler403's.
assert "GET /suspicious/: 400, page titled 'SuspiciousOperation at /suspicious/'" in on
assert "GET /bad/: 400, page titled 'BadRequest at /bad/'" in on
assert "GET /forbidden/: 403, 'handler403: staff only\\n'" in on
assert "Host: evil.example: 400, page titled 'DisallowedHost at /'" in on
# DEBUG off: the project's handler400 answers every SuspiciousOperation and BadRequest,
# the host check's DisallowedHost included; handler403 answers PermissionDenied.
assert "GET /suspicious/: 400, 'handler400: the request looks forged\\n'" in off
assert "GET /bad/: 400, 'handler400: the form makes no sense\\n'" in off
assert "GET /forbidden/: 403, 'handler403: staff only\\n'" in off
assert """Host: evil.example: 400, "handler400: Invalid HTTP_HOST header: 'evil.example'.""" in off
