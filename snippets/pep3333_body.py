"""The returned iterable: who iterates it, the no-buffering rule, and the close() obligation.

    python snippets/pep3333_body.py

A one-file Django project (settings.configure, this file as its URLconf) is served by
wsgiref on 127.0.0.1 (port chosen by the system). `/steps` streams two chunks, and the
second is not produced until the client has *received* the first: if anything between
the generator and the socket held a chunk back, the generator would wait in vain (it
gives up after 10 seconds and says so). Each chunk notes who asked for it. `/breaks`
streams one chunk and then raises: the server still calls `close()`, which is what sends
Django's `request_finished`, and, the headers being gone, it can only log the error and
close the connection. No sleeps: the two sides wait for each other with an Event.
"""

import http.client
import io
import sys
import threading

import django
from django.conf import settings
from django.core.signals import request_finished
from django.http import StreamingHttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="only-for-this-demonstration",
)
client_has_step_1 = threading.Event()
askers = []


def asked_by():
    """The function that asked the generator for its next chunk."""
    caller = sys._getframe(2)  # 0: this function, 1: the generator, 2: whoever called next()
    askers.append(f"{caller.f_globals['__name__']}.{caller.f_code.co_qualname}")
    return askers[-1]


# --8<-- [start:views]
def steps(request):
    def body():
        print(f"body: producing step 1, asked by {asked_by()}")
        yield "step 1\n"
        if not client_has_step_1.wait(timeout=10):
            yield "the client never received step 1\n"
        print(f"body: producing step 2, asked by {asked_by()}")
        yield "step 2\n"

    print("view: returns a StreamingHttpResponse; no chunk of it exists yet")
    return StreamingHttpResponse(body(), content_type="text/plain")


def breaks(request):
    def body():
        yield "part 1\n"
        print("body: raises, half-way through")
        raise RuntimeError("the body broke half-way")

    return StreamingHttpResponse(body(), content_type="text/plain")
# --8<-- [end:views]


urlpatterns = [path("steps", steps), path("breaks", breaks)]


def on_request_finished(sender, **kwargs):
    print("Django: request_finished: the server called close() on the response")


if __name__ == "__main__":
    from support.wsgiref_serving import QuietRequestHandler, serving

    class ErrorsKeptHandler(QuietRequestHandler):
        """Keep what the server logs about a failed request, to show it below."""

        errors = io.StringIO()

        def get_stderr(self):
            return self.errors

    django.setup()
    from django.core.wsgi import get_wsgi_application

    request_finished.connect(on_request_finished)
    with serving(get_wsgi_application(), handler_class=ErrorsKeptHandler) as port:
        print("--- GET /steps ---")
        # --8<-- [start:client]
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        client.request("GET", "/steps")
        response = client.getresponse()
        first = response.readline()  # arrives while the generator waits for us
        print(f"client: received {first!r}")
        client_has_step_1.set()
        rest = response.read()
        print(f"client: received {rest!r}, then the end of the body")
        client.close()
        # --8<-- [end:client]

        print("--- GET /breaks ---")
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        client.request("GET", "/breaks")
        broken = client.getresponse()
        broken_body = broken.read()
        client.close()
        print(f"client: {broken.status} {broken.reason}, received {broken_body!r}, then the connection closed")
    logged = ErrorsKeptHandler.errors.getvalue().strip().splitlines()
    print(f"server: logged a traceback ending {logged[-1]!r}")

    assert first == b"step 1\n" and rest == b"step 2\n", "each chunk went out before the next was made"
    assert askers == ["wsgiref.handlers.BaseHandler.finish_response"] * 2, "the server iterates the body"
    assert broken.status == 200 and broken_body == b"part 1\n", "too late for a 500: the headers had gone"
    assert logged[0] == "Traceback (most recent call last):"
    assert logged[-1] == "RuntimeError: the body broke half-way"
    assert threading.active_count() == 1, "the server thread has stopped"
