"""snippets/questions_disconnect.py: under the development server, a streaming response's
generator learns of a client that went away only when a write fails and the response is
closed."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_the_generator_is_closed_after_a_failed_write_and_request_finished_follows():
    run = run_snippet("snippets/questions_disconnect.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.index("the client has read chunk 1, and closes its socket") < out.index(
        "the generator produces chunk 2: nothing told it the client has gone"
    )
    assert out.index("GeneratorExit in the generator") < out.index("the generator's finally block runs")
    assert out.index("the generator's finally block runs") < out.index("request_finished, while the server")
    assert "the error of a write to the socket: True" in out
    assert "the access log line" not in out
