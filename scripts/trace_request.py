"""The call-tree scenario of one request: a GET to the example project's development server.

``calltrees/request.toml`` names this module. ``run(rules)`` sets the server up as
``runserver`` does once its checks are done (the handler of the ``runserver`` command
manage.py loads, passed to ``django.core.servers.basehttp.run()`` with threading on), in
a thread of this process, on 127.0.0.1 and a port the system picks. One request warms it
up first: the first request of a process also imports the URLconf and fills caches,
one-time work that would hide the path every request takes.

Then the ``Recorder`` records while a client sends ``GET /`` on a new connection, reads
the response and closes the connection. The request is handled in a thread that the
server's thread starts, so the profile hook is put on every running thread (the server's
loop is already waiting in ``serve_forever``) and, through the Recorder, on every thread
started while it records. The recording ends once the connection's thread has ended, so
the tree holds the whole of it, from the accepted connection to the closed socket.
"""

from __future__ import annotations

import http.client
import os
import queue
import sys
import threading

from scripts.call_tree_recorder import Recorder, Rules
from scripts.call_tree_recorder import ROOT

MYSITE = ROOT / "snippets" / "mysite"


def get(port: int, path: str) -> bytes:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path)
        response = client.getresponse()
        body = response.read()
        if response.status != 200:
            raise AssertionError(f"GET {path}: {response.status} {response.reason}")
        return body
    finally:
        client.close()


def join_connection_threads(server_thread: threading.Thread) -> None:
    """Wait for the threads the server started for connections (they end when the client
    has closed its connection)."""
    for thread in threading.enumerate():
        if thread not in (threading.main_thread(), server_thread, threading.current_thread()):
            thread.join(timeout=30)
            if thread.is_alive():
                raise AssertionError(f"{thread.name} did not end")


def run(rules: Rules):
    sys.path.insert(0, str(MYSITE))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
    import django

    django.setup()
    from django.core.management import ManagementUtility
    from django.core.servers import basehttp

    command = ManagementUtility(["manage.py", "runserver"]).fetch_command("runserver")
    handler = command.get_handler(use_static_handler=True, insecure_serving=False)
    started: queue.Queue = queue.Queue()

    class Server(command.server_cls):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.put(self)

    server_thread = threading.Thread(
        target=basehttp.run, args=("127.0.0.1", 0, handler),
        kwargs={"threading": True, "server_cls": Server}, name="runserver",
    )
    server_thread.start()
    server = started.get(timeout=30)
    try:
        get(server.server_port, "/")  # the warm-up request, not recorded
        join_connection_threads(server_thread)
        recorder = Recorder(rules)
        with recorder:
            threading.setprofile_all_threads(recorder.profile)  # the server's thread too
            try:
                body = get(server.server_port, "/")
                join_connection_threads(server_thread)
            finally:
                threading.setprofile_all_threads(None)
        if body != b"Hello from the view.\n":
            raise AssertionError(f"unexpected body {body!r}")
    finally:
        server.shutdown()
        server_thread.join()
        server.server_close()
    return recorder.tree()
