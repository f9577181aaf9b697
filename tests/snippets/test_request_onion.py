"""snippets/request_onion.py: middleware is built once, last entry first; a request goes in
in MIDDLEWARE order and out in reverse; a middleware can answer by itself."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_order_in_and_out_short_circuit_and_middleware_not_used():
    run = run_snippet("snippets/request_onion.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Inner.__init__()\nUnused.__init__(): raises MiddlewareNotUsed\nGate.__init__()\nOuter.__init__()\n" in out
    assert out.count("__init__()") == 4
    assert "  Outer: in  /\n  Gate: in  /\n  Inner: in  /\n  Inner: out 200\n  Gate: out 200\n  Outer: out 200\n" in out
    assert "  Outer: in  /closed/\n  Gate: answers /closed/ itself\n  Outer: out 403\n" in out
    assert "Inner: in  /closed/" not in out
