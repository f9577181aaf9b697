"""One request, start to finish: run the example project's development server, send it
one GET, and print what the server's console and the client each saw.

    python snippets/one_request.py

The server is the real `manage.py runserver`, started as a child process on 127.0.0.1
with port 0 (the operating system picks a free port, and runserver's banner reports it).
The example project's `hello` app logs its middleware, its view and two signals, so the
console shows where each stage falls. The asserts at the end check that order.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from support.child_processes import dies_with_this_process

MYSITE = Path(__file__).resolve().parent / "mysite"


def read_until(stream, pattern, seen):
    """Read the server's console line by line until a line matches ``pattern``."""
    for line in stream:
        seen.append(line.rstrip("\n"))
        match = re.search(pattern, line)
        if match:
            return match
    raise RuntimeError(f"the server exited before printing {pattern!r}:\n" + "\n".join(seen))


console = []
# --8<-- [start:launch]
server = subprocess.Popen(
    [sys.executable, "manage.py", "runserver", "127.0.0.1:0", "--noreload"],
    cwd=MYSITE,
    stdout=subprocess.PIPE,
    stderr=subprocess.STDOUT,  # one console, as in a terminal
    text=True,
    env={**os.environ, "PYTHONUNBUFFERED": "1"},
    preexec_fn=dies_with_this_process(),  # SIGTERM to it if this script dies, even killed
)
# --8<-- [end:launch]
try:
    port = int(read_until(server.stdout, r"server at http://127\.0\.0\.1:(\d+)/", console)[1])

    # --8<-- [start:request]
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", "/")
    response = client.getresponse()
    body = response.read()
    client.close()
    # --8<-- [end:request]

    # The response is on the wire before the server has finished with the request:
    # wait for the server to say so before stopping it.
    read_until(server.stdout, r"signal request_finished", console)
finally:
    server.send_signal(signal.SIGINT)  # what CONTROL-C does
    try:
        rest, _ = server.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # never leave a server behind
        server.kill()
        server.communicate()
        raise
    console += rest.splitlines()

print("$ python manage.py runserver 127.0.0.1:0 --noreload")
print("\n".join(console))
print()
print("The client received:")
print(f"HTTP/1.1 {response.status} {response.reason}")
for name, value in response.getheaders():
    print(f"{name}: {value}")
print()
print(body.decode(), end="")

assert server.returncode == 0, "runserver stops cleanly on CONTROL-C"
assert response.status == 200 and body == b"Hello from the view.\n"


def position(text):
    return next(i for i, line in enumerate(console) if text in line)


# Launch: django.setup() (which runs ready()) comes before runserver's own work,
# and the middleware is built before the server listens.
assert position("HelloConfig.ready()") < position("Performing system checks...")
assert position("HelloConfig.ready()") < position("TraceMiddleware.__init__()")
assert position("TraceMiddleware.__init__()") < position("development server at")  # the banner
# One request: signal, middleware in, view, middleware out, access log, signal.
stages = [
    "signal request_started: GET /",
    "TraceMiddleware: in  GET /",
    "view hello.views.index()",
    "TraceMiddleware: out 200 OK",
    '"GET / HTTP/1.1" 200',
    "signal request_finished",
]
assert [position(s) for s in stages] == sorted(position(s) for s in stages)
assert sum("TraceMiddleware.__init__()" in line for line in console) == 1, "built once, not per request"
# The view ran in a thread the threading server started for this connection.
assert "in thread 'Thread-1 (process_request_thread)'" in console[position("view hello.views.index()")]
