"""The timeline of a request on its way out: when `start_response` is called, when the
status line, the headers and the body reach the socket, and exactly when the signals
`request_started`, `got_request_exception` and `request_finished` fire.

    python snippets/request_timeline.py

Serves the example project (with DEBUG off, so that a failure gets the project's short
500 page) and watches the server from three places: a WSGI middleware around Django's
handler sees `start_response`, the returned response, each chunk and `close()`; a request
handler that reports every write to the socket; and receivers of the three signals. All
of it happens in the thread that serves the connection, so the lines print in the order
it happened. Two requests: `GET /`, and `GET /boom/`, whose view raises.

The `request_finished` receiver waits until the client has read the whole response: if
the signal fired before the last byte was sent, the snippet would fail instead.
"""

import queue
import re
import sys

from django.core.servers.basehttp import WSGIRequestHandler
from django.core.signals import got_request_exception, request_finished, request_started

from support.client import get
from support.devserver import serving


log = []


def say(line):
    log.append(line)
    print(line)


# --8<-- [start:watch]
def watch(application):
    """A WSGI middleware: report what passes between the server and Django's handler."""

    def watched(environ, start_response):
        def reporting_start_response(status, headers, exc_info=None):
            say(f"  start_response({status!r}, <{len(headers)} headers>)")
            return start_response(status, headers, exc_info)

        response = application(environ, reporting_start_response)
        say(f"  the application returns {response!r}")
        return Reported(response)

    return watched


class Reported:
    """The response iterable, reporting each chunk the server takes, and close()."""

    def __init__(self, response):
        self.response = response

    def __iter__(self):
        for chunk in self.response:
            say(f"  the server takes a chunk of {len(chunk)} bytes")
            yield chunk

    def close(self):
        say("  the server calls close()")
        self.response.close()


class WireTap(WSGIRequestHandler):
    """Django's request handler, reporting each write to the socket and its access log."""

    def setup(self):
        super().setup()
        self.wfile = TappedSocketWriter(self.wfile)

    def log_message(self, format, *args):
        say(f"  access log: {format % args}")


class TappedSocketWriter:
    """The handler's socket writer, reporting each write (one line per line of text)."""

    def __init__(self, wfile):
        self.wfile = wfile

    def write(self, data):
        first, *more = data.decode("latin-1").splitlines(keepends=True)
        say(f"    write to the socket: {first!r}")
        for line in more:
            say(f"                         {line!r}")
        return self.wfile.write(data)

    def __getattr__(self, name):  # flush, closed, ...: the real writer's
        return getattr(self.wfile, name)
# --8<-- [end:watch]


# --8<-- [start:signals]
received = queue.Queue()  # what the client read, put there once it has the whole response
finished = queue.Queue()  # the server's word that request_finished has run


def on_request_started(sender, environ, **kwargs):
    say(f"  signal request_started: {environ['REQUEST_METHOD']} {environ['PATH_INFO']}")


def on_got_request_exception(sender, request, **kwargs):
    say(f"  signal got_request_exception: {sys.exc_info()[1]!r}")


def on_request_finished(sender, **kwargs):
    status, length = received.get(timeout=30)  # wait until the client has it all
    say(f"  signal request_finished (the client already has {status} and all {length} bytes of the body)")
    finished.put(status)


request_started.connect(on_request_started)
got_request_exception.connect(on_got_request_exception)
request_finished.connect(on_request_finished)
# --8<-- [end:signals]

with serving(request_handler=WireTap, wrap=watch, DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"]) as port:
    for path in ("/", "/boom/"):
        say(f"-- GET {path}")
        response, body = get(port, path)
        received.put((f"{response.status} {response.reason}", len(body)))
        finished.get(timeout=30)  # the next request starts once this one is finished

ok, boom = log[1 : log.index("-- GET /boom/")], log[log.index("-- GET /boom/") + 1 :]


def first(lines, pattern):
    return next(i for i, line in enumerate(lines) if re.search(pattern, line))


for lines, status in ((ok, "200 OK"), (boom, "500 Internal Server Error")):
    # start_response only stores the status and headers: nothing is on the socket until
    # the server has the first chunk of the body; then status, headers and chunk go out.
    assert first(lines, "start_response") < first(lines, "takes a chunk") < first(lines, "socket")
    assert lines[first(lines, "socket")] == f"    write to the socket: 'HTTP/1.1 {status}\\r\\n'"
    # request_started fires first, before the view; request_finished last, inside
    # close(), after the access log line, once the client has the whole response.
    assert first(lines, "request_started") == 0
    assert first(lines, "access log") < first(lines, "calls close") < first(lines, "request_finished") == len(lines) - 1
    assert f"the client already has {status}" in lines[-1]

# got_request_exception fires only for the failure, before start_response: before any byte.
assert not any("got_request_exception" in line for line in ok)
assert first(boom, "got_request_exception") < first(boom, "start_response")
assert "RuntimeError('the view failed')" in boom[first(boom, "got_request_exception")]
