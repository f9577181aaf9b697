"""The harness the PEP 3333 snippets share: serve one WSGI application on 127.0.0.1, on a
port the system picks, in a thread of its own, and stop the server and its thread again.

    from support.wsgiref_serving import serving
    with serving(application) as port:
        ...  # talk to http://127.0.0.1:<port>/ with a real HTTP client

The server is the standard library's reference WSGI server, wsgiref (or any server class
built like it, such as Django's development server, passed as ``server_class``). Its
access log goes to standard output without the date, so that the snippets' consoles read
in order and do not change from run to run; standard error stays for real problems.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class LoggingRequestHandler(WSGIRequestHandler):
    """wsgiref's request handler, with its access log on standard output."""

    def log_message(self, format, *args):
        print(f"server: {format % args}")


class QuietRequestHandler(WSGIRequestHandler):
    """wsgiref's request handler, without an access log."""

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serving(application, server_class=WSGIServer, handler_class=LoggingRequestHandler) -> Iterator[int]:
    """Serve ``application`` on 127.0.0.1 until the block ends; yield the port."""
    server = make_server("127.0.0.1", 0, application, server_class=server_class, handler_class=handler_class)
    # serve_forever() checks for shutdown() between waits of poll_interval seconds at most.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="server")
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()  # returns once serve_forever() has stopped
        thread.join()
        server.server_close()
