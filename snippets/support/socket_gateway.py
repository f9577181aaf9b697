"""The server role of PEP 3333, written from a socket: `Gateway`, and how snippets run it.

pep3333_gateway.py shows the gateway serving two applications (docs/pep3333/server.md
shows the class from this file); the other PEP 3333 snippets serve their own applications
with it, next to wsgiref, to show what a server may do differently. `running()` runs a
gateway in a thread until a block ends, and `get()` asks it for one page with a real HTTP
client, returning the status line as it came on the wire.
"""

import contextlib
import http.client
import io
import socket
import sys
import threading
import traceback
from email.utils import formatdate
from urllib.parse import unquote_to_bytes


# --8<-- [start:gateway]
class Gateway:
    """Serve a WSGI application on 127.0.0.1, one request at a time."""

    def __init__(self, application, script_name="", log=print):
        self.application = application
        self.script_name = script_name  # the mount point; "" is the root
        self.log = log
        self.listener = socket.create_server(("127.0.0.1", 0))  # any free port
        self.port = self.listener.getsockname()[1]
        self.stopping = False

    def serve_forever(self):
        while True:
            connection, (address, _) = self.listener.accept()
            with connection, connection.makefile("rb") as reader:
                if self.stopping:
                    return
                self.log(f"gateway: accepted a connection from {address}")
                self.handle(connection, reader, address)

    def stop(self):
        self.stopping = True  # then wake accept() with a connection of our own
        socket.create_connection(("127.0.0.1", self.port)).close()

    def handle(self, connection, reader, address):
        method, target, protocol = reader.readline().decode("latin-1").split()
        headers = {}
        while line := reader.readline().decode("latin-1").strip():
            name, _, value = line.partition(":")
            headers[name.strip().upper().replace("-", "_")] = value.strip()
        path, _, query = target.partition("?")
        # A native string: the URL's bytes, percent-decoded, one char per byte.
        path = unquote_to_bytes(path).decode("latin-1")
        length = int(headers.pop("CONTENT_LENGTH", "") or 0)
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": self.script_name,
            "PATH_INFO": path.removeprefix(self.script_name),
            "QUERY_STRING": query,
            "CONTENT_TYPE": headers.pop("CONTENT_TYPE", ""),
            "CONTENT_LENGTH": str(length) if length else "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": str(self.port),
            "SERVER_PROTOCOL": protocol,
            "REMOTE_ADDR": address,
            **{f"HTTP_{name}": value for name, value in headers.items()},
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(reader.read(length)),  # read in advance
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        self.log(f"gateway: {method} {target}: environ has {len(environ)} keys")
        if not path.startswith(self.script_name):  # not under the mount point
            connection.sendall(b"HTTP/1.1 404 Not Found\r\n\r\n")  # then closes
            return
        self.run(environ, connection)

    def run(self, environ, connection):
        # What start_response stored (status, headers), whether they were sent,
        # and how many bytes of body were.
        stored, headers_sent, body_sent = None, False, 0

        def start_response(status, headers, exc_info=None):
            nonlocal stored
            if exc_info:
                try:
                    if headers_sent:  # too late to change the response
                        raise exc_info[1].with_traceback(exc_info[2])
                finally:
                    exc_info = None  # drop the traceback: no reference cycle
            elif stored is not None:
                raise AssertionError("start_response() again, without exc_info")
            stored = status, headers
            self.log(f"gateway: start_response({status!r}): kept, not sent")
            return write

        def write(data):
            nonlocal headers_sent, body_sent
            if stored is None:
                raise AssertionError("write() before start_response()")
            if not headers_sent:
                status, headers = stored
                head = [f"HTTP/1.1 {status}", f"Date: {formatdate(usegmt=True)}"]
                head += ["Connection: close", *(f"{k}: {v}" for k, v in headers)]
                head = "".join(f"{line}\r\n" for line in head) + "\r\n"
                connection.sendall(head.encode("latin-1"))
                headers_sent = True
                self.log("gateway: sent the status line and headers")
            if environ["REQUEST_METHOD"] != "HEAD":
                connection.sendall(data)  # all of it, before asking for more
                body_sent += len(data)

        self.log("gateway: calling the application")
        try:
            result = self.application(environ, start_response)
            try:
                for data in result:
                    if data:  # the headers wait for the first non-empty chunk
                        write(data)
                if not headers_sent:
                    write(b"")  # an empty body: the headers go now
            finally:
                self.log(f"gateway: sent {body_sent} bytes of body, close()")
                if hasattr(result, "close"):
                    result.close()
        except Exception:
            traceback.print_exc()  # log what aborted the application
            if not headers_sent:  # else the client only sees the connection end
                connection.sendall(b"HTTP/1.1 500 Internal Server Error\r\n"
                                   b"Content-Length: 0\r\n\r\n")
# --8<-- [end:gateway]


@contextlib.contextmanager
def running(gateway):
    """Run ``gateway`` in a thread until the block ends; yield its port."""
    thread = threading.Thread(target=gateway.serve_forever, name="gateway")
    thread.start()
    try:
        yield gateway.port
    finally:
        gateway.stop()
        thread.join()
        gateway.listener.close()


def get(port, target):
    """One GET with a real HTTP client: (status line, headers, body)."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", target)
    response = client.getresponse()
    body = response.read()
    client.close()
    return f"HTTP/1.{response.version % 10} {response.status} {response.reason}", response.getheaders(), body

