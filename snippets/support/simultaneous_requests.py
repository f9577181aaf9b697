"""Many GETs sent at once, for the snippets that count how many requests a server serves
at the same time.

    statuses, bodies, seconds = simultaneous_gets(port, "/wait/sync/?seconds=0.1", 20)

A client with one thread per request would start its requests over some milliseconds, as
its threads get the processor. Here every connection is opened first (a server that
accepts one connection at a time leaves the others in its listen queue), then every
request is written, in one loop that takes microseconds, and only then are the responses
read, each connection closed as soon as its response is read (gunicorn's sync worker
waits for the client to close before it accepts the next connection). So all the
requests are at the server together, and the time measured, from the first request
written to the last response read, is the server's.
"""

from __future__ import annotations

import http.client
import json
import socket
import time


def simultaneous_gets(port: int, path: str, count: int, timeout: float = 60) -> tuple[list[int], list, float]:
    """Send ``count`` GETs of ``path`` at once; their statuses, their JSON bodies, and the
    seconds from the first request written to the last response read."""
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=timeout) for _ in range(count)]
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    try:
        start = time.perf_counter()
        for sock in sockets:
            sock.sendall(request)
        responses = []
        for sock in sockets:
            response = http.client.HTTPResponse(sock)
            response.begin()
            responses.append((response.status, response.read()))
            sock.close()
        seconds = time.perf_counter() - start
    finally:
        for sock in sockets:
            sock.close()
    return [status for status, _ in responses], [json.loads(body) for _, body in responses], seconds
