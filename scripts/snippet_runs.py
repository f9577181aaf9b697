"""Run a snippet as a reader would, once per test session.

A snippet's own test and the check of the output a page shows from it both need the same
run; this module runs each snippet once per process, from the project root, and keeps the
result.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scripts.includes import ROOT

SNIPPET_TIMEOUT = 120


class SnippetFailed(Exception):
    """A snippet that exited with an error; the message has its output and how to rerun it."""


@dataclass(frozen=True)
class SnippetRun:
    snippet: str
    returncode: int
    stdout: str
    stderr: str

    def require_success(self) -> None:
        if self.returncode != 0:
            raise SnippetFailed(
                f"{self.snippet}: exited with status {self.returncode}; run `python {self.snippet}` to see why.\n"
                f"--- stderr ---\n{self.stderr}--- stdout ---\n{self.stdout}"
            )


def run_snippet(snippet: str, root: Path = ROOT) -> SnippetRun:
    """Run ``python <snippet>`` as a reader would, from the project root; cached per process,
    so a snippet's own test and the check of its shown output share one run."""
    return _run_snippet(snippet, Path(root).resolve())


def _as_from_a_terminal() -> None:
    # Snippets stop their servers with CONTROL-C (SIGINT), as a reader would. A test run
    # started in the background (CI, nohup, `&`) inherits SIGINT as *ignored*, and so
    # would every server; give the snippet the terminal's default back.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@cache
def _run_snippet(snippet: str, root: Path) -> SnippetRun:
    result = subprocess.run(
        [sys.executable, snippet],
        preexec_fn=_as_from_a_terminal,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=SNIPPET_TIMEOUT,
    )
    return SnippetRun(snippet, result.returncode, result.stdout, result.stderr)
