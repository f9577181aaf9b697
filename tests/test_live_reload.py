"""`make serve` rebuilds and reloads the browser when a page *or a snippet* changes.

The test runs the Makefile's own serve command (on a free port, in a copy of the project),
then uses MkDocs' live-reload protocol as the browser's script does (scripts/live_reload.py).
Some `click` releases (8.2.2 to 8.3.x) silently turn live reload off in MkDocs 1.6.1;
requirements.in pins one that does not (8.5.1, which this test passed with). With such a
release the served pages carry no live-reload script at all, and this test fails at once
saying so.
"""

from __future__ import annotations

import pytest

from scripts.live_reload import copy_project, edit_and_wait, serve_recipe, serving


def test_the_serve_recipe_relies_on_the_default_not_on_a_livereload_flag():
    assert "--livereload" not in serve_recipe()


@pytest.fixture
def server(tmp_path):
    project = copy_project(tmp_path)
    with serving(project) as base:
        yield project, base


def test_editing_a_snippet_reloads_the_page_that_includes_it(server):
    project, base = server
    html, _ = edit_and_wait(
        base, f"{base}/about/", project / "snippets/mysite/hello/views.py", "\n# edited-snippet-7f3a\n"
    )
    assert "edited-snippet-7f3a" in html


def test_editing_a_page_reloads_it(server):
    project, base = server
    html, _ = edit_and_wait(
        base, f"{base}/about/", project / "docs" / "about.md", "\nA sentence added while serving, 91c2.\n"
    )
    assert "A sentence added while serving, 91c2." in html
