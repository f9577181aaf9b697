"""snippets/support/server_process.py: real servers start on 127.0.0.1, serve the example
project, stop, and leave nothing behind; a server that cannot start says why.

gunicorn serves the project's `wsgi.py` and uvicorn its `asgi.py`, as production would.
Each failure a production snippet can meet is made to happen for real: the port taken, the
program missing, a server that exits at once, and one that hangs without ever being ready.
"""

from __future__ import annotations

import http.client
import socket
import sys

import pytest

from tests import process_tree
from tests.support_modules import SNIPPETS, load

server_process = load("server_process")
MYSITE = SNIPPETS / "mysite"
GUNICORN_READY = r"Listening at: http://127\.0\.0\.1:(\d+)"


def get(port: int, path: str = "/") -> tuple[int, bytes]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path)
        response = client.getresponse()
        return response.status, response.read()
    finally:
        client.close()


def gunicorn(*options: str) -> list[str]:
    return [sys.executable, "-m", "gunicorn", *options, "mysite.wsgi"]


def test_gunicorn_serves_the_project_and_stops_with_its_workers():
    with server_process.ServerProcess("gunicorn", gunicorn("--bind", "127.0.0.1:0", "--workers", "2"),
                                      ready=GUNICORN_READY, cwd=MYSITE) as server:
        assert get(server.port) == (200, b"Hello from the view.\n")
        server.wait_for(r"Booting worker", 30)
        group = [p.pid for p in process_tree.descendants(server.pid)] + [server.pid]
    assert server.returncode == 0
    assert any("Shutting down: Master" in line for line in server.log)
    assert process_tree.still_running_after(group, timeout=30) == []


def test_uvicorn_serves_the_projects_asgi_application():
    command = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", "0", "mysite.asgi:application"]
    with server_process.ServerProcess("uvicorn", command, ready=r"Uvicorn running on http://127\.0\.0\.1:(\d+)",
                                      cwd=MYSITE) as server:
        assert get(server.port) == (200, b"Hello from the view.\n")
        server.wait_for(r"signal request_finished", 30)
    assert "[hello] signal request_started: GET /" in server.log


def test_a_port_already_taken_fails_naming_the_server_and_showing_its_log():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = gunicorn("--bind", f"127.0.0.1:{port}")
        with pytest.raises(server_process.ServerFailed) as failure:
            with server_process.ServerProcess("gunicorn", command, ready=GUNICORN_READY, cwd=MYSITE):
                pass
    message = str(failure.value)
    assert message.startswith("gunicorn exited with code 1 before printing a line matching")
    assert "Connection in use" in message and "The end of its log:" in message


def test_a_missing_program_fails_naming_it():
    with pytest.raises(server_process.ServerFailed, match=r"^no-such-server could not be started \(/nonexistent/server\)"):
        with server_process.ServerProcess("no-such-server", ["/nonexistent/server"], ready="ready"):
            pass


def test_a_server_that_is_never_ready_is_killed_at_the_deadline_with_a_message():
    hangs = [sys.executable, "-c", "import threading; print('starting', flush=True); threading.Event().wait()"]
    with pytest.raises(server_process.ServerFailed) as failure:
        with server_process.ServerProcess("hung", hangs, ready="never printed", ready_timeout=2) as server:
            pass
    assert str(failure.value) == (
        "hung printed no line matching 'never printed' within 2 s, and was killed. The end of its log:\n    starting"
    )
