"""snippets/request_error_pages.py: Django's debug pages with DEBUG on, the project's
handler404 and handler500 with DEBUG off, and a 400 for every URL without ALLOWED_HOSTS."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_error_pages_with_debug_on_and_off():
    run = run_snippet("snippets/request_error_pages.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    on, off, no_hosts = run.stdout.split("-- DEBUG = ")[1:]
    assert "GET /nowhere/: 404, page titled 'Page not found at /nowhere/'" in on
    assert "GET /boom/: 500, page titled 'RuntimeError at /boom/'" in on
    assert "GET /nowhere/: 404, 'hello: no page at /nowhere/\\n'" in off
    assert "GET /boom/: 500, 'hello: something went wrong\\n'" in off
    assert "runserver itself refuses to start: CommandError" in no_hosts
    assert no_hosts.count("400, page titled 'Bad Request (400)'") == 2
