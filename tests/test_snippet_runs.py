"""scripts/snippet_runs.py: a snippet never outlives its run. It dies with the test run
even when the run is killed with SIGKILL, and when it overruns its time, its whole process
group is killed, what it started included.

The snippets here are small programs in tmp_path that report their pids over a socket on
127.0.0.1 (the synchronisation: nothing sleeps) and then wait for a signal forever.
"""

import os
import signal
import socket
import subprocess
import sys
import threading

import pytest

from scripts import snippet_runs
from scripts.includes import ROOT
from tests import process_tree

REPORTS_AND_WAITS = """
import os, signal, socket, subprocess, sys
pids = [os.getpid()]
if os.environ.get("WITH_A_CHILD"):
    # Started as a careless snippet would: nothing ties it to this process but the group.
    pids.append(subprocess.Popen([sys.executable, "-c", "import signal; signal.pause()"]).pid)
with socket.create_connection(("127.0.0.1", int(os.environ["REPORT_PORT"])), timeout=30) as report:
    report.sendall(" ".join(map(str, pids)).encode() + b"\\n")
signal.pause()
"""


@pytest.fixture
def reports(monkeypatch):
    """A listener on 127.0.0.1 port 0 the snippet reports its pids to; returns a reader."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(60)
    monkeypatch.setenv("REPORT_PORT", str(listener.getsockname()[1]))

    def pids() -> list[int]:
        connection, _ = listener.accept()
        with connection, connection.makefile() as lines:
            return [int(pid) for pid in lines.readline().split()]

    yield pids
    listener.close()


def test_the_snippet_dies_when_the_test_run_is_killed(tmp_path, reports):
    (tmp_path / "waits.py").write_text(REPORTS_AND_WAITS)
    runner = subprocess.Popen(
        [sys.executable, "-c", "import sys; from scripts.snippet_runs import run_snippet; run_snippet('waits.py', sys.argv[1])", str(tmp_path)],
        cwd=ROOT,
    )
    try:
        [snippet] = reports()
        assert process_tree.processes()[snippet].ppid == runner.pid
        os.kill(runner.pid, signal.SIGKILL)  # the test run, killed: nothing of it runs again
        runner.wait(timeout=30)
        assert process_tree.still_running_after([snippet], 30) == [], "the snippet outlived the killed run"
    finally:
        for pid in [runner.pid, *(p.pid for p in process_tree.descendants(runner.pid))]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        runner.wait(timeout=30)


def test_a_snippet_that_overruns_is_killed_with_its_process_group(tmp_path, reports, monkeypatch):
    (tmp_path / "overruns.py").write_text(REPORTS_AND_WAITS)
    monkeypatch.setenv("WITH_A_CHILD", "1")
    reported = []
    reader = threading.Thread(target=lambda: reported.extend(reports()))
    reader.start()
    with pytest.raises(snippet_runs.SnippetTimedOut, match=r"^overruns\.py: did not finish within 5 s; its process group was killed"):
        snippet_runs.run_snippet("overruns.py", tmp_path, timeout=5)
    reader.join(timeout=60)
    assert len(reported) == 2, "the snippet reported itself and its child before its time was up"
    assert process_tree.still_running_after(reported, 30) == [], "the snippet's child outlived the time-out"
