"""snippets/request_silent_receiver.py: receivers that never fire: garbage-collected, or
waiting for a sender that never sends."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_silent_receivers_and_the_real_senders():
    run = run_snippet("snippets/request_silent_receiver.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "connected in a function" not in out
    assert "got_request_exception receiver for sender=WSGIHandler" not in out
    assert "got_request_exception (sender: None)" in out
    static = out.split("-- GET /static/")[1]
    assert "request_started (sender: StaticFilesHandler)" in static
    assert "for sender=WSGIHandler" not in static
