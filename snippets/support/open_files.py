"""Which file descriptors of this process are open on a given file, read from Linux's
/proc/self/fd.

A database connection is, underneath, a file descriptor (SQLite's database file; a socket
for a database server). After a fork the child has the same descriptors, open on the same
files, as its parent; listing them shows what a worker inherited without asking the
database driver, which does not say.
"""

from __future__ import annotations

import os
from pathlib import Path


def descriptors_open_on(path: str) -> list[int]:
    """The descriptors of this process open on ``path``, in increasing order."""
    target = Path(path).resolve()
    found = []
    for entry in Path("/proc/self/fd").iterdir():
        try:
            if Path(os.readlink(entry)) == target:
                found.append(int(entry.name))
        except FileNotFoundError:  # the descriptor /proc listed for itself, closed since
            continue
    return sorted(found)
