"""Keep-alive in the development server: one thread per connection, several requests per
connection, and the cases in which the server closes the connection after a response.

    python snippets/request_keep_alive.py

Talks HTTP over plain sockets to the example project's server, so that it can see
whether the server keeps a connection open: a second request on the same socket must be
answered, and a closed connection reads as end-of-file. A `request_started` receiver
reports the thread each request runs in. The last connection goes to a second server,
built without CommonMiddleware.
"""

import http.client
import socket
import threading

from django.conf import settings
from django.core.signals import request_started
from django.http import StreamingHttpResponse
from django.urls import path

from support.devserver import runserver_command, serving  # first: it puts the example project on the path

from hello import views  # noqa: E402


def stream(request):
    return StreamingHttpResponse(iter([b"no length ", b"known in advance\n"]), content_type="text/plain")


urlpatterns = [path("", views.index), path("stream/", stream)]
log = []


def say(line):
    log.append(line)
    print(line)


def on_request_started(sender, environ, **kwargs):
    thread = threading.current_thread()
    say(f"  server: {environ['REQUEST_METHOD']} {environ['PATH_INFO']} {environ['SERVER_PROTOCOL']}"
        f" in {'daemon ' if thread.daemon else ''}thread {thread.name!r}")


request_started.connect(on_request_started)


# --8<-- [start:client]
def exchange(sock, request_line, *headers):
    """Send one request on an open socket; read its response (and only it)."""
    sock.sendall("\r\n".join([request_line, "Host: 127.0.0.1", *headers, "", ""]).encode())
    response = http.client.HTTPResponse(sock)
    response.begin()
    body = response.read()
    say(f"  client: {response.status} {response.reason}, Content-Length: {response.getheader('Content-Length')}, "
        f"Connection: {response.getheader('Connection')}")
    return body


def closed_by_server(sock):
    """After a response: has the server closed the connection (end-of-file)?"""
    closed = sock.recv(1) == b""
    say("  client: the server has closed the connection" if closed else "  client: more data?")
    return closed
# --8<-- [end:client]


server_class = runserver_command().server_cls
say(f"runserver's server class: {server_class.__module__}.{server_class.__qualname__}")
with serving(ROOT_URLCONF=__name__) as port:
    # --8<-- [start:run]
    say("-- connection 1: two requests, then one that asks to close")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        exchange(sock, "GET / HTTP/1.1")
        exchange(sock, "GET / HTTP/1.1")  # same socket: the server kept it open
        exchange(sock, "GET / HTTP/1.1", "Connection: close")
        assert closed_by_server(sock)

    say("-- connection 2: a streaming response, whose length is not known")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        assert exchange(sock, "GET /stream/ HTTP/1.1") == b"no length known in advance\n"
        assert closed_by_server(sock)

    say("-- connection 3: an HTTP/1.0 request")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        exchange(sock, "GET / HTTP/1.0")
        assert closed_by_server(sock)

    say("-- connection 4: HTTP/1.0 requests that ask to keep the connection alive")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        exchange(sock, "GET / HTTP/1.0", "Connection: keep-alive")
        exchange(sock, "GET / HTTP/1.0", "Connection: keep-alive")  # same socket: kept open
        exchange(sock, "GET / HTTP/1.0")  # without the header
        assert closed_by_server(sock)
    # --8<-- [end:run]

without_common = [name for name in settings.MIDDLEWARE if not name.endswith(".CommonMiddleware")]
with serving(ROOT_URLCONF=__name__, MIDDLEWARE=without_common) as port:
    # --8<-- [start:without-common]
    say("-- connection 5: to a server without CommonMiddleware")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        exchange(sock, "GET / HTTP/1.1")
        assert closed_by_server(sock)
    # --8<-- [end:without-common]

assert log[0] == "runserver's server class: django.core.servers.basehttp.WSGIServer"
threads = [line.rsplit("in daemon thread ", 1)[1] for line in log if line.startswith("  server:")]
# One thread for all three requests of the first connection, a new one for each connection.
assert threads[0] == threads[1] == threads[2] and len(set(threads[:5])) == 3
# The HTTP/1.0 requests that asked for keep-alive shared one new thread, and the plain
# HTTP/1.0 request after them was still read from that connection.
assert threads[5] == threads[6] == threads[7] and threads[5] not in threads[:5]
assert sum(line.startswith("  server: GET / HTTP/1.0") and threads[5] in line for line in log) == 3
# The server closes when the client asks, when the body's length is unknown (it says so
# with "Connection: close"), and for HTTP/1.0 clients that do not ask for keep-alive; it
# never answers "Connection: keep-alive", even to those that do.
assert [line for line in log if line.startswith("  client: 200")] == [
    "  client: 200 OK, Content-Length: 21, Connection: None",
    "  client: 200 OK, Content-Length: 21, Connection: None",
    "  client: 200 OK, Content-Length: 21, Connection: None",
    "  client: 200 OK, Content-Length: None, Connection: close",
    "  client: 200 OK, Content-Length: 21, Connection: None",
    "  client: 200 OK, Content-Length: 21, Connection: None",
    "  client: 200 OK, Content-Length: 21, Connection: None",
    "  client: 200 OK, Content-Length: 21, Connection: None",
    # Without CommonMiddleware no one sets the length of an HttpResponse: the server closes.
    "  client: 200 OK, Content-Length: None, Connection: close",
]
