"""snippets/pep3333_environ.py: the environ of wsgiref, runserver and the gateway."""

import re

from scripts.snippet_runs import run_snippet


def test_three_servers_build_the_environ_the_snippet_asserts():
    run = run_snippet("snippets/pep3333_environ.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    assert re.search(r"^HTTP_X_SHADE +'dark' +\(absent\) +'dark'$", out, re.MULTILINE)
    assert re.search(r"^wsgi\.input +a BufferedReader +a LimitedStream +a BytesIO$", out, re.MULTILINE)
    assert re.search(r"^wsgi\.file_wrapper +FileWrapper +FileWrapper +\(absent\)$", out, re.MULTILINE)
    # Every server bound 127.0.0.1 on a port the system picked.
    ports = re.search(r"^SERVER_PORT +'(\d+)' +'(\d+)' +'(\d+)'$", out, re.MULTILINE).groups()
    assert all(int(p) > 0 for p in ports) and len(set(ports)) == 3
