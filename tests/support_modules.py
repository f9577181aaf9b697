"""Import a module of snippets/support/ in the test process, as a snippet imports it.

A snippet imports `support.<module>` because Python puts snippets/ on the path of a script
run from there. The tests of support modules (tests/snippets/support/) import them the
same way, with snippets/ on the path only while importing: left there, it would make every
snippet, and the example project's folder, importable by name in the whole test run.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"


def load(name: str) -> ModuleType:
    """``support.<name>``, imported from snippets/support/<name>.py."""
    sys.path.insert(0, str(SNIPPETS))
    try:
        return importlib.import_module(f"support.{name}")
    finally:
        sys.path.remove(str(SNIPPETS))


def threads_left() -> list[str]:
    """The names of the threads running besides the main one, leaving out the test session's
    background work, which is not the test's: the snippet runs (scripts/snippet_runs.py)
    and the published site's build, server and page loads (tests/background_site.py)."""
    import threading

    from tests.background_site import THREAD_PREFIX

    return [t.name for t in threading.enumerate()
            if t is not threading.main_thread() and not t.name.startswith(("snippet run", THREAD_PREFIX))]
