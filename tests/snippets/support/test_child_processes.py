"""snippets/support/child_processes.py: a server a script starts ends when the script is
killed with SIGKILL, both shapes of it: a plain runserver child, and runserver with the
reloader (a parent whose own child serves). Without it, the server outlives the script.

Each test runs a small script that starts runserver on 127.0.0.1 port 0 as the snippets
do, and waits for the server's banner on the script's output (the synchronisation: nothing
sleeps). A plain server writes to that output directly, so the test holds it open and the
server cannot die of a broken pipe instead. The test kills the script with SIGKILL and
waits, with a deadline, on pidfds of every process the script had started. The test session is a subreaper (see conftest.py), so an orphaned
server is re-parented to it and is still found and waited for here.
"""

import ast
import http.client
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests import process_tree
from tests.support_modules import SNIPPETS, load

SCRIPT = f"""
import os, re, subprocess, sys
sys.path.insert(0, {str(SNIPPETS)!r})  # as for a script in snippets/
from support.child_processes import dies_with_this_process
from support.runserver_process import start_runserver

MYSITE = {str(SNIPPETS / "mysite")!r}
shape = sys.argv[1]
if shape == "reloader":  # as the autoreloader snippets start it, reading its console
    server = start_runserver(MYSITE, ["manage.py", "runserver", "127.0.0.1:0"])
    print(next(line for line in server.stdout if "server at http" in line), end="", flush=True)
else:  # its console is this script's standard output, which the test reads (and holds open)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "127.0.0.1:0", "--noreload"],
        cwd=MYSITE, stderr=subprocess.STDOUT, env={{**os.environ, "PYTHONUNBUFFERED": "1"}},
        **({{"preexec_fn": dies_with_this_process()}} if shape == "plain" else {{}}),
    )
sys.stdin.read()  # until the test kills this script
"""
BANNER = re.compile(r"server at http://127\.0\.0\.1:(\d+)/")


class ServerScript:
    """The script for one shape, running: its process, the server's port, and its console,
    read on a thread of its own to the end, so that the test waits for the banner with a
    deadline and the server never blocks on a full pipe."""

    def __init__(self, tmp_path: Path, shape: str):
        path = tmp_path / "starts_a_server.py"
        path.write_text(SCRIPT)
        self.process = subprocess.Popen([sys.executable, str(path), shape], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.pid = self.process.pid
        self.lines: queue.Queue = queue.Queue()
        self.reader = threading.Thread(target=self.read, name="console reader", daemon=True)
        self.reader.start()
        console = []
        try:
            while (line := self.lines.get(timeout=60)) is not None:
                console.append(line)
                if found := BANNER.search(line):
                    self.port = int(found[1])
                    return
        except queue.Empty:
            pass
        self.end()
        pytest.fail(f"the {shape} server did not print its banner within 60 s:\n{''.join(console)}")

    def read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def end(self, seen=()) -> None:
        """Whatever a test found: kill the script, all it started, and the processes seen
        under it before (orphans are no longer under it), and wait for them."""
        process_tree.kill_ours([self.pid, *seen, *(p.pid for p in process_tree.descendants(self.pid))])
        self.process.wait(timeout=30)
        self.process.stdin.close()
        self.reader.join(timeout=30)  # the output ends once every process holding it has
        self.process.stdout.close()


def status_of_a_get(port: int) -> int:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", "/")
        return client.getresponse().status
    finally:
        client.close()


@pytest.mark.parametrize("shape, processes", [("plain", 1), ("reloader", 2)])
def test_the_server_ends_when_its_script_is_killed(tmp_path, shape, processes):
    script = ServerScript(tmp_path, shape)
    tree = [p for p in process_tree.descendants(script.pid) if p.running]
    try:
        assert len(tree) == processes, f"the {shape} server is {processes} process(es): {[str(p) for p in tree]}"
        if shape == "reloader":  # the reloader's parent, and the child it started, which serves
            assert tree[0].ppid == script.pid and tree[1].ppid == tree[0].pid
        assert status_of_a_get(script.port) == 200

        os.kill(script.pid, signal.SIGKILL)  # no finally, no atexit, no signal handler runs
        script.process.wait(timeout=30)
        left = process_tree.still_running_after([p.pid for p in tree], timeout=30)
        assert not left, f"still running 30 s after their script was killed: {[str(p) for p in tree if p.pid in left]}"
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", script.port), timeout=5)
    finally:
        script.end([p.pid for p in tree])


def test_without_it_the_server_outlives_its_killed_script(tmp_path):
    """The control: the same plain server started without dies_with_this_process()."""
    script = ServerScript(tmp_path, "unguarded")
    [server] = [p for p in process_tree.descendants(script.pid) if p.running]
    try:
        os.kill(script.pid, signal.SIGKILL)
        script.process.wait(timeout=30)
        assert status_of_a_get(script.port) == 200, "the orphaned server still serves"
        assert process_tree.processes()[server.pid].ppid == os.getpid(), "handed to the test session, the subreaper"
    finally:
        script.end([server.pid])


def test_it_must_be_called_from_the_main_thread():
    """Linux signals the child when the *thread* that forked it ends; a helper thread may end first."""
    child_processes = load("child_processes")
    errors = []

    def in_a_thread():
        try:
            child_processes.dies_with_this_process()
        except RuntimeError as error:
            errors.append(str(error))

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert errors and errors[0].startswith("start the child from the main thread")


STARTERS = {("subprocess", name) for name in ("Popen", "run", "call", "check_call", "check_output", "getoutput", "getstatusoutput")}
STARTERS |= {("os", name) for name in ("fork", "forkpty", "system", "popen", "posix_spawn", "posix_spawnp", "execv", "spawnv")}


def unguarded_starts(path: Path) -> list[str]:
    """Calls in ``path`` that start a process without preexec_fn=dies_with_this_process(...)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)):
            continue
        if (node.func.value.id, node.func.attr) not in STARTERS:
            continue
        guard = next((k.value for k in node.keywords if k.arg == "preexec_fn"), None)
        guarded = isinstance(guard, ast.Call) and isinstance(guard.func, ast.Name) and guard.func.id == "dies_with_this_process"
        if not guarded:
            found.append(
                f"{path.relative_to(SNIPPETS.parent)}:{node.lineno}: {node.func.value.id}.{node.func.attr}() starts a "
                "process that would outlive a killed snippet; use subprocess.Popen(..., "
                "preexec_fn=dies_with_this_process()) from support.child_processes"
            )
    return found


def test_every_process_a_snippet_starts_dies_with_it():
    files = [p for p in sorted(SNIPPETS.rglob("*.py")) if "mysite" not in p.relative_to(SNIPPETS).parts]
    problems = [problem for path in files for problem in unguarded_starts(path)]
    assert not problems, "\n".join(problems)


def test_an_unguarded_start_is_named_with_its_line(tmp_path, monkeypatch):
    path = tmp_path / "snippets" / "demo.py"
    path.parent.mkdir()
    path.write_text("import subprocess\n\nsubprocess.run(['true'])\n")
    monkeypatch.setattr(sys.modules[__name__], "SNIPPETS", path.parent)
    assert unguarded_starts(path) == [
        "snippets/demo.py:3: subprocess.run() starts a process that would outlive a killed snippet; "
        "use subprocess.Popen(..., preexec_fn=dies_with_this_process()) from support.child_processes"
    ]
