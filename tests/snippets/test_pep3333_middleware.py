"""snippets/pep3333_middleware.py: a WSGI middleware around the example project's
application, validated on both sides; the order of WSGI and Django middleware."""

from scripts.snippet_runs import run_snippet


def test_wsgi_middleware_wraps_django_middleware_in_the_order_the_snippet_asserts():
    run = run_snippet("snippets/pep3333_middleware.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    request = lines[lines.index("--- one request ---") + 1:]
    assert request[0] == "WSGI middleware: in  GET /, id 1"
    assert request[-3:] == [
        "WSGI middleware: close(), passed on to the application",
        "[hello] signal request_finished",
        "client: 200 OK, X-Request-Id: 1, body b'Hello from the view.\\n'",
    ]
