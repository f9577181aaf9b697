"""start_response's rules and the write() callable, as two servers enforce them: the
standard library's wsgiref and the gateway of `pep3333_gateway.py`.

    python snippets/pep3333_start_response.py

Four small applications, each served by both servers behind `wsgiref.validate.validator`
on 127.0.0.1 (ports chosen by the system) and asked once by `http.client`:

* `changes_its_mind` starts a 200, fails before any body, and calls `start_response` again
  with `exc_info`: allowed, and the client gets the error response instead.
* `too_late` does the same after a chunk of body went out: the headers are gone, so
  `start_response` re-raises the error, and the server can only log it and close.
* `empty_first` does the same after yielding an empty chunk, which must not count as
  body: the two servers disagree.
* `twice` calls `start_response` a second time without `exc_info`: the server refuses.
* `writes` uses the `write()` callable `start_response` returns, then returns a body too.

Neither server's log goes to the console: what each logged is shown by its last line.
"""

import contextlib
import http.client
import io
import sys
import threading
import warnings
from wsgiref.validate import WSGIWarning, validator

from support.socket_gateway import Gateway, running
from support.wsgiref_serving import QuietRequestHandler, serving

TEXT = [("Content-Type", "text/plain")]


# --8<-- [start:applications]
def changes_its_mind(environ, start_response):
    start_response("200 OK", TEXT)
    try:
        raise ValueError("failed before any body")
    except ValueError:
        start_response("500 Internal Server Error", TEXT, sys.exc_info())
        return [b"an error page instead\n"]


def too_late(environ, start_response):
    start_response("200 OK", TEXT)
    yield b"the first chunk\n"
    try:
        raise ValueError("failed after the headers went out")
    except ValueError:
        # The headers went out with the first chunk: this raises it again.
        start_response("500 Internal Server Error", TEXT, sys.exc_info())
        yield b"never sent\n"


def empty_first(environ, start_response):
    start_response("200 OK", TEXT)
    yield b""  # no body yet: PEP 3333 says the headers must still be held back
    try:
        raise ValueError("failed after an empty chunk")
    except ValueError:
        start_response("500 Internal Server Error", TEXT, sys.exc_info())
        yield b"an error page instead\n"


def twice(environ, start_response):
    start_response("200 OK", TEXT)
    start_response("404 Not Found", TEXT)
    return [b"never sent\n"]


def writes(environ, start_response):
    write = start_response("200 OK", TEXT)
    write(b"written, ")
    return [b"then returned\n"]
# --8<-- [end:applications]


class ErrorsKeptHandler(QuietRequestHandler):
    """wsgiref's request handler, keeping what its server logs about failures."""

    errors = io.StringIO()

    def get_stderr(self):
        return self.errors


def ask(port):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", "/")
    response = client.getresponse()
    body = response.read()
    client.close()
    return f"{response.status} {response.reason}", body


def last_line(log):
    lines = log.getvalue().strip().splitlines()
    log.seek(0)
    log.truncate()
    return lines[-1] if lines else ""


if __name__ == "__main__":
    warnings.simplefilter("error", WSGIWarning)  # a WSGI warning is a failure here
    results = {}
    gateway_log = io.StringIO()
    for application in (changes_its_mind, too_late, empty_first, twice, writes):
        with serving(validator(application), handler_class=ErrorsKeptHandler) as port:
            results[application.__name__, "wsgiref"] = *ask(port), last_line(ErrorsKeptHandler.errors)
        with contextlib.redirect_stderr(gateway_log):  # the gateway logs failures to stderr
            with running(Gateway(validator(application), log=lambda line: None)) as port:
                results[application.__name__, "gateway"] = *ask(port), last_line(gateway_log)

    for (name, server), (status, body, logged) in results.items():
        print(f"{name} on {server}:")
        print(f"  client: {status}")
        print(f"          {body!r}")
        print(f"  server logged: {logged or 'nothing'}")

    for server in ("wsgiref", "gateway"):
        status, body, logged = results["changes_its_mind", server]
        assert (status, body, logged) == ("500 Internal Server Error", b"an error page instead\n", "")
        status, body, logged = results["too_late", server]
        assert (status, body) == ("200 OK", b"the first chunk\n"), "the client got a 200 cut short"
        assert logged == "ValueError: failed after the headers went out", "start_response re-raised it"
        status, body, logged = results["twice", server]
        assert status == "500 Internal Server Error" and logged.startswith("AssertionError: ")
        assert results["writes", server] == ("200 OK", b"written, then returned\n", "")
    # After an empty chunk, wsgiref has already sent the headers: too late to change its mind.
    assert results["empty_first", "wsgiref"] == ("200 OK", b"", "ValueError: failed after an empty chunk")
    # The gateway waits for a non-empty chunk, as the specification says, so the error page goes out.
    assert results["empty_first", "gateway"] == ("500 Internal Server Error", b"an error page instead\n", "")
    assert threading.active_count() == 1, "every server thread has stopped"
