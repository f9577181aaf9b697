"""The call-tree scenario of one request under uvicorn: a GET to the example project's
``ASGIHandler``.

``calltrees/asgi.toml`` names this module. ``run(rules)`` serves the project's ASGI
application (``mysite.asgi.application``) with real uvicorn (``uvicorn.Server``, its own
asyncio loop and h11 protocol, no lifespan) in a thread of this process, on a socket this
module binds to 127.0.0.1 and a port the system picks, and listens on before uvicorn
starts, so a client can connect at once. One request warms it up first, unrecorded: the
first request of a process also imports the URLconf and fills caches.

Then the ``Recorder`` records while a client sends ``GET /`` on a new connection, reads the
response and closes the connection. The recording ends when the application's call has
returned (the ``ThreadSensitiveContext`` has exited) and uvicorn has seen the connection
close, each signalled by the wrapper and the protocol class below, so the tree holds the
whole request. The request's sync work runs in threads the handler starts while recording;
the recorder hangs it under the ``sync_to_async`` call that sent it there.
"""

from __future__ import annotations

import http.client
import os
import socket
import sys
import threading

from scripts.call_tree_recorder import ROOT, Recorder, Rules

MYSITE = ROOT / "snippets" / "mysite"
TIMEOUT = 30


def get(port: int, path: str) -> bytes:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        client.request("GET", path)
        response = client.getresponse()
        body = response.read()
        if response.status != 200:
            raise AssertionError(f"GET {path}: {response.status} {response.reason}")
        return body
    finally:
        client.close()


def wait(event: threading.Event, what: str) -> None:
    if not event.wait(TIMEOUT):
        raise AssertionError(f"{what} did not happen within {TIMEOUT} s")
    event.clear()


def run(rules: Rules):
    sys.path.insert(0, str(MYSITE))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
    import uvicorn
    from uvicorn.protocols.http.h11_impl import H11Protocol

    from mysite.asgi import application

    served, closed = threading.Event(), threading.Event()

    async def app(scope, receive, send):  # the project's application, and a signal when it returns
        await application(scope, receive, send)
        served.set()

    class Protocol(H11Protocol):
        def connection_lost(self, exc):
            super().connection_lost(exc)
            closed.set()

    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    port = listening.getsockname()[1]
    config = uvicorn.Config(app, loop="asyncio", http=Protocol, lifespan="off", log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    server_thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, name="uvicorn")
    server_thread.start()
    try:
        get(port, "/")  # the warm-up request, not recorded
        wait(served, "the warm-up request's end")
        wait(closed, "the warm-up connection's close")
        recorder = Recorder(rules)
        with recorder:
            threading.setprofile_all_threads(recorder.profile)  # the loop's thread too
            try:
                body = get(port, "/")
                wait(served, "the request's end")
                wait(closed, "the connection's close")
            finally:
                threading.setprofile_all_threads(None)
        if body != b"Hello from the view.\n":
            raise AssertionError(f"unexpected body {body!r}")
    finally:
        server.should_exit = True
        server_thread.join(TIMEOUT)
        listening.close()
    if server_thread.is_alive():
        raise AssertionError("uvicorn did not stop")
    return recorder.tree()
