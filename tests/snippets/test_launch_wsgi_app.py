"""snippets/launch_wsgi_app.py: WSGI_APPLICATION, wsgi.py, and middleware built once, in reverse."""

from scripts.snippet_runs import run_snippet


def test_the_wsgi_application_snippet_runs_standalone_and_its_asserts_hold():
    run = run_snippet("snippets/launch_wsgi_app.py")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "settings.WSGI_APPLICATION = 'mysite.wsgi.application'\n" in out
    assert "  import mysite.wsgi" in out
    assert out.index("XFrameOptionsMiddleware.__init__()") < out.index("  TraceMiddleware.__init__()")
    assert "middleware created during the requests: []" in out
    assert "its chain: TraceMiddleware -> SecurityMiddleware -> BaseHandler._get_response" in out
