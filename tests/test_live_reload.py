"""`make serve` rebuilds and reloads the browser when a page *or a snippet* changes.

The test runs the Makefile's own serve command (on a free port, in a copy of the project),
then uses MkDocs' live-reload protocol as the browser's script does: it asks
`/livereload/<epoch>/<id>`, which answers only once a rebuild has finished with a newer
epoch. Some `click` releases (8.3.1, for one) silently turn live reload off in MkDocs
1.6.1, which is why requirements.in pins click; with them the served pages carry no
live-reload script at all, and this test fails at once saying so.
"""

from __future__ import annotations

import queue
import re
import shlex
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from tests.test_build import copy_project

ROOT = Path(__file__).resolve().parent.parent


def serve_command(port: int) -> list[str]:
    """The `serve` recipe of the Makefile, with this interpreter's mkdocs and a free port."""
    recipe = re.search(r"^serve:.*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)[1]
    args = shlex.split(recipe)
    assert args[0] == "$(BIN)/mkdocs" and "--livereload" not in args, recipe
    return [sys.executable, "-m", "mkdocs", *args[1:]], args


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 90) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


@pytest.fixture
def server(tmp_path):
    project = copy_project(tmp_path)
    port = free_port()
    command, recipe = serve_command(port)
    command = [a.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for a in command]
    assert f"127.0.0.1:{port}" in command, recipe
    process = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in process.stderr], daemon=True).start()
    try:
        while "Serving on http://127.0.0.1:" not in (line := lines.get(timeout=120)):
            assert process.poll() is None, f"mkdocs serve exited: {line}"
        yield project, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def epoch_of(html: str) -> tuple[int, int]:
    m = re.search(r"livereload\((\d+), (\d+)\)", html)
    assert m, "the served page has no live-reload script"
    return int(m[1]), int(m[2])


def edit_and_wait(base: str, page_url: str, path: Path, marker: str) -> str:
    epoch, request_id = epoch_of(get(page_url))
    path.write_text(path.read_text() + f"\n# {marker}\n")
    newer = int(get(f"{base}/livereload/{epoch}/{request_id}"))
    assert newer > epoch, "the server answered the reload poll without rebuilding: live reload is off"
    return get(page_url)


def test_editing_a_snippet_reloads_the_page_that_includes_it(server):
    project, base = server
    html = edit_and_wait(base, f"{base}/about/", project / "snippets/mysite/hello/views.py", "edited-snippet-7f3a")
    assert "edited-snippet-7f3a" in html


def test_editing_a_page_reloads_it(server):
    project, base = server
    page = project / "docs" / "about.md"
    epoch, request_id = epoch_of(get(f"{base}/about/"))
    page.write_text(page.read_text() + "\nA sentence added while serving, 91c2.\n")
    assert int(get(f"{base}/livereload/{epoch}/{request_id}")) > epoch
    assert "A sentence added while serving, 91c2." in get(f"{base}/about/")
