"""snippets/support/child_processes.py: a server a script starts ends when the script is
killed with SIGKILL, both shapes of it: a plain runserver child, and runserver with the
reloader (a parent whose own child serves). Without it, the server outlives the script.

Each test runs a small script that starts runserver on 127.0.0.1 port 0 as the snippets
do, and prints the port once the banner is out (the synchronisation: nothing sleeps). The
test kills the script with SIGKILL and waits, with a deadline, on pidfds of every process
the script had started. The test session is a subreaper (see conftest.py), so an orphaned
server is re-parented to it and is still found and waited for here.
"""

import ast
import http.client
import os
import select
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
if shape == "reloader":
    server = start_runserver(MYSITE, ["manage.py", "runserver", "127.0.0.1:0"])
else:
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "127.0.0.1:0", "--noreload"],
        cwd=MYSITE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={{**os.environ, "PYTHONUNBUFFERED": "1"}},
        **({{"preexec_fn": dies_with_this_process()}} if shape == "plain" else {{}}),
    )
for line in server.stdout:
    if found := re.search(r"server at http://127\\.0\\.0\\.1:(\\d+)/", line):
        print(found[1], flush=True)
        break
else:
    sys.exit("runserver ended before its banner")
sys.stdin.read()  # until the test kills this script
"""


def start_script(tmp_path: Path, shape: str) -> tuple[subprocess.Popen, int]:
    """Run the script for ``shape``; return it and the server's port, once it listens."""
    path = tmp_path / "starts_a_server.py"
    path.write_text(SCRIPT)
    script = subprocess.Popen([sys.executable, str(path), shape], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    readable, _, _ = select.select([script.stdout], [], [], 60)
    line = script.stdout.readline() if readable else ""
    if not line.strip().isdigit():
        end_everything_under(script)
        pytest.fail(f"the {shape} server did not print its banner within 60 s (script output: {line!r})")
    return script, int(line)


def end_everything_under(script: subprocess.Popen) -> None:
    """Whatever a test found: kill the script and all it started, and wait for them."""
    tree = [p.pid for p in process_tree.descendants(script.pid)]
    for pid in [script.pid, *tree]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    script.wait(timeout=30)
    process_tree.still_running_after(tree, 30)
    script.stdin.close()
    script.stdout.close()


def status_of_a_get(port: int) -> int:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", "/")
        return client.getresponse().status
    finally:
        client.close()


@pytest.mark.parametrize("shape, processes", [("plain", 1), ("reloader", 2)])
def test_the_server_ends_when_its_script_is_killed(tmp_path, shape, processes):
    script, port = start_script(tmp_path, shape)
    try:
        tree = [p for p in process_tree.descendants(script.pid) if p.running]
        assert len(tree) == processes, f"the {shape} server is {processes} process(es): {[str(p) for p in tree]}"
        if shape == "reloader":  # the reloader's parent, and the child it started, which serves
            assert tree[0].ppid == script.pid and tree[1].ppid == tree[0].pid
        assert status_of_a_get(port) == 200

        os.kill(script.pid, signal.SIGKILL)  # no finally, no atexit, no signal handler runs
        script.wait(timeout=30)
        left = process_tree.still_running_after([p.pid for p in tree], timeout=30)
        assert not left, f"still running 30 s after their script was killed: {[str(p) for p in tree if p.pid in left]}"
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5)
    finally:
        end_everything_under(script)


def test_without_it_the_server_outlives_its_killed_script(tmp_path):
    """The control: the same plain server started without dies_with_this_process()."""
    script, port = start_script(tmp_path, "unguarded")
    [server] = [p for p in process_tree.descendants(script.pid) if p.running]
    try:
        os.kill(script.pid, signal.SIGKILL)
        script.wait(timeout=30)
        assert status_of_a_get(port) == 200, "the orphaned server still serves"
        assert process_tree.processes()[server.pid].ppid == os.getpid(), "handed to the test session, the subreaper"
    finally:
        end_everything_under(script)
        try:
            os.kill(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        assert process_tree.still_running_after([server.pid], 30) == []


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
