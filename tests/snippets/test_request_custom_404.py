"""snippets/request_custom_404.py: 404.html only with DEBUG off, handler404 read from the root
URLconf only, and a view's own HttpResponseNotFound bypassing handler404."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_which_404_page_the_client_gets():
    run = run_snippet("snippets/request_custom_404.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    debug, template, handlers = run.stdout.split("-- DEBUG = ")[1:]
    assert "page titled 'Page not found at /nowhere/'" in debug and "404.html" not in debug.split("\n", 1)[1]
    assert "GET /nowhere/: 404, page titled '404.html: no page at /nowhere/'" in template
    assert "shop handler404" not in handlers
    assert handlers.count("404, 'site handler404: no page at /") == 3
    assert "GET /shop/gone/: 404, \"gone: the view's own 404\\n\"" in handlers
