"""A client that hangs up in the middle of a stream: what the view's generator sees under
gunicorn (WSGI) and under uvicorn (ASGI).

    python snippets/production_client_disconnect.py

Starts real gunicorn, then real uvicorn, on the example project plus two endless streaming
views (support/streaming_urls.py: a sync generator for WSGI, an async one for ASGI, each
a line every 0.4 s until the client leaves), on 127.0.0.1 and a port the system picks. A
client reads two lines and closes its socket; the snippet then waits for the generator to
report, in the server's log, what stopped it, and for `request_finished`.
"""

import socket
import sys
from pathlib import Path

from support.server_process import ServerProcess

SNIPPETS = Path(__file__).resolve().parent
SITE = {"DJANGO_SETTINGS_MODULE": "support.streaming_settings", "PYTHONPATH": str(SNIPPETS)}
RUNS = {
    "gunicorn (WSGI), sync generator": (
        [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "mysite.wsgi"],
        r"Listening at: http://127\.0\.0\.1:(\d+)", "/stream/endless/"),
    "uvicorn (ASGI), async generator": (
        [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", "0", "mysite.asgi:application"],
        r"Uvicorn running on http://127\.0\.0\.1:(\d+)", "/stream/endless/async/"),
}


# --8<-- [start:hang-up]
def read_two_lines_and_hang_up(port, path):
    client = socket.create_connection(("127.0.0.1", port), timeout=30)
    client.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    received = client.makefile("rb")
    lines = 0
    while lines < 2:
        lines += received.readline().startswith(b"line ")
    received.close()
    client.close()  # gone, in the middle of the stream
# --8<-- [end:hang-up]


results = {}
for name, (command, ready, path) in RUNS.items():
    with ServerProcess(name.split()[0], command, ready=ready, cwd=SNIPPETS / "mysite", env=SITE) as server:
        read_two_lines_and_hang_up(server.port, path)
        stopped = server.wait_for(r"generator stopped after line (\d+): (\w+)", 30)
        server.wait_for(r"signal request_finished", 30)
    results[name] = (int(stopped[1]), stopped[2])
    print(f"{name}: stopped by {stopped[2]}, then request_finished")

gunicorn_lines, gunicorn_stop = results["gunicorn (WSGI), sync generator"]
uvicorn_lines, uvicorn_stop = results["uvicorn (ASGI), async generator"]
assert gunicorn_stop == "GeneratorExit" and uvicorn_stop == "CancelledError"
# Both noticed only after the client had its two lines; under WSGI, only when a later write
# to the closed connection failed.
assert gunicorn_lines > 2 and uvicorn_lines >= 2
