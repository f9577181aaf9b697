"""Every code block that shows a snippet links to the snippet's whole file in the repository,
and the theme's link to the repository asks GitHub for nothing.

The links are made in the browser by docs/assets/javascripts/snippet-links.js, from the
header's repository link (mkdocs.yml's `repo_url`), whose marker for the theme's request
to api.github.com docs/assets/javascripts/repository-link.js removes; so they are checked
on the pages as a reader's browser shows them: the same loads as tests/test_site_in_browser.py (one per
page, shared through `site_visits`). The number of snippet blocks each page must have
comes from its Markdown (scripts/includes.py), so a block the script missed is counted.
"""

from __future__ import annotations

from collections import Counter

import pytest

from scripts.includes import ROOT, all_includes
from scripts.site_config import load_config, repo_url
from tests.browser_support import page_id, site_pages, url_path

PAGES = site_pages()
REPOSITORY = repo_url(load_config(ROOT)).rstrip("/")


def snippet_blocks_per_page() -> Counter:
    """URL path -> how many code blocks on the page show a file under snippets/."""
    blocks = {(inc.page, inc.fence_line) for inc in all_includes(ROOT) if inc.path.startswith("snippets/") and inc.fence_line}
    return Counter(url_path(ROOT / page) for page, _ in blocks)


BLOCKS = snippet_blocks_per_page()


def test_the_pages_show_snippets():
    assert sum(BLOCKS.values()) > 50, BLOCKS
    assert all(path in PAGES for path in BLOCKS), sorted(set(BLOCKS) - set(PAGES))


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_snippet_block_links_to_its_file(site_visits, path):
    report = site_visits.report(path)
    titles = report.snippet_titles
    assert len(titles) == BLOCKS[path], (
        f"{path}: {BLOCKS[path]} code blocks show a snippet in the Markdown, "
        f"{len(titles)} titles naming one in the browser: {titles}"
    )
    for title in titles:
        file = title["text"].split(" ", 1)[0]
        assert (ROOT / file).is_file(), f"{path}: the title {title['text']!r} names no file of the project"
        assert title["link"] == f"{REPOSITORY}/blob/main/{file}", f"{path}: {title}"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_the_repository_link_is_kept_without_the_request_for_its_facts(site_visits, path):
    report = site_visits.report(path)
    assert report.source_links, f"{path}: no link to the repository in the header"
    for link in report.source_links:
        assert link["href"] == REPOSITORY, link
        # The theme fetches stars and forks for the elements it finds by this marker.
        assert link["component"] is None, f"{path}: the theme would ask api.github.com about {link['href']}"
    assert not any("github" in url for url in report.foreign)
