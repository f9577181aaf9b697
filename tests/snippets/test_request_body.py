"""snippets/request_body.py: the request body is read when a view asks for it, never past
its Content-Length, and an unread body does not spoil the next request."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_body_is_read_lazily_limited_and_drained():
    run = run_snippet("snippets/request_body.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "view starts: 0 of 20 bytes read\n  request.POST['name'] = 'Ada': 20 of 20 bytes read" in out
    assert "view ignores the body: 0 of 100000 bytes read" in out
    assert "client: 200 b'Hello, Grace.\\n'" in out
    assert "request.read(5) = b'01234': 5 of 10 bytes read" in out
    assert "RawPostDataException: You cannot access body after reading from request's data stream" in out
    assert out.count("client: 200") == 5
