"""snippets/production_mismatched_iterators.py: an async iterator under gunicorn and a sync
one under uvicorn are read whole before anything is sent, with Django's warning in the log;
matching iterators stream."""

import pytest

from scripts.snippet_runs import run_snippet

# Its runs come first in the session, with no other background work: it tells a stream
# from a held-back one by when its lines arrive.
pytestmark = pytest.mark.quiet_machine


def test_a_mismatched_iterator_is_held_back_and_warned_about():
    run = run_snippet("snippets/production_mismatched_iterators.py")
    assert run.returncode == 0, run.stderr
    table, logged = run.stdout.split("\n\n")
    assert table.splitlines() == [
        "gunicorn (WSGI)  sync iterator   each line before the next was produced",
        "gunicorn (WSGI)  async iterator  all at the end, after the last was produced",
        "uvicorn (ASGI)   sync iterator   all at the end, after the last was produced",
        "uvicorn (ASGI)   async iterator  each line before the next was produced",
    ]
    assert "gunicorn (WSGI) logged: StreamingHttpResponse must consume asynchronous iterators" in logged
