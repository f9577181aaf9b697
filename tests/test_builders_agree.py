"""The site builds with Zensical as well as with MkDocs, and every page reads the same.

Both builders read mkdocs.yml; MkDocs with Material is the published build, Zensical the
one the Material team moves to. Each builds once per session (`built_site`,
`zensical_site` in conftest.py), and every page's ``<article>`` is compared as an outline
(scripts/article_outline.py): strict about code, headings, excerpt titles, line numbers
and annotations, blind only to what legitimately differs between the two themes.
"""

from __future__ import annotations

import pytest

from scripts.article_outline import difference, outline
from scripts.html_links import broken_links
from scripts.site_config import load_config, site_url
from tests.browser_support import ROOT, built_file, built_html_pages, page_id, site_pages

SITE_URL = site_url(load_config(ROOT))


def test_both_builders_make_the_same_pages(built_site, zensical_site):
    assert built_html_pages(zensical_site) == built_html_pages(built_site)


@pytest.mark.parametrize("path", site_pages(), ids=page_id)
def test_the_page_reads_the_same_in_both_builds(built_site, zensical_site, path):
    ours = built_file(built_site, path).read_text(encoding="utf-8")
    theirs = built_file(zensical_site, path).read_text(encoding="utf-8")
    assert outline(ours), f"{path}: the MkDocs build has no <article>"
    diff = difference(ours, theirs, f"{path} (MkDocs)", f"{path} (Zensical)")
    assert not diff, f"{path}: the article differs between the builders:\n{diff}"


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_every_internal_link_and_anchor_resolves_in_the_built_html(request, builder):
    site = request.getfixturevalue("built_site" if builder == "mkdocs" else "zensical_site")
    # The published build is made for its series' folder (site_url/6.1/); Zensical's from
    # mkdocs.yml alone, for site_url.
    url = request.getfixturevalue("built_site_url") if builder == "mkdocs" else SITE_URL
    assert broken_links(site, url) == []
