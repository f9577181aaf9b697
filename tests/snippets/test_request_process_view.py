"""snippets/request_process_view.py: process_request runs before the URL is resolved,
process_view after, with the view; a response from process_view skips the view."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_what_each_hook_knows_and_when_it_runs():
    run = run_snippet("snippets/request_process_view.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.count("process_request: resolver_match is None") == 6
    assert "First.process_view: the view is hello.views.index, url_name 'index'" in out
    nowhere = out.split("-- GET /nowhere/")[1].split("-- GET")[0]
    assert "process_view" not in nowhere and "client: 404 Not Found" in nowhere
    assert out.endswith("Second.process_response: 503\n  First.process_response: 503\n  client: 503 Service Unavailable\n")
