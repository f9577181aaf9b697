"""Checks on the site's sources that hold under either builder, without MkDocs.

MkDocs refuses a page left out of `nav` and an include of a missing file; Zensical reads
the same mkdocs.yml but not MkDocs' `validation` settings. So the project checks both
itself (scripts/nav_check.py, scripts/snippet_sections.py), naming the page (and line);
and it checks the built HTML's internal links and anchors (scripts/html_links.py).
"""

from __future__ import annotations

from pathlib import Path

from scripts import nav_check, snippet_sections
from scripts.html_links import broken_links
from scripts.live_reload import copy_project

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_is_in_nav_and_every_nav_entry_is_a_page():
    assert nav_check.check(ROOT) == []


def test_a_page_missing_from_nav_is_named(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "launch" / "orphan.md").write_text("# Orphan\n")
    assert nav_check.check(project) == ["docs/launch/orphan.md: not in nav in mkdocs.yml"]


def test_a_nav_entry_without_a_page_is_named(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "about.md").unlink()
    assert nav_check.check(project) == ["mkdocs.yml: nav lists about.md, which is not a page under docs/"]


def test_an_include_of_a_missing_file_is_named_with_page_and_line(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "about.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    with page.open("a", encoding="utf-8") as f:
        f.write('\n```python\n--8<-- "snippets/no_such_file.py"\n```\n')
    assert snippet_sections.check(project) == [
        f"docs/about.md:{lines + 3}: includes snippets/no_such_file.py, which does not exist"
    ]


def test_a_broken_link_or_anchor_in_built_html_is_named(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<h1 id="top">Top</h1>\n<a href="a/">a</a> <a href="https://example.org/">x</a>\n')
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../#top">ok</a>\n<a href="../#gone">bad anchor</a>\n<a href="../b/">bad page</a>\n'
        '<a href="http://127.0.0.1:8000/a/#nowhere">absolute</a>\n'
    )
    assert broken_links(tmp_path, "http://127.0.0.1:8000/") == [
        "a/index.html:2: ../#gone: no element with id 'gone'",
        "a/index.html:3: ../b/ leads to no file of the build",
        "a/index.html:4: http://127.0.0.1:8000/a/#nowhere: no element with id 'nowhere'",
    ]
