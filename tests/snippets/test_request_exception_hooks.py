"""snippets/request_exception_hooks.py: process_exception sees exceptions from the view,
never from a middleware; outer middleware only ever sees a response."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_which_hooks_see_which_exception():
    run = run_snippet("snippets/request_exception_hooks.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    in_view, in_middleware, handled = run.stdout.split("-- GET ")[1:]
    assert "Inner.process_exception(RuntimeError('the view failed'))\n  Outer.process_exception" in in_view
    assert "client: 500, page titled 'RuntimeError at /boom/'" in in_view
    assert "process_exception" not in in_middleware
    assert "signal got_request_exception\n  Outer on the way out: a response, 500" in in_middleware
    assert "Outer.process_exception" not in handled and "signal" not in handled
    assert "client: 503, 'Inner handled it.\\n'" in handled
    assert "caught" not in run.stdout
