"""A built site served on 127.0.0.1 under a path prefix only, as GitHub Pages serves it.

Why it exists: Pages publishes a project's site at ``https://<owner>.github.io/<repository>/``,
not at the root of a host. A link or asset the build writes as ``/assets/...``, or a
search index fetched from ``/search/...``, works on ``make serve`` and breaks there. This
server answers only under its prefix (anything else is a 404), and answers a missing
file under it with the build's ``404.html`` and status 404, as Pages does; so a browser
test that finds every request answered has shown the site works where it is published.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, prefix: str, folder: Path, **kwargs):
        self.prefix = prefix
        self.folder = folder
        super().__init__(*args, directory=str(folder), **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix):
            self.send_error(404, f"only {self.prefix} is served here")
            return None
        inner = "/" + path[len(self.prefix):]
        target = self.folder / unquote(inner).lstrip("/")
        if target.is_dir() and not inner.endswith("/"):
            self.send_response(301)  # as Pages does: a folder's URL ends with "/"
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not (target / "index.html" if target.is_dir() else target).is_file():
            body = (self.folder / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        self.path = inner  # the file under the folder; a folder's index.html
        return super().send_head()


class SubpathSite:
    """``folder`` served at ``http://127.0.0.1:<port><prefix>`` (a port the system picks).

    The socket is bound when the object is made, so that the site can be built for its
    address (``site_url``) before it is served; files are read from disk at each request.
    """

    def __init__(self, folder: Path, prefix: str) -> None:
        assert prefix.startswith("/") and prefix.endswith("/"), prefix
        handler = functools.partial(_PrefixHandler, prefix=prefix, folder=folder)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.url = self.origin + prefix
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "SubpathSite":
        self.thread.start()
        return self

    def close(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.thread.join()
        self.server.server_close()
