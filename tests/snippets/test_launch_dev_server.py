"""snippets/launch_dev_server.py: threads per connection, --nothreading, and clean stops."""

import os
import re

from scripts.snippet_runs import run_snippet


def test_the_dev_server_runs_standalone_and_its_asserts_hold():
    run = run_snippet("snippets/launch_dev_server.py")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "  django.core.servers.basehttp.WSGIServer\n    <- wsgiref.simple_server.WSGIServer\n" in out
    assert "B: HTTP/1.1 200 OK (Server: WSGIServer/0.2 CPython/" in out
    assert "B: no answer within 0.5 s, while A's request is incomplete\nA: HTTP/1.1 200 OK\nB: HTTP/1.1 200 OK, Connection: close\n" in out


def test_both_servers_are_gone():
    out = run_snippet("snippets/launch_dev_server.py").stdout
    pids = [int(pid) for pid in re.findall(r"runserver \(pid (\d+)\) exited with code 0", out)]
    assert len(pids) == 2
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        raise AssertionError(f"runserver pid {pid} is still running")
