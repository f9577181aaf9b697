"""snippets/request_calling_the_view.py: ATOMIC_REQUESTS, non_atomic_requests, a view that
returns None, and the database connection closed at request_finished."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_transactions_the_none_check_and_closed_connections():
    run = run_snippet("snippets/request_calling_the_view.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.endswith("rows in the table: ['one', 'three']\n")
    assert "view inserted 'two'; in a transaction: True" in out
    assert "view inserted 'three'; in a transaction: False" in out
    assert "ValueError(\"The view hello.views.forgetful didn't return an HttpResponse object. It returned None instead.\")" in out
    assert out.count("request_finished: this thread's database connection is closed: True") == 4
