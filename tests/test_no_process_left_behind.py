"""The session-end check of conftest.py: a test run that leaves a process running fails,
naming it, and the process is killed.

An inner test run (`python -m pytest` with this project's conftest as a plugin) runs one
test that starts a process and does not stop it.
"""

import os
import subprocess
import sys
from pathlib import Path

from tests import process_tree

ROOT = Path(__file__).resolve().parent.parent

LEAKS = """
import subprocess, sys

def test_starts_a_process_and_forgets_it():
    subprocess.Popen([sys.executable, "-c", "import signal; signal.pause()", "forgotten-by-a-test"])
"""


def test_a_run_that_leaves_a_process_behind_fails_naming_it(tmp_path):
    (tmp_path / "test_leaks.py").write_text(LEAKS)
    inner = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TEST_RUN_GRACE_SECONDS": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert inner.returncode == 1, inner.stdout
    assert "1 passed, 1 error" in inner.stdout
    assert "1 process(es) started by the test run were still running 1.0 s after its last test" in inner.stdout
    assert "import signal; signal.pause() forgotten-by-a-test" in inner.stdout
    left = [p for p in process_tree.processes().values() if p.running and "forgotten-by-a-test" in p.command]
    assert not left, f"the check killed what it found: {[str(p) for p in left]}"
