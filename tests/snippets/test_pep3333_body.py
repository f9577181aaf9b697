"""snippets/pep3333_body.py: the server iterates the body, sends each chunk before the
next is made, and calls close() also when the body fails half-way."""

from scripts.snippet_runs import run_snippet


def test_streaming_is_unbuffered_and_close_is_called_on_failure():
    run = run_snippet("snippets/pep3333_body.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    assert "client: received b'step 1\\n'\nbody: producing step 2" in out
    assert "the client never received step 1" not in out
    assert out.count("Django: request_finished") == 2
    assert out.endswith("server: logged a traceback ending 'RuntimeError: the body broke half-way'\n")
