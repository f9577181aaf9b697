"""snippets/request_head.py: for HEAD the development server runs the view, produces the
whole body and sends none of it; the connection stays usable for the next request."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_head_runs_the_view_produces_the_body_and_sends_none():
    run = run_snippet("snippets/request_head.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "  view index(): request.method = 'HEAD'",
        "HEAD /: 200, Content-Length: 21, Connection: None, body b''",
        "  view stream(): request.method = 'HEAD'",
        "  stream: produced b'first '",
        "  stream: produced b'second\\n'",
        "HEAD /stream/: 200, Content-Length: None, Connection: None, body b''",
        "  view index(): request.method = 'GET'",
        "GET /: 200, Content-Length: 21, Connection: None, body b'Hello from the view.\\n'",
    ]
    # The access log counts the body bytes sent: none for either HEAD.
    assert '"HEAD / HTTP/1.1" 200 0' in run.stderr and '"HEAD /stream/ HTTP/1.1" 200 0' in run.stderr
