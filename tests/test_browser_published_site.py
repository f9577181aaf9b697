"""The site works where GitHub Pages publishes it: under ``/<repository>/``, not at a root.

The Pages workflow (.github/workflows/pages.yml) builds with ``SITE_URL`` set to
``https://<owner>.github.io/<repository>/``. This test builds the site the same way, for a
server on 127.0.0.1 that answers only under ``/<repository>/`` (tests/subpath_server.py),
and opens it in Chromium: every request the pages make must stay under the prefix and be
answered (stylesheets, scripts, the search index, the favicon), every internal link and
``#anchor`` must lead to a page of the build under the prefix, a diagram must show, search
must find a term and open its result, and a missing page must get the site's own 404 page
with its styles.

The published build is the one ``make build`` writes: one folder per Django series
(``<repository>/6.1/``, ...), ``versions.json`` for the version selector, a root page that
leads to the newest series, and the root ``404.html`` that Pages answers a missing page
with. The pages checked are the newest series'; the version selector is checked to list
every series and lead to each under the prefix.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts import django_series, series_site
from scripts.site_config import load_config, repo_url
from tests.browser_support import PageVisit, SEARCH_TERM, built_file, first_page_with, ids_in, search
from tests.subpath_server import SubpathSite

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = urlsplit(repo_url(load_config(ROOT))).path.rstrip("/").rsplit("/", 1)[-1]


NEWEST = django_series.newest(ROOT).name


def published_layout(build: Path) -> tuple[Path, str]:
    """The folder to serve (what the Pages artifact holds) and its URL prefix: Pages serves
    a project's site at ``/<repository>/``."""
    return build, f"/{REPOSITORY}/"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The site built for, and served at, http://127.0.0.1:<port>/<repository>/."""
    build = tmp_path_factory.mktemp("published-site")
    folder, prefix = published_layout(build)
    site = SubpathSite(folder, prefix)
    try:
        try:
            series_site.build(build, env={**os.environ, "SITE_URL": site.url})
        except series_site.SeriesBuildFailed as exc:
            pytest.fail(f"the published build with SITE_URL={site.url} failed: {exc}")
        yield site.start(), folder, prefix
    finally:
        site.close()


@pytest.fixture
def tab(browser, published):
    site = published[0]
    visit = PageVisit(browser, site.url.rstrip("/"))  # requests outside the prefix are foreign
    yield visit
    visit.close()


def pages_to_check(folder: Path) -> list[str]:
    """The newest series' landing page, a nested page with a diagram, and the history page."""
    diagram = first_page_with(folder / NEWEST, r'<div class="diagram"', "a diagram").lstrip("/")
    return [f"{NEWEST}/", f"{NEWEST}/{diagram}", f"{NEWEST}/changes-since-2-2/"]


def assets_loaded(page) -> dict:
    return page.evaluate("""() => ({
        stylesheets: [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href),
        applied: [...document.querySelectorAll('link[rel=stylesheet]')].every(l => {
            try { return l.sheet.cssRules.length > 0; } catch (e) { return false; }  // not loaded
        }),
        scripts: [...document.querySelectorAll('script[src]')].map(s => s.src),
        material: typeof window.document$ === 'object',
    })""")


def link_problems(page, site: SubpathSite, folder: Path, prefix: str) -> list[str]:
    problems = []
    links = page.eval_on_selector_all("a[href]", "as => as.map(a => ({href: a.href, raw: a.getAttribute('href'), cls: a.className}))")
    for link in links:
        if "md-annotation__index" in (link["cls"] or "") or not link["href"].startswith(site.origin + "/"):
            continue
        parts = urlsplit(link["href"])
        if not parts.path.startswith(prefix):
            problems.append(f"{link['raw']}: leads to {parts.path}, outside {prefix}")
            continue
        target = built_file(folder, "/" + parts.path[len(prefix):])
        if not target.is_file():
            problems.append(f"{link['raw']}: no {target.relative_to(folder)} in the build")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_in(target):
            problems.append(f"{link['raw']}: {target.relative_to(folder)} has no id {unquote(parts.fragment)!r}")
    return sorted(set(problems))


def test_pages_their_assets_and_links_work_under_the_prefix(published, tab):
    site, folder, prefix = published
    for path in pages_to_check(folder):
        tab.forget()
        page = tab.open("/" + path)
        loaded = assets_loaded(page)
        assert not tab.foreign, f"{prefix}{path}: requests outside {prefix} (aborted): {tab.foreign}"
        assert not tab.failed, f"{prefix}{path}: failed requests: {tab.failed}"
        assert not tab.errors, f"{prefix}{path}: console errors: {tab.errors}"
        kinds = {t.kind for t in tab.transfers}
        assert {"html", "css", "js", "image"} <= kinds, f"{prefix}{path}: loaded only {sorted(kinds)}"
        assert all(u.startswith(site.url) for u in loaded["stylesheets"] + loaded["scripts"]), loaded
        assert loaded["applied"] and loaded["material"], f"{prefix}{path}: stylesheets or the theme's script did not load: {loaded}"
        assert link_problems(page, site, folder, prefix) == [], f"{prefix}{path}"
        if path == pages_to_check(folder)[1]:
            shown = page.eval_on_selector_all(
                "div.diagram > svg[role=img]",
                "svgs => svgs.filter(s => s.getBoundingClientRect().width > 0 && s.getBoundingClientRect().height > 0).length")
            assert shown >= 1, f"{prefix}{path}: no diagram shows"


def test_search_works_under_the_prefix(published, tab):
    site, folder, prefix = published
    page = tab.open(f"/{NEWEST}/", until="ready")
    results = search(page, SEARCH_TERM)
    hrefs = results.evaluate_all("as => as.map(a => a.href)")
    assert hrefs, f"searching {SEARCH_TERM!r} under {prefix} found nothing"
    assert all(h.startswith(site.url) for h in hrefs), f"search results outside {prefix}: {hrefs}"
    assert any(u.startswith(f"{site.url}{NEWEST}/search/") for u in tab.local), "the search index was not loaded from under the prefix"
    with page.expect_navigation():
        results.first.click()
    assert page.url.startswith(site.url) and built_file(folder, "/" + urlsplit(page.url).path[len(prefix):]).is_file()
    assert not tab.foreign and not tab.failed and not tab.errors, (tab.foreign, tab.failed, tab.errors)


def test_a_missing_page_gets_the_sites_404_page_with_its_assets(published, tab):
    site, folder, prefix = published
    response = tab.page.goto(site.url + "no-such-page/")
    tab.page.wait_for_load_state("networkidle")
    assert response is not None and response.status == 404
    assert "404" in tab.page.inner_text("article")
    assert not tab.foreign, f"the 404 page requests outside {prefix} (is site_url the published address?): {tab.foreign}"
    loaded = assets_loaded(tab.page)
    assert loaded["applied"] and loaded["material"], loaded
    assert [f for f in tab.failed if not f.startswith(site.url + "no-such-page/")] == []
    assert link_problems(tab.page, site, folder, prefix) == []


def test_the_root_leads_to_the_newest_series_and_the_selector_to_every_series(published, tab):
    site, folder, prefix = published
    page = tab.open("/", until="load")
    page.wait_for_url(f"{site.url}{NEWEST}/")
    current = page.locator(".md-version__current")
    current.wait_for(state="attached")
    releases = [s.release for s in django_series.supported(ROOT)]
    assert current.inner_text().strip() == f"Django {releases[0]}"
    links = page.locator(".md-version__link")
    expected = [f"{site.url}{s.name}/" for s in django_series.supported(ROOT)]
    assert links.evaluate_all("as => as.map(a => a.href)") == expected, "the selector does not list every series under the prefix"
    assert [t.strip() for t in links.all_inner_texts()] == [f"Django {r}" for r in releases]
    oldest = django_series.supported(ROOT)[-1]
    page.locator(".md-version").hover(force=True)  # the list opens over the selector
    links.last.wait_for(state="visible")
    with page.expect_navigation():
        links.last.click()
    assert page.url.startswith(f"{site.url}{oldest.name}/"), page.url
    assert f"Django {oldest.release}" in page.locator(".md-version__current").inner_text()
    assert not tab.foreign and not tab.failed and not tab.errors, (tab.foreign, tab.failed, tab.errors)
