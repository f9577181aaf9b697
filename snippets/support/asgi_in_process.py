"""One GET through an ASGI application, called in this process without a server.

    status, body = asyncio.run(asgi_get(handler, "/wait/async/", "seconds=0"))

What a snippet wants to time is sometimes Django's own work for a request, without the
network and the server around it: here the application gets the `scope`, `receive` and
`send` an ASGI server would give it for a plain GET with no body, and the response is
collected from what it sends. After the request's one body message, `receive` waits, as a
server's does while the client stays connected, until the application stops listening.
"""

from __future__ import annotations

import asyncio


async def asgi_get(application, path: str, query: str = "") -> tuple[int, bytes]:
    """The status and body ``application`` answers a GET of ``path?query`` with."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
        "root_path": "", "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
    }
    messages = [{"type": "http.request", "body": b"", "more_body": False}]
    connected = asyncio.Event()  # never set: the client stays until the response is sent

    async def receive():
        if messages:
            return messages.pop()
        await connected.wait()  # cancelled by the application once it has responded

    sent = []

    async def send(message):
        sent.append(message)

    await application(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body
