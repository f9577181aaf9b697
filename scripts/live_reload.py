"""Run `make serve`'s own command on a copy of the project and watch it rebuild.

The live-reload test proves that editing a page or a snippet reloads the browser, and the
benchmark times that rebuild; both need the same steps: copy what a build reads, start the
Makefile's serve recipe on a free port, and use MkDocs' live-reload poll
(`/livereload/<epoch>/<id>` answers only once a rebuild has finished) as the browser does.
"""

from __future__ import annotations

import contextlib
import queue
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from scripts.includes import ROOT

# Everything a build or `mkdocs serve` reads; derived, so that a new folder pages use
# (overrides/, calltrees/, ...) is never left out of the copy.
NOT_SITE_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", ".venv-zensical", ".venv-django-*", ".mkdocs-django-*", ".lock-venv", ".cache", "site", "__pycache__", ".pytest_cache",
    "*.sqlite3", "node_modules", "tests",
)
SERVING = "Serving on http://127.0.0.1:"


def copy_project(destination: Path) -> Path:
    shutil.copytree(ROOT, destination, ignore=NOT_SITE_SOURCES, dirs_exist_ok=True)
    return destination


def serve_recipe() -> list[str]:
    """The `serve` recipe of the Makefile, as written (``$(BIN)/mkdocs serve ...``)."""
    recipe = re.search(r"^serve:.*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)[1]
    return shlex.split(recipe)


def serve_command(port: int) -> list[str]:
    """That recipe with this interpreter's mkdocs and ``port`` instead of 8000."""
    args = serve_recipe()
    if args[0] != "$(BIN)/mkdocs" or "127.0.0.1:8000" not in args:
        raise ValueError(f"unexpected serve recipe in the Makefile: {args}")
    return [sys.executable, "-m", "mkdocs", *(a.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for a in args[1:])]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 90) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


@contextlib.contextmanager
def serving(project: Path, start_timeout: float = 120):
    """Serve ``project`` with the Makefile's command; yield its base URL; always stop it."""
    port = free_port()
    process = subprocess.Popen(
        serve_command(port), cwd=project, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(l) for l in process.stderr], daemon=True)
    reader.start()
    try:
        while SERVING not in (line := lines.get(timeout=start_timeout)):
            if process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited: {line}")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=5)


class LiveReloadOff(AssertionError):
    """The served pages have no live-reload script, or the poll answered without a rebuild."""


def reload_epoch(html: str) -> tuple[int, int]:
    m = re.search(r"livereload\((\d+), (\d+)\)", html)
    if not m:
        raise LiveReloadOff("the served page has no live-reload script")
    return int(m[1]), int(m[2])


def edit_and_wait(base: str, page_url: str, path: Path, addition: str) -> tuple[str, float]:
    """Append ``addition`` to ``path``, wait for the rebuild the page's script waits for,
    and return the page as served afterwards with the seconds the rebuild took."""
    epoch, request_id = reload_epoch(get(page_url))
    start = time.perf_counter()
    path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
    newer = int(get(f"{base}/livereload/{epoch}/{request_id}"))
    seconds = time.perf_counter() - start
    if newer <= epoch:
        raise LiveReloadOff("the server answered the reload poll without rebuilding: live reload is off")
    return get(page_url), seconds
