"""snippets/pep3333_gateway.py: the gateway written from a socket serves the minimal
application and the unmodified example project, behind wsgiref.validate.

The gateway itself is snippets/support/socket_gateway.py, tested on its own in
tests/snippets/support/test_socket_gateway.py.
"""

from scripts.snippet_runs import run_snippet


def test_the_gateway_serves_both_applications_and_stops():
    run = run_snippet("snippets/pep3333_gateway.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    assert "--- the gateway serves the minimal application ---" in out
    assert "--- the gateway serves the example Django project ---" in out
    assert "client: HTTP/1.1 200 OK, 21 bytes of body\n" in out
    assert out.endswith("\n\nHello from the view.\n")
    assert "[hello] view hello.views.index(), in thread 'gateway'" in out
