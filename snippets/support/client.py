"""The HTTP client the request snippets ask the development server with.

Each of those snippets sends a few GETs to support/devserver.py's server and prints what
came back in a line or two; `get()` and `gist()` are those two steps.
"""

from __future__ import annotations

import http.client
import re


def get(port: int, path: str, **headers) -> tuple[http.client.HTTPResponse, bytes]:
    """One GET on a connection of its own; the response and its whole body."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path, headers=headers)
        response = client.getresponse()
        return response, response.read()
    finally:
        client.close()


def gist(body: bytes) -> str:
    """A response body in a few words: an HTML page's title, or else the text itself."""
    title = re.search(rb"<title>(.*?)</title>", body, re.DOTALL)
    if title:
        return "page titled " + repr(" ".join(title[1].decode().split()))
    return repr(body.decode())
