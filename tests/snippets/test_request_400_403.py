"""snippets/request_400_403.py: SuspiciousOperation and BadRequest become 400s, PermissionDenied a
403; the project's handler403 answers even with DEBUG on, its handler400 only with DEBUG off."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_handler400_and_handler403():
    run = run_snippet("snippets/request_400_403.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    on, off = run.stdout.split("-- DEBUG = ")[1:]
    assert "handler400" not in on and on.count("handler403: staff only") == 1
    assert on.count(": 400, page titled '") == 3
    assert off.count(": 400, 'handler400: ") + off.count(': 400, "handler400: ') == 3
    assert "GET /forbidden/: 403, 'handler403: staff only\\n'" in off
    # Django logs the SuspiciousOperation on the django.security logger, and the 403 as a warning.
    assert "the request looks forged" in run.stderr and "Forbidden (Permission denied): /forbidden/" in run.stderr
