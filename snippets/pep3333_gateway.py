"""The server role of PEP 3333, written from a socket: a gateway of about a hundred lines
that serves any WSGI application, here the minimal one and the unmodified example project.

    python snippets/pep3333_gateway.py

`Gateway` (in support/socket_gateway.py, as other snippets serve with it too) does what
the specification asks of a server: it reads the request, builds the `environ` dict,
calls the application once with it and a `start_response` that checks the `exc_info`
rules, keeps the headers until the first non-empty chunk of the body, sends each chunk
before asking for the next, and calls the iterable's `close()` whatever happens. It logs
each step, so the console reads as the story of one request. Both applications run
behind `wsgiref.validate.validator`, on 127.0.0.1 with a port the system picks, and
answer `http.client`; the gateway and its thread are stopped at the end.
"""

import contextlib
import io
import os
import sys
import threading
import warnings
from pathlib import Path
from wsgiref.validate import WSGIWarning, validator

from support.hello_application import application as hello_application
from support.socket_gateway import Gateway, get, running

MYSITE = Path(__file__).resolve().parent / "mysite"


if __name__ == "__main__":
    warnings.simplefilter("error", WSGIWarning)  # a WSGI warning is a failure here

    console = io.StringIO()  # what the gateway and the project print, in order; checked below
    answers = {}
    with contextlib.redirect_stdout(console), contextlib.redirect_stderr(console):
        # --8<-- [start:django]
        # The example project as it is: its wsgi.py builds Django's application.
        sys.path.insert(0, str(MYSITE))
        os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
        from mysite.wsgi import application as django_application
        # --8<-- [end:django]

        # --8<-- [start:serve]
        applications = {"the minimal application": hello_application,
                        "the example Django project": django_application}
        for name, application in applications.items():
            print(f"--- the gateway serves {name} ---")
            with running(Gateway(validator(application))) as port:
                answers[name] = status, headers, body = get(port, "/")
            print(f"client: {status}, {len(body)} bytes of body")
        # --8<-- [end:serve]
    print(console.getvalue())
    print("The Django project's response, as the client received it:")
    status, headers, body = answers["the example Django project"]
    print(status)
    for name, value in headers:
        print(f"{name}: {value}")
    print()
    print(body.decode(), end="")

    assert answers["the minimal application"][0] == "HTTP/1.1 200 OK"
    assert answers["the minimal application"][2] == b"Hello from a WSGI application. You asked for /\n"
    assert status == "HTTP/1.1 200 OK" and body == b"Hello from the view.\n"
    names = [name for name, _ in headers]
    assert names[:2] == ["Date", "Connection"], "the gateway adds what HTTP needs from a server"
    assert "Content-Type" in names and "X-Frame-Options" in names, "Django's own headers"

    lines = console.getvalue().splitlines()
    django = lines[lines.index("--- the gateway serves the example Django project ---") + 1:]
    steps = [
        "gateway: accepted a connection",
        "gateway: GET /: environ has",
        "gateway: calling the application",
        "signal request_started",
        "TraceMiddleware: in",
        "view hello.views.index(), in thread 'gateway'",
        "TraceMiddleware: out 200 OK",
        "gateway: start_response('200 OK')",  # Django calls it once its response is ready
        "gateway: sent the status line and headers",  # only with the first chunk of body
        "gateway: sent 21 bytes of body, close()",
        "signal request_finished",  # Django's close(), after the last byte
        "client: HTTP/1.1 200 OK, 21 bytes of body",
    ]
    assert [next(i for i, line in enumerate(django) if step in line) for step in steps] == list(range(len(steps)))
    assert threading.active_count() == 1, "the gateway's thread has stopped"
