"""The processes descended from one, read from /proc, and waiting with a deadline for processes to end.

Tests that kill a snippet or a server with SIGKILL check that nothing it started is left
running, and the test session checks at its end that it left no process behind (see
conftest.py). Both need a process's descendants, a bounded wait for processes to end
(event-driven: a pidfd becomes readable the moment its process ends), and a way to kill
what they left, by pid, without hitting a process that merely reuses a pid.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import time
from dataclasses import dataclass
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36  # from <linux/prctl.h>


@dataclass(frozen=True)
class Process:
    pid: int
    ppid: int
    state: str  # as in /proc/<pid>/stat: R, S, D, Z (ended, not yet waited for), ...
    command: str

    @property
    def running(self) -> bool:
        return self.state not in ("Z", "X")

    def __str__(self) -> str:
        return f"pid {self.pid} (parent {self.ppid}): {self.command}"


def become_subreaper() -> None:
    """Make this process the one orphaned descendants are given to, instead of init.

    Without it, a server whose parent died is re-parented to pid 1 and no longer counts as
    a descendant of the test run; with it, it stays in this process's tree, where the
    session-end check finds it.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, ctypes.c_ulong(1), *[ctypes.c_ulong(0)] * 3) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def processes() -> dict[int, Process]:
    """Every process on the machine, by pid, as /proc shows it now."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended while we looked
        # "pid (comm) state ppid ...": comm may itself hold spaces and parentheses.
        comm_end = stat.rindex(")")
        state, ppid = stat[comm_end + 2:].split()[:2]
        command = " ".join(a.decode(errors="replace") for a in argv if a) or stat[stat.index("(") + 1:comm_end]
        found[int(entry.name)] = Process(int(entry.name), int(ppid), state, command)
    return found


def descendants(pid: int) -> list[Process]:
    """The children of ``pid``, their children, and so on, that exist now (zombies included)."""
    table = processes()
    children: dict[int, list[Process]] = {}
    for process in table.values():
        children.setdefault(process.ppid, []).append(process)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child.pid)
    return found


def still_running_after(pids: list[int], timeout: float, reap: bool = True) -> list[int]:
    """Wait up to ``timeout`` seconds for every process in ``pids`` to end; return those
    that have not. With ``reap``, an ended process that is our child (an orphan handed to
    this subreaper) is waited for, so that it does not linger as a zombie."""
    pidfds = {}
    for pid in pids:
        try:
            pidfds[os.pidfd_open(pid)] = pid
        except ProcessLookupError:
            pass  # already gone, and waited for
    deadline = time.monotonic() + timeout
    try:
        while pidfds:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ended, _, _ = select.select(list(pidfds), [], [], left)
            for fd in ended:
                pid = pidfds.pop(fd)
                os.close(fd)
                if reap:
                    try:
                        os.waitpid(pid, os.WNOHANG)
                    except ChildProcessError:
                        pass  # someone else's child: its parent waits for it
        return sorted(pidfds.values())
    finally:
        for fd in pidfds:
            os.close(fd)


def kill_ours(pids: list[int], timeout: float = 30) -> None:
    """SIGKILL those of ``pids`` that are still descendants of this process, and wait for
    them: a pid that has ended may have been given to an unrelated process since."""
    ours = {p.pid for p in descendants(os.getpid()) if p.running}
    mine = [pid for pid in dict.fromkeys(pids) if pid in ours]
    for pid in mine:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    still_running_after(mine, timeout)
