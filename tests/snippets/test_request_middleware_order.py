"""snippets/request_middleware_order.py: a middleware in the wrong place: authentication
above sessions, and a header-adding middleware inside CommonMiddleware."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_the_order_of_middleware_matters():
    run = run_snippet("snippets/request_middleware_order.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "GET /: 500, page titled 'ImproperlyConfigured at /'" in out
    assert "GET /page: 301, Location: /page/, X-Added: None" in out
    assert "GET /page: 301, Location: /page/, X-Added: yes" in out
