"""snippets/request_timeline.py: start_response writes nothing; the status line and headers
go out with the first chunk; request_finished fires once the client has every byte."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_the_way_out_and_the_signals_in_order():
    run = run_snippet("snippets/request_timeline.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    ok, boom = run.stdout.split("-- GET ")[1:]
    for part, status in ((ok, "200 OK"), (boom, "500 Internal Server Error")):
        assert part.index("start_response") < part.index("takes a chunk") < part.index(f"'HTTP/1.1 {status}\\r\\n'")
        assert part.index("access log") < part.index("the server calls close()")
        assert part.rstrip().endswith("bytes of the body)")
    assert "got_request_exception" not in ok
    assert boom.index("signal got_request_exception: RuntimeError('the view failed')") < boom.index("start_response")
