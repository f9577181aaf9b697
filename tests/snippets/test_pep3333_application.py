"""snippets/pep3333_application.py: the minimal WSGI application, served by wsgiref behind
wsgiref.validate, answering http.client."""

from scripts.snippet_runs import run_snippet


def test_the_minimal_application_answers_a_real_client_and_the_validator_is_silent():
    run = run_snippet("snippets/pep3333_application.py")
    assert run.returncode == 0, run.stderr
    # Nothing on stderr: no validator warning, no "Iterator garbage collected without being closed".
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert lines[0] == 'server: "GET /caf%C3%A9 HTTP/1.1" 200 52'
    assert lines[1] == "HTTP/1.0 200 OK"
    assert "Content-Type: text/plain; charset=utf-8" in lines
    assert run.stdout.endswith("\n\nHello from a WSGI application. You asked for /café\n")
