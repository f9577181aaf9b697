"""snippets/request_urlconf.py: request.urlconf chooses the URLconf of one request, and
resolver_match describes the match to the view."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_a_urlconf_per_request_and_the_resolver_match():
    run = run_snippet("snippets/request_urlconf.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "resolver_match.view_name 'item', route 'items/<int:number>/', kwargs {'number': 7}" in out
    assert "reverse('item', kwargs={'number': 8}) = '/items/8/'" in out
    assert out.count("client: 404, page titled 'Page not found at") == 2
    assert out.endswith("client: 200, 'Hello from the view.\\n'\n")
