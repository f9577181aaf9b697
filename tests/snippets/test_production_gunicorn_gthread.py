"""snippets/production_gunicorn_gthread.py: with --threads 2, one gunicorn worker serves two
requests at once in two threads, each with its own DatabaseWrapper, kept round after
round."""

import pytest

from scripts.snippet_runs import run_snippet

# Its runs come first in the session, with no other background work: it needs two
# requests to meet in two threads at once.
pytestmark = pytest.mark.quiet_machine


def test_one_worker_two_threads_two_connections():
    run = run_snippet("snippets/production_gunicorn_gthread.py")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[1] == "  gunicorn logged: Using worker: gthread"
    assert lines[2:] == [
        "  two GET /db/ at once, round 1:",
        "    the worker, thread 1, DatabaseWrapper 1",
        "    the worker, thread 2, DatabaseWrapper 2",
        "  two GET /db/ at once, round 2:",
        "    the worker, thread 1, DatabaseWrapper 1",
        "    the worker, thread 2, DatabaseWrapper 2",
    ]
