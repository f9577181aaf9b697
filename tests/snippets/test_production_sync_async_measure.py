"""snippets/production_sync_async_measure.py: twenty requests at once to a view that waits,
under gunicorn's sync and gthread workers and uvicorn: how many are in the view at once
(exact), and what adapting the middleware chain costs (measured; only wide bounds are
asserted, by the snippet)."""

import re

import pytest

from scripts.snippet_runs import run_snippet

# Its runs come first in the session, with no other background work: it counts the
# requests inside a view during twenty 0.1 s waits.
pytestmark = pytest.mark.quiet_machine


def test_most_in_flight_per_server_and_view():
    run = run_snippet("snippets/production_sync_async_measure.py")
    assert run.returncode == 0, run.stderr
    rows = {(server, view): int(most) for server, view, most in
            re.findall(r"^\| ([^|]+) \| ((?:a?sync), [^|]+) \| (\d+) \| [\d.]+ s \|$", run.stdout, re.MULTILINE)}
    assert rows == {
        ("gunicorn, sync worker", "async, asyncio.sleep"): 1,
        ("gunicorn, sync worker", "sync, time.sleep"): 1,
        ("gunicorn, gthread, 4 threads", "async, asyncio.sleep"): 4,
        ("gunicorn, gthread, 4 threads", "sync, time.sleep"): 4,
        ("uvicorn", "async, asyncio.sleep"): 20,
        ("uvicorn", "sync, time.sleep"): 20,
    }
    assert len(re.findall(r"^\| the [^|]+ \| \d+ µs \|$", run.stdout, re.MULTILINE)) == 2
