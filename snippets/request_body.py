"""What WSGIRequest reads, and when: the body is not read until a view asks for it, the
request never reads past its Content-Length, and a body nobody reads does not spoil the
next request on the connection.

    python snippets/request_body.py

A WSGI middleware puts a counting wrapper around `wsgi.input`, so that the views of this
file can say how many bytes of the body have been read from the socket at each step.
The client speaks HTTP over a plain socket: it sends all the requests of a connection
in one go, the last one asking the server to close, and reads every response to the end.
"""

import http.client
import io
import socket

from django.http import HttpResponse, RawPostDataException
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


class CountingInput:
    """wsgi.input, counting the bytes read through it."""

    def __init__(self, stream):
        self.stream, self.count = stream, 0

    def read(self, *size):
        data = self.stream.read(*size)
        self.count += len(data)
        return data

    def readline(self, *size):
        line = self.stream.readline(*size)
        self.count += len(line)
        return line


def count_input(application):
    def counted(environ, start_response):
        environ["wsgi.input"] = CountingInput(environ["wsgi.input"])
        return application(environ, start_response)

    return counted


def read_so_far(request):
    return f"{request.environ['wsgi.input'].count} of {request.META['CONTENT_LENGTH']} bytes read"


# --8<-- [start:views]
@csrf_exempt  # CsrfViewMiddleware would read the body itself, looking for the token
def form(request):
    say(f"  view starts: {read_so_far(request)}")
    name = request.POST["name"]  # the body is read and parsed here, on first use
    say(f"  request.POST['name'] = {name!r}: {read_so_far(request)}")
    say(f"  request.body is kept: {request.body!r}")
    return HttpResponse(f"Hello, {name}.\n")


@csrf_exempt
def ignore(request):
    say(f"  view ignores the body: {read_so_far(request)}")
    return HttpResponse("Ignored.\n")


@csrf_exempt
def stream(request):
    say(f"  request.read(5) = {request.read(5)!r}: {read_so_far(request)}")
    try:
        request.body
    except RawPostDataException as exc:
        say(f"  request.body raises RawPostDataException: {exc}")
    return HttpResponse("Streamed.\n")
# --8<-- [end:views]


urlpatterns = [path("form/", form), path("ignore/", ignore), path("stream/", stream)]


def post(path, body, content_type="application/x-www-form-urlencoded", last=False):
    head = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Type: {content_type}",
            f"Content-Length: {len(body)}", *(["Connection: close"] if last else []), "", ""]
    return "\r\n".join(head).encode() + body


def connection(port, *requests):
    """Send all the requests on one new connection, then read every response to the end."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"".join(requests))
        received = b"".join(iter(lambda: sock.recv(65536), b""))  # until the server closes
    stream = KeptOpen(received)
    while stream.tell() < len(received):
        response = http.client.HTTPResponse(Sock(stream))
        response.begin()
        say(f"  client: {response.status} {response.read()!r}")


class KeptOpen(io.BytesIO):
    def close(self):  # each HTTPResponse closes its file when done; the next one needs it
        pass


class Sock:
    def __init__(self, stream):
        self.stream = stream

    def makefile(self, mode):
        return self.stream


with serving(wrap=count_input, ROOT_URLCONF=__name__) as port:
    # --8<-- [start:requests]
    say("-- POST /form/ (a form, 20 bytes)")
    connection(port, post("/form/", b"name=Ada&lang=python", last=True))

    say("-- POST /ignore/ (100,000 bytes), then POST /form/, on one connection")
    connection(port, post("/ignore/", b"x" * 100_000), post("/form/", b"name=Grace", last=True))

    say("-- POST /form/ and POST /stream/, sent in one write")
    connection(port, post("/form/", b"name=Linus") + post("/stream/", b"0123456789", "text/plain", last=True))
    # --8<-- [end:requests]

# The body is read when the view first asks for it, not before, and only up to its length.
assert log[1:5] == [
    "  view starts: 0 of 20 bytes read",
    "  request.POST['name'] = 'Ada': 20 of 20 bytes read",
    "  request.body is kept: b'name=Ada&lang=python'",
    "  client: 200 b'Hello, Ada.\\n'",
]
# A body the view never read is drained by the server: the next request reads cleanly.
assert "  view ignores the body: 0 of 100000 bytes read" in log
assert "  client: 200 b'Hello, Grace.\\n'" in log
# Two requests in one write: the first view reads its 10 bytes and not a byte of the next.
assert "  request.POST['name'] = 'Linus': 10 of 10 bytes read" in log
assert "  request.read(5) = b'01234': 5 of 10 bytes read" in log
assert log[-3:] == [
    "  request.body raises RawPostDataException: You cannot access body after reading from request's data stream",
    "  client: 200 b'Hello, Linus.\\n'",
    "  client: 200 b'Streamed.\\n'",
]
