"""snippets/pep3333_start_response.py: exc_info rules and write(), in wsgiref and the gateway."""

from scripts.snippet_runs import run_snippet


def test_both_servers_apply_the_same_rules():
    run = run_snippet("snippets/pep3333_start_response.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    assert out.count("server logged: ValueError: failed after the headers went out") == 2
    assert "server logged: AssertionError: Headers already set!" in out
    assert "server logged: AssertionError: start_response() again, without exc_info" in out
    assert out.count("  client: 200 OK\n          b'written, then returned\\n'\n") == 2
    # The one rule they disagree on: an empty first chunk sends wsgiref's headers.
    assert "empty_first on wsgiref:\n  client: 200 OK\n          b''\n" in out
    assert "empty_first on gateway:\n  client: 500 Internal Server Error\n" in out
