"""Child processes that end when the script that started them ends, even when it is killed.

A snippet stops the servers it starts in a `finally`, but no `finally` runs when the
snippet itself is killed with SIGKILL (a test run killed, a terminal closed hard), and
an orphaned server would go on serving. Linux can send a process a signal when its parent
dies (`prctl(PR_SET_PDEATHSIG)`); `dies_with_this_process()` sets it in the child, between
fork and exec, so it holds from the child's first instruction of the new program:

    subprocess.Popen([...], preexec_fn=dies_with_this_process())

What it does not cover, and how the snippets cover it:
- The setting is not inherited by the child's own children. `runserver` with reloading
  is a parent that starts the serving child with `subprocess.run()`. The default signal,
  SIGTERM, covers it: `django.utils.autoreload.run_with_reloader()` turns SIGTERM into
  `sys.exit(0)`, and `subprocess.run()`, interrupted by that exception, kills its child
  with SIGKILL and waits for it before the parent exits. (One gap is Django's: a SIGTERM
  that lands while the parent is starting a new child, during a restart, ends the parent
  before `subprocess.run()` holds the child it would kill.)
- The signal comes when the *thread* that started the child ends, not the process, so
  the child must be started from the main thread (checked here).
- Elsewhere than Linux there is no such setting, and the function does nothing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Callable

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def dies_with_this_process(death_signal: int = signal.SIGTERM, then: Callable[[], None] | None = None,
                           waited_for_by_this_thread: bool = False) -> Callable[[], None]:
    """A ``preexec_fn`` for ``subprocess.Popen``: the child gets ``death_signal`` when this
    process ends, however it ends. ``then``, if given, runs next in the child (another
    preparation a ``preexec_fn`` would make). ``waited_for_by_this_thread``: the caller
    waits for the child in the thread that starts it (``subprocess.run``), so that thread
    cannot end first, and any thread may start it."""
    if not waited_for_by_this_thread and threading.current_thread() is not threading.main_thread():
        raise RuntimeError(
            "start the child from the main thread: Linux sends the parent-death signal when "
            "the thread that started the child ends, and this thread may end first"
        )
    parent = os.getpid()
    prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform == "linux" else None  # loaded before the fork

    def in_the_child() -> None:
        if prctl is not None:
            if prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(death_signal), *[ctypes.c_ulong(0)] * 3) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
            if os.getppid() != parent:  # the parent died before the prctl: no signal will come
                os._exit(128 + int(death_signal))
        if then is not None:
            then()

    return in_the_child


def alive(pid: int) -> bool:
    """Whether a process with this pid exists (a zombie, dead but not yet waited for, counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
