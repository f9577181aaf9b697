"""The development server: what it is built on, how it serves at the same time, and its limits.

    python snippets/launch_dev_server.py

Starts the example project's real `manage.py runserver --noreload` on 127.0.0.1 and a
port the system picks, twice: with threading on (the default) and with --nothreading.
In each run, client A connects and sends only the first line of its request, like a slow
client; client B then sends a whole request. With threading, B is answered while A's
request is still incomplete, each connection in a thread of its own. Without it, B gets
no answer until A's request is complete. In the threaded run, client C keeps its
connection open after its request while the server is stopped: the server does not wait
for it.
"""

import http.client
import os
import re
import select
import signal
import socket
import subprocess
import sys
from pathlib import Path

from support.child_processes import dies_with_this_process

MYSITE = Path(__file__).resolve().parent / "mysite"


class Server:
    """`manage.py runserver --noreload` in a child process, and the lines of its console."""

    def __init__(self, *options):
        self.command = ["manage.py", "runserver", "127.0.0.1:0", "--noreload", *options]
        self.process = subprocess.Popen(
            [sys.executable, *self.command],
            cwd=MYSITE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,  # one console, as in a terminal
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            preexec_fn=dies_with_this_process(),  # SIGTERM to it if this script dies, even killed
        )
        self.console = []
        self.port = int(self.read_until(r"server at http://127\.0\.0\.1:(\d+)/")[1])

    def read_until(self, pattern):
        for line in self.process.stdout:
            self.console.append(line.rstrip("\n"))
            if match := re.search(pattern, line):
                return match
        raise RuntimeError(f"the server exited before printing {pattern!r}:\n" + "\n".join(self.console))

    def stop(self):
        """CONTROL-C, and the rest of the console."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            rest, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # never leave a server behind
            self.process.kill()
            self.process.communicate()
            raise
        self.console += rest.splitlines()
        return self.process.returncode

    def views_and_access_log(self):
        return [line for line in self.console if "hello.views.index()" in line or '"GET /' in line]


# --8<-- [start:clients]
def slow_client_starts(port, name):
    """Connect and send only the request line: the server now waits for the headers."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(f"GET /?from={name} HTTP/1.1\r\n".encode())
    return sock


def slow_client_finishes(sock):
    sock.sendall(b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    reply = sock.makefile("rb").read()  # all of it: the server closes the connection after it
    sock.close()
    return reply.decode().splitlines()[0]


def whole_request(port, name):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", f"/?from={name}")
    response = client.getresponse()
    response.read()
    client.close()
    return f"HTTP/1.1 {response.status} {response.reason}", response.getheader("Server"), response.getheader("Connection")
# --8<-- [end:clients]


print("What the development server is made of: Django's classes and their bases")
sys.path.insert(0, str(MYSITE))
from django.core.servers.basehttp import ServerHandler, WSGIRequestHandler, WSGIServer  # noqa: E402

for cls in (WSGIServer, WSGIRequestHandler, ServerHandler):
    print(f"  {cls.__module__}.{cls.__qualname__}")
    for base in cls.__mro__[1:-1]:
        print(f"    <- {base.__module__}.{base.__qualname__}")

print("\n$ python manage.py runserver 127.0.0.1:0 --noreload        # threading on")
threaded = Server()
try:
    # --8<-- [start:threaded]
    a = slow_client_starts(threaded.port, "A")
    b_status, server_header, b_connection = whole_request(threaded.port, "B")
    print(f"B: {b_status} (Server: {server_header}), while A's request is still incomplete")
    threaded.read_until(r'"GET /\?from=B HTTP/1.1" 200')  # the server logs B after answering it
    print(f"A: {slow_client_finishes(a)}")
    c = http.client.HTTPConnection("127.0.0.1", threaded.port, timeout=30)
    c.request("GET", "/?from=C")  # HTTP/1.1: the connection stays open after the response,
    c_response = c.getresponse()  # and C's thread waits on it for C's next request
    c_response.read()
    print(f"C: HTTP/1.1 {c_response.status} {c_response.reason}, and C keeps the connection open")
    # --8<-- [end:threaded]
    threaded.read_until(r'"GET /\?from=C HTTP/1.1" 200')
finally:
    code = threaded.stop()
print(f"CONTROL-C: runserver (pid {threaded.process.pid}) exited with code {code}, with C's connection still open")
c.close()
print("the console's view and access-log lines:")
print("\n".join(f"  {line}" for line in threaded.views_and_access_log()))

print("\n$ python manage.py runserver 127.0.0.1:0 --noreload --nothreading")
single = Server("--nothreading")
try:
    # --8<-- [start:single]
    a = slow_client_starts(single.port, "A")
    b = socket.create_connection(("127.0.0.1", single.port), timeout=30)
    b.sendall(b"GET /?from=B HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")  # a whole request
    readable, _, _ = select.select([b], [], [], 0.5)  # any answer for B within half a second?
    print(f"B: {'answered' if readable else 'no answer'} within 0.5 s, while A's request is incomplete")
    print(f"A: {slow_client_finishes(a)}")
    b_reply = b.makefile("rb").read().decode()  # the server closes B's connection after answering
    b.close()
    print(f"B: {b_reply.splitlines()[0]}, Connection: {re.search(r'Connection: (.*)', b_reply)[1].strip()}")
    # --8<-- [end:single]
finally:
    code = single.stop()
print(f"CONTROL-C: runserver (pid {single.process.pid}) exited with code {code}")
print("the console's view and access-log lines:")
print("\n".join(f"  {line}" for line in single.views_and_access_log()))

# Built on the standard library's wsgiref, http.server and socketserver.
assert [c.__module__ for c in WSGIServer.__mro__[1:4]] == ["wsgiref.simple_server", "http.server", "socketserver"]
assert server_header.startswith("WSGIServer/0.2 CPython/")
# Threading on: B is served while A's thread still waits, A and B in threads of their own.
assert b_status == "HTTP/1.1 200 OK"
threaded_lines = threaded.views_and_access_log()
assert "Thread-2 (process_request_thread)" in threaded_lines[0] and '"GET /?from=B' in threaded_lines[1]
assert "Thread-1 (process_request_thread)" in threaded_lines[2] and '"GET /?from=A' in threaded_lines[3]
assert "Thread-3 (process_request_thread)" in threaded_lines[4] and '"GET /?from=C' in threaded_lines[5]
# C's connection was kept open (no "Connection: close"), yet CONTROL-C stopped the server.
assert c_response.getheader("Connection") is None and threaded.process.returncode == 0
# Threading off: nothing for B until A is done; one connection at a time, closed after each.
assert not readable and b_reply.startswith("HTTP/1.1 200 OK") and "Connection: close" in b_reply
assert code == 0
single_lines = single.views_and_access_log()
assert "'MainThread'" in single_lines[0] and '"GET /?from=A' in single_lines[1] and '"GET /?from=B' in single_lines[3]
