"""snippets/pep3333_unused.py: what Django leaves unused of PEP 3333, seen from the
server's side and confirmed in Django's source."""

import re

from scripts.snippet_runs import run_snippet


def test_django_never_passes_exc_info_never_calls_write_and_ignores_some_keys():
    run = run_snippet("snippets/pep3333_unused.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    assert re.search(r"^GET /fails +500 +2 args +0 +0 +HttpResponseServerError$", out, re.MULTILINE)
    assert "never read:\n    wsgi.errors, wsgi.multiprocess, wsgi.multithread, wsgi.run_once, wsgi.version\n" in out
    assert "  django/core/handlers/wsgi.py:133: 2 positional arguments, keywords []\n" in out
