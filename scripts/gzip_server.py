"""A built site served on 127.0.0.1 the way a real host serves it: text compressed with gzip.

Why it exists: Lighthouse's figures (``scripts/benchmark.py``) are only a reader's figures
when the pages travel as a production server sends them. Python's own static server sends
every file as it is, so a 400 kB search index or a 100 kB page would count at full size on
a throttled phone connection. This one compresses HTML, CSS, JavaScript, JSON, SVG and XML
when the client accepts gzip, and serves everything else unchanged.

    with serving(Path("site")) as url:   # http://127.0.0.1:<port>, a port the system picks
        ...

The server runs in a thread of the calling process and is shut down when the block ends.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; compresses text responses for clients that accept gzip."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".mjs": "application/javascript",
                      ".json": "application/json", ".svg": "image/svg+xml"}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL with a slash
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (port 0) in a thread; yield its base URL."""
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
