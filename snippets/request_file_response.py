"""A FileResponse through the development server: does Django use `wsgi.file_wrapper`,
how is the file sent, and when is it closed?

    python snippets/request_file_response.py

A view of this file returns a FileResponse of a 10,000-byte file. A WSGI middleware
notes what Django's handler returns to the server (and returns it unchanged), the
request handler counts the bytes of each write to the socket, and a `request_finished`
receiver looks at the file. The client then sends a second request on the same connection.
"""

import http.client
import queue
import tempfile
from pathlib import Path

from django.core.servers.basehttp import WSGIRequestHandler
from django.core.signals import request_finished
from django.http import FileResponse
from django.urls import path

from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


folder = tempfile.TemporaryDirectory()
data = Path(folder.name) / "numbers.txt"
data.write_bytes(b"".join(b"%04d\n" % n for n in range(2000)))  # 10,000 bytes
opened = []


# --8<-- [start:view]
def download(request):
    opened.append(data.open("rb"))
    response = FileResponse(opened[-1])
    say(f"  the view returns {response!r}, block_size {response.block_size}")
    return response
# --8<-- [end:view]


urlpatterns = [path("numbers/", download)]


def note_what_the_server_gets(application):
    def noted(environ, start_response):
        result = application(environ, start_response)
        kind = f"{type(result).__module__}.{type(result).__qualname__}"
        same = "it is environ['wsgi.file_wrapper']" if type(result) is environ.get("wsgi.file_wrapper") else ""
        say(f"  the server gets a {kind} ({same}) around {result.filelike.name.rsplit('/', 1)[1]!r}")
        return result  # unchanged: the server sees exactly what Django returned

    return noted


writes = []


class CountingWrites(WSGIRequestHandler):
    def setup(self):
        super().setup()
        write = self.wfile.write

        def counting(data):
            writes.append(len(data))
            return write(data)

        self.wfile.write = counting


finished = queue.Queue()


def on_request_finished(sender, **kwargs):
    say(f"  request_finished: the file is closed: {opened[-1].closed}")
    finished.put(True)


request_finished.connect(on_request_finished)

with serving(request_handler=CountingWrites, wrap=note_what_the_server_gets, ROOT_URLCONF=__name__) as port:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    bodies, sockets = [], []
    for attempt in ("first", "second"):
        say(f"-- GET /numbers/ ({attempt} request on the connection)")
        writes.clear()
        client.request("GET", "/numbers/")
        response = client.getresponse()
        bodies.append(response.read())
        sockets.append(client.sock)  # None if the client had to close the connection
        finished.get(timeout=30)  # the server has finished with the request
        say(f"  the client: {response.status} {response.reason}, Content-Length: {response.getheader('Content-Length')}, "
            f"Connection: {response.getheader('Connection')}, {len(bodies[-1])} bytes")
    client.close()
say(f"the body's writes to the socket, in bytes: {writes[4:]} (after the status line, Date, Server and headers)")

assert bodies[0] == bodies[1] == data.read_bytes() and len(bodies[0]) == 10_000
folder.cleanup()
# Django hands the open file to the server's wsgi.file_wrapper, with FileResponse's block size,
assert any("wsgiref.util.FileWrapper (it is environ['wsgi.file_wrapper'])" in line for line in log)
# and the development server reads it block by block, a write each: no sendfile.
assert writes[4:] == [4096, 4096, 1808]
# The length is known, so the connection stays open for the next request...
assert sockets[0] is sockets[1] is not None, "both requests went over one connection"
assert all("Content-Length: 10000, Connection: None" in line for line in log if line.startswith("  the client"))
# ...and closing the wrapper closes the response: the file, then request_finished.
assert log.count("  request_finished: the file is closed: True") == 2
