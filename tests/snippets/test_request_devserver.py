"""snippets/request_devserver.py: the harness that runs Django's development server in a
snippet's own process, on 127.0.0.1 and a port the system picks, and stops it again."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_serves_one_request_on_a_free_port_and_leaves_no_thread_running():
    run = run_snippet("snippets/request_devserver.py", ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("GET / on 127.0.0.1:")
    assert "127.0.0.1:0:" not in run.stdout  # a port the system picked, not 0
    assert run.stdout.endswith(": 200 OK, b'Hello from the view.\\n'\n")
    # The server's console (the example project logs to standard error) shows the request
    # went through the project's middleware and view, in a connection thread.
    assert "[hello] view hello.views.index(), in thread 'Thread-1 (process_request_thread)'" in run.stderr
