"""snippets/launch_autoreload.py: a real runserver with reloading, restarted by a touch.

Beyond the snippet's own asserts: every process it started (the parent and both children)
is gone afterwards, and so is their process group.
"""

import os
import re

import pytest

from scripts.snippet_runs import run_snippet

# Its runs come first in the session, with no other background work: it edits a watched
# file and waits for the reloader's once-a-second look at it, as launch_startup_error does.
pytestmark = pytest.mark.quiet_machine


def test_the_autoreloader_runs_standalone_and_its_asserts_hold(runserver_banner):
    run = run_snippet("snippets/launch_autoreload.py")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "RUN_MAIN='true'" in out and "the child exited with code 3" in out
    assert out.count(f"{runserver_banner} http://127.0.0.1:") == 2
    assert f"{runserver_banner} http://127.0.0.1:0/" not in out
    assert out.endswith("processes still running: []\n")


def test_no_process_is_left_behind():
    out = run_snippet("snippets/launch_autoreload.py").stdout
    pids = {label: int(pid) for label, pid in re.findall(r"^\[(parent|child \d), pid (\d+), ", out, re.MULTILINE)}
    assert set(pids) == {"parent", "child 1", "child 2"}
    for label, pid in pids.items():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(ProcessLookupError):  # the parent led the group: nothing is left in it
        os.killpg(pids["parent"], 0)
