"""The processor priority of a test session's background work.

Why it exists: a test session begins its slow, independent work (snippet runs, the
published site's build and every page's load in the browser) in the background, and runs
the other tests meanwhile. On a machine with few cores they compete; the tests in the
foreground are the session's critical path, so the background work runs at a lower
priority (a higher nice value) and takes the processor time the foreground leaves idle.
A process or thread can lower its own priority, never raise it back: what is lowered
stays lowered, and so do the children it starts.
"""

from __future__ import annotations

import os
import sys
import threading

NICENESS = 10


def lower_this_thread(niceness: int = NICENESS) -> None:
    """Lower the priority of the calling thread (and of the threads and processes it starts
    from now on) by ``niceness``. On Linux a thread has a nice value of its own; elsewhere
    this does nothing rather than lower the whole test process."""
    if sys.platform == "linux" and niceness:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(),
                       os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) + niceness)


def lower_this_child(niceness: int = NICENESS):
    """A function for a child process to call before it runs its program (``preexec_fn``):
    lowers the child's priority by ``niceness``."""
    def in_the_child() -> None:
        if niceness:
            os.nice(niceness)

    return in_the_child
