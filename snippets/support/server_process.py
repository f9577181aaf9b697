"""A real server (gunicorn, uvicorn, nginx, ...) as a child process: started on 127.0.0.1,
waited for by what it prints, stopped, and never left behind.

    with ServerProcess("gunicorn", [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0",
                                    "mysite.wsgi"], ready=r"Listening at: http://127\\.0\\.0\\.1:(\\d+)",
                       cwd=MYSITE) as gunicorn:
        gunicorn.port      # the port the server reported (the first group of `ready`)
        gunicorn.log       # every line it printed so far

The production snippets start real servers, and a server that does not start must say
why: the port taken, the program missing, a bad configuration. Every wait here is for a
line the server prints, bounded by a deadline, so a hung server is killed with a message
instead of hanging the snippet, and every failure names the server and shows the end of
its log. The server runs in a process group of its own (gunicorn and nginx are a master
with workers): stopping signals the group, and a group that does not stop in time is
killed. `dies_with_this_process()` ends the master even when the snippet is killed.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import threading
import time

from support.child_processes import dies_with_this_process

LOG_TAIL = 30  # lines of the server's log a failure shows


class ServerFailed(RuntimeError):
    """A server that did not start, or did not stop; the message names it and shows its log."""


def free_port() -> int:
    """A port free on 127.0.0.1 now, for a server that cannot take port 0 itself (nginx).

    Another program could take it before the server binds it; the server then fails to
    start, and says so (``ServerFailed``), rather than anything passing silently.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    """One server, from start to stop (see the module docstring)."""

    def __init__(self, name: str, command: list[str], ready: str, cwd=None, env: dict | None = None,
                 ready_timeout: float = 60, stop_signal: int = signal.SIGTERM, stop_timeout: float = 30):
        self.name, self.command, self.ready = name, command, re.compile(ready)
        self.cwd, self.env = cwd, {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.ready_timeout, self.stop_signal, self.stop_timeout = ready_timeout, stop_signal, stop_timeout
        self.log: list[str] = []
        self.port: int | None = None
        self.returncode: int | None = None
        self._lines: queue.Queue = queue.Queue()
        self._process: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        return self._process.pid

    def __enter__(self) -> "ServerProcess":
        try:
            self._process = subprocess.Popen(
                self.command, cwd=self.cwd, env=self.env, text=True, bufsize=1,
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                start_new_session=True,  # a group of its own: the master and its workers
                preexec_fn=dies_with_this_process(),  # SIGTERM to it if this script dies, even killed
            )
        except OSError as error:
            raise ServerFailed(f"{self.name} could not be started ({' '.join(self.command)}): {error}") from None
        threading.Thread(target=self._read, name=f"{self.name} log", daemon=True).start()
        try:
            match = self.wait_for(self.ready, self.ready_timeout)
        except BaseException:
            self._kill()
            raise
        if match.groups():
            self.port = int(match[1])
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _read(self) -> None:
        for line in self._process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)  # the server closed its output: it has exited

    def wait_for(self, pattern, timeout: float) -> re.Match:
        """The first line from now on that matches ``pattern``; a failure if the server exits
        first or ``timeout`` seconds pass."""
        pattern = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self._lines.get(timeout=max(remaining, 0))
            except queue.Empty:
                self._kill()
                raise ServerFailed(self._report(f"printed no line matching {pattern.pattern!r} within "
                                                f"{timeout:g} s, and was killed")) from None
            if line is None:
                self._lines.put(None)
                code = self._process.wait()
                raise ServerFailed(self._report(f"exited with code {code} before printing a line "
                                                f"matching {pattern.pattern!r}"))
            self.log.append(line)
            match = pattern.search(line)
            if match:
                return match

    def stop(self) -> int:
        """Signal the server's group to stop, wait for it, and return its exit code."""
        if self._process is None or self.returncode is not None:
            return self.returncode
        try:
            os.killpg(self._process.pid, self.stop_signal)
        except ProcessLookupError:
            pass
        try:
            self.returncode = self._process.wait(timeout=self.stop_timeout)
        except subprocess.TimeoutExpired:
            self._kill()
            raise ServerFailed(self._report(f"did not stop within {self.stop_timeout:g} s of "
                                            f"{signal.Signals(self.stop_signal).name}, and was killed")) from None
        self._drain()
        return self.returncode

    def _kill(self) -> None:
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.returncode = self._process.wait()
        self._drain()

    def _drain(self) -> None:
        """Collect what the server printed on its way out (its output is closed by now)."""
        while True:
            try:
                line = self._lines.get(timeout=5)
            except queue.Empty:
                return
            if line is None:
                self._lines.put(None)
                return
            self.log.append(line)

    def _report(self, what: str) -> str:
        tail = "\n".join(f"    {line}" for line in self.log[-LOG_TAIL:]) or "    (nothing)"
        return f"{self.name} {what}. The end of its log:\n{tail}"
