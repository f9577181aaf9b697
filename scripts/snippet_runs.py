"""Run a snippet as a reader would, once per test session.

A snippet's own test and the check of the output a page shows from it both need the same
run; this module runs each snippet once per process, from the project root, and keeps the
result.

A snippet never outlives its run: it is started with a parent-death signal (SIGKILL,
through snippets/support/child_processes.py, the mechanism the snippets themselves use for
their servers), so it dies with the test run even when the run is killed with SIGKILL;
and it runs in a process group of its own, which is killed whole if it overruns its time.
The servers a snippet starts die with the snippet in turn (see child_processes.py).
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib.util
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from scripts.background_priority import lower_this_child
from scripts.includes import ROOT

SNIPPET_TIMEOUT = 120


def _load_child_processes():
    # Loaded from its file: snippets/ is not a package of the tooling, and putting it on
    # the path would make every snippet importable by name.
    path = ROOT / "snippets" / "support" / "child_processes.py"
    spec = importlib.util.spec_from_file_location("_snippet_support_child_processes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dies_with_this_process = _load_child_processes().dies_with_this_process


class SnippetFailed(Exception):
    """A snippet that exited with an error; the message has its output and how to rerun it."""


class SnippetTimedOut(SnippetFailed):
    """A snippet that did not finish in time; its process group was killed."""


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


def run_snippet(snippet: str, root: Path = ROOT, timeout: float = SNIPPET_TIMEOUT,
                python: str | None = None) -> SnippetRun:
    """Run ``python <snippet>`` as a reader would, from the project root; cached per process,
    so a snippet's own test and the check of its shown output share one run. Raises
    SnippetTimedOut, having killed the snippet's process group, after ``timeout`` seconds.
    A run that ``start_in_background`` began is waited for, not started again.

    ``python`` is the interpreter, that is, the Django series it runs on; by default the one
    ``on_interpreter`` chose (the snippet tests choose each series' in turn), else this one."""
    return _runs.run(snippet, Path(root).resolve(), timeout, python or _chosen.get() or sys.executable)


def start_in_background(runs: list[tuple[str, str | None]], root: Path = ROOT, workers: int = 2,
                        first: list[tuple[str, str | None]] = (), first_workers: int = 3,
                        then: Callable[[], None] | None = None, niceness: int = 0) -> None:
    """Begin these (snippet, interpreter) runs now, ``workers`` at a time, so that the tests
    that need them later find them done. Snippets are independent programs that spend most
    of their time waiting on servers they start, so a test session overlaps them.

    The runs in ``first`` (snippets whose results need the processor to themselves: they
    depend on timing) run before all the others,
    ``first_workers`` at a time, with nothing else of the session in the background. When
    they have ended, the others begin, with their priority lowered by ``niceness``
    (scripts/background_priority.py), and ``then()`` is called, to begin more work."""
    def interpreter(runs):
        return [(s, p or sys.executable) for s, p in runs]

    first = list(dict.fromkeys(interpreter(first)))
    rest = [run for run in dict.fromkeys(interpreter(runs)) if run not in first]
    _runs.start(first, rest, Path(root).resolve(), workers, first_workers, then, niceness)


def wait_for_the_first_runs() -> None:
    """Return once the runs given as ``first`` to ``start_in_background`` have all ended
    (at once if there were none)."""
    _runs.first_ended.wait()


_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("snippet_interpreter", default=None)


@contextlib.contextmanager
def on_interpreter(python: str):
    """Inside the block, ``run_snippet`` without ``python=`` runs snippets with ``python``."""
    token = _chosen.set(python)
    try:
        yield
    finally:
        _chosen.reset(token)


class _Runs:
    """One run per snippet and root, shared between the test that asks and the background."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._futures: dict[tuple, Future] = {}
        self.first_ended = threading.Event()
        self.first_ended.set()  # until runs that come first are begun

    def run(self, snippet: str, root: Path, timeout: float, python: str) -> SnippetRun:
        key = (snippet, root, timeout, python)
        with self._lock:
            future, mine = self._futures.get(key), False
            if future is None:
                future, mine = Future(), True
                self._futures[key] = future
        if mine:  # nobody began it: run it here, in the caller's thread
            _fill(future, snippet, root, timeout, python, 0)
        return future.result()

    def start(self, first: list[tuple[str, str]], rest: list[tuple[str, str]], root: Path, workers: int,
              first_workers: int, then: Callable[[], None] | None, niceness: int) -> None:
        with self._lock:
            first = [run for run in first if self._key(run, root) not in self._futures]
            rest = [run for run in rest if self._key(run, root) not in self._futures]
            # Every run has its future from now on, so a test asking for one waits for it.
            waiting = {run: self._futures.setdefault(self._key(run, root), Future()) for run in rest}
            firsts = [self._futures.setdefault(self._key(run, root), Future()) for run in first]
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="snippet run")

        def begin_the_rest() -> None:
            self.first_ended.set()
            for (snippet, python), future in waiting.items():
                pool.submit(_fill, future, snippet, root, SNIPPET_TIMEOUT, python, niceness)
            pool.shutdown(wait=False)  # its threads end when the queue is empty
            if then is not None:
                then()

        if not first:
            begin_the_rest()
            return
        self.first_ended.clear()
        left = [len(first)]
        lock = threading.Lock()

        def one_ended(_future: Future) -> None:
            with lock:
                left[0] -= 1
                last = left[0] == 0
            if last:
                begin_the_rest()

        quiet = ThreadPoolExecutor(max_workers=first_workers, thread_name_prefix="snippet run (first)")
        for (snippet, python), future in zip(first, firsts):
            future.add_done_callback(one_ended)
            quiet.submit(_fill, future, snippet, root, SNIPPET_TIMEOUT, python, 0)
        quiet.shutdown(wait=False)

    @staticmethod
    def _key(run: tuple[str, str], root: Path) -> tuple:
        snippet, python = run
        return (snippet, root, SNIPPET_TIMEOUT, python)


def _fill(future: Future, snippet: str, root: Path, timeout: float, python: str, niceness: int) -> None:
    """Run the snippet and settle ``future`` with its run, or with what it raised."""
    try:
        future.set_result(_run_snippet(snippet, root, timeout, python, niceness))
    except BaseException as error:
        future.set_exception(error)


_runs = _Runs()


def _as_from_a_terminal() -> None:
    # Snippets stop their servers with CONTROL-C (SIGINT), as a reader would. A test run
    # started in the background (CI, nohup, `&`) inherits SIGINT as *ignored*, and so
    # would every server; give the snippet the terminal's default back.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _prepare_the_child(niceness: int) -> Callable[[], None]:
    lower = lower_this_child(niceness)

    def prepare() -> None:
        _as_from_a_terminal()
        lower()

    return prepare


def _kill_the_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the snippet and everything in its group
    except ProcessLookupError:
        pass  # the group has already ended


def _run_snippet(snippet: str, root: Path, timeout: float, python: str, niceness: int = 0) -> SnippetRun:
    process = subprocess.Popen(
        [python, snippet],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        process_group=0,  # a group of its own, led by the snippet, to kill whole on a timeout
        preexec_fn=dies_with_this_process(signal.SIGKILL, then=_prepare_the_child(niceness),
                                          waited_for_by_this_thread=True),
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_the_group(process)
        try:
            stdout, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # a process outside the group still holds its output open
            stdout, stderr = "(not read)\n", "(not read)\n"
            process.wait()
        raise SnippetTimedOut(
            f"{snippet}: did not finish within {timeout} s; its process group was killed. "
            f"Run `python {snippet}` to see where it waits.\n--- stderr ---\n{stderr}--- stdout ---\n{stdout}"
        ) from None
    except BaseException:  # CONTROL-C in the test run, or any other way out
        _kill_the_group(process)
        process.wait()
        raise
    return SnippetRun(snippet, process.returncode, stdout, stderr)
