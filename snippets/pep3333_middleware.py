"""The middleware role of PEP 3333: a WSGI middleware around the example project's
Django application, and the order in which it and Django's own middleware run.

    python snippets/pep3333_middleware.py

`RequestId` plays both roles at once. To the server it is the application: it is called
with `environ` and `start_response` and returns an iterable. To Django it is the server:
it passes on an `environ` (with a header added) and a `start_response` of its own (which
adds a response header), then hands the body on chunk by chunk and passes `close()` on.
The stack is served by wsgiref on 127.0.0.1 (port chosen by the system) with
`wsgiref.validate.validator` on both sides of the middleware, so it is checked as an
application and as a server. Every layer writes to one console, so the order shows.
"""

import contextlib
import http.client
import io
import itertools
import os
import sys
import threading
import warnings
from pathlib import Path
from wsgiref.validate import WSGIWarning, validator

MYSITE = Path(__file__).resolve().parent / "mysite"


# --8<-- [start:middleware]
class RequestId:
    """Number each request: an X-Request-Id header in (environ) and out."""

    def __init__(self, application):
        self.application = application
        self.ids = itertools.count(1)

    def __call__(self, environ, start_response):
        request_id = str(next(self.ids))
        environ["HTTP_X_REQUEST_ID"] = request_id  # a request header for Django
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
        print(f"WSGI middleware: in  {method} {path}, id {request_id}")

        def start_response_with_id(status, headers, exc_info=None):
            print(f"WSGI middleware: start_response({status!r}), adds a header")
            headers = headers + [("X-Request-Id", request_id)]
            return start_response(status, headers, exc_info)

        body = self.application(environ, start_response_with_id)
        print("WSGI middleware: out, the application returned its body")
        return PassOn(body)


class PassOn:
    """The application's body: a chunk out for each chunk in; close() too."""

    def __init__(self, body):
        self.body = body

    def __iter__(self):
        for chunk in self.body:
            print(f"WSGI middleware: passes on {len(chunk)} bytes")
            yield chunk

    def close(self):
        print("WSGI middleware: close(), passed on to the application")
        if hasattr(self.body, "close"):
            self.body.close()
# --8<-- [end:middleware]


if __name__ == "__main__":
    from support.wsgiref_serving import serving

    warnings.simplefilter("error", WSGIWarning)  # a WSGI warning is a failure here
    sys.path.insert(0, str(MYSITE))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
    console = io.StringIO()  # what every layer prints, in order; checked below
    with contextlib.redirect_stdout(console), contextlib.redirect_stderr(console):
        from django.core.signals import request_started
        from mysite.wsgi import application as django_application

        def show_request_id(sender, environ, **kwargs):
            print(f"Django: request_started sees HTTP_X_REQUEST_ID={environ['HTTP_X_REQUEST_ID']!r}")

        request_started.connect(show_request_id)

        # --8<-- [start:wrap]
        # In wsgi.py: application = RequestId(get_wsgi_application()).
        # Here wsgiref.validate checks the middleware from both sides as well.
        application = validator(RequestId(validator(django_application)))
        # --8<-- [end:wrap]

        print("--- one request ---")
        # --8<-- [start:request]
        with serving(application) as port:
            client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            client.request("GET", "/")
            response = client.getresponse()
            body = response.read()
            client.close()
        # --8<-- [end:request]
        print(f"client: {response.status} {response.reason}, X-Request-Id: "
              f"{response.getheader('X-Request-Id')}, body {body!r}")
    print(console.getvalue(), end="")

    assert response.status == 200 and body == b"Hello from the view.\n"
    assert response.getheader("X-Request-Id") == "1"
    lines = console.getvalue().splitlines()
    request = lines[lines.index("--- one request ---") + 1:]

    def position(text):
        [index] = [i for i, line in enumerate(request) if text in line]  # exactly one line
        return index

    order = [
        "WSGI middleware: in  GET /",  # before Django has seen anything
        "signal request_started",
        "HTTP_X_REQUEST_ID='1'",  # the environ the middleware passed on
        "TraceMiddleware: in  GET /",
        "view hello.views.index()",
        "TraceMiddleware: out 200 OK",  # Django's middleware is done...
        "WSGI middleware: start_response('200 OK')",  # ...before Django calls start_response
        "WSGI middleware: out",
        "WSGI middleware: passes on 21 bytes",  # the server iterates the body through it
        'server: "GET / HTTP/1.1" 200 21',
        "WSGI middleware: close()",
        "signal request_finished",  # Django's close(), reached through the middleware's
    ]
    assert [position(text) for text in order] == list(range(len(order))), request
    assert threading.active_count() == 1, "the server thread has stopped"
