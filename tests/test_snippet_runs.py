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
from tests.support_modules import SNIPPETS

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


STARTS_A_RELOADING_SERVER = f"""
import os, re, signal, socket, sys
sys.path.insert(0, {str(SNIPPETS)!r})  # as for a script in snippets/
from support.runserver_process import start_runserver

server = start_runserver({str(SNIPPETS / "mysite")!r}, ["manage.py", "runserver", "127.0.0.1:0"])
next(line for line in server.stdout if re.search(r"server at http://127\\.0\\.0\\.1:\\d+/", line))
with socket.create_connection(("127.0.0.1", int(os.environ["REPORT_PORT"])), timeout=30) as report:
    report.sendall(f"{{os.getpid()}}\\n".encode())
signal.pause()
"""


def start_runner(tmp_path, snippet: str) -> subprocess.Popen:
    """A test run of its own (a Python process) that runs one snippet with run_snippet()."""
    code = "import sys; from scripts.snippet_runs import run_snippet; run_snippet(sys.argv[1], sys.argv[2])"
    return subprocess.Popen([sys.executable, "-c", code, snippet, str(tmp_path)], cwd=ROOT)


def kill_all(runner: subprocess.Popen, seen: list[int]) -> None:
    """Whatever a test found: kill the runner, what it started, and what was seen under it
    (orphans are no longer under it), and wait for them."""
    process_tree.kill_ours([runner.pid, *seen, *(p.pid for p in process_tree.descendants(runner.pid))])
    runner.wait(timeout=30)


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
    runner, seen = start_runner(tmp_path, "waits.py"), []
    try:
        seen += reports()
        [snippet] = seen
        assert process_tree.processes()[snippet].ppid == runner.pid
        os.kill(runner.pid, signal.SIGKILL)  # the test run, killed: nothing of it runs again
        runner.wait(timeout=30)
        assert process_tree.still_running_after([snippet], 30) == [], "the snippet outlived the killed run"
    finally:
        kill_all(runner, seen)


def test_a_killed_test_run_takes_the_snippet_and_its_reloading_server_with_it(tmp_path, reports):
    """The whole chain: the run is killed, so its snippet gets SIGKILL, so the runserver
    parent gets SIGTERM, so it kills the child that serves."""
    (tmp_path / "serves.py").write_text(STARTS_A_RELOADING_SERVER)
    runner, seen = start_runner(tmp_path, "serves.py"), []
    try:
        [snippet] = reports()  # sent once the serving child has printed its banner
        tree = [p for p in process_tree.descendants(runner.pid) if p.running]
        seen += [p.pid for p in tree]
        assert [p.ppid for p in tree] == [runner.pid, snippet, tree[1].pid], [str(p) for p in tree]
        os.kill(runner.pid, signal.SIGKILL)
        runner.wait(timeout=30)
        left = process_tree.still_running_after([p.pid for p in tree], 30)
        assert not left, f"still running after the test run was killed: {[str(p) for p in tree if p.pid in left]}"
    finally:
        kill_all(runner, seen)


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


REPORTS_ITS_TIMES_AND_PRIORITY = """
import os, time
began = time.monotonic()
print(began, os.nice(0), time.monotonic())
"""

RUNS_FIRST_THEN_THE_REST = """
import json, sys, time
from pathlib import Path
from scripts import snippet_runs

root = Path(sys.argv[1])
called = []
snippet_runs.start_in_background([("quiet.py", None), ("a.py", None), ("b.py", None)], root, workers=2,
                                 first=[("quiet.py", None)], then=lambda: called.append(time.monotonic()),
                                 niceness=3)
snippet_runs.wait_for_the_first_runs()
runs = {name: snippet_runs.run_snippet(name, root) for name in ("quiet.py", "a.py", "b.py")}
print(json.dumps({"then": called, **{name: list(map(float, run.stdout.split())) for name, run in runs.items()}}))
"""


def test_the_runs_that_come_first_end_before_the_others_begin_at_a_lower_priority(tmp_path):
    import json

    for name in ("quiet.py", "a.py", "b.py"):
        (tmp_path / name).write_text(REPORTS_ITS_TIMES_AND_PRIORITY)
    result = subprocess.run([sys.executable, "-c", RUNS_FIRST_THEN_THE_REST, str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    times = json.loads(result.stdout)
    quiet_began, quiet_niceness, quiet_ended = times["quiet.py"]
    assert len(times["then"]) == 1 and times["then"][0] > quiet_ended
    for name in ("a.py", "b.py"):
        began, niceness, _ = times[name]
        assert began > quiet_ended, f"{name} began before the quiet run ended"
        assert niceness == quiet_niceness + 3
