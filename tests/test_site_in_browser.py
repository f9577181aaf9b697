"""Every page of the built site in headless Chromium: it loads nothing from any host but its
own, no request fails, nothing is logged as an error, every diagram is drawn from the
site's own copy of mermaid (which only pages with a diagram load), and every link to the
site itself leads to a page, file and #anchor that exist.

Every request the browser makes is routed through the test: requests to the site's own
server go through, any other is recorded and aborted, so each check is also a run with
the network cut off. Pages are found in docs/ when the tests are collected, so pages added
later are checked without a change here. (Shared machinery: tests/browser_support.py.)
"""

from __future__ import annotations

import pytest

from tests.browser_support import (
    SCHEMES,
    built_html_pages,
    link_problems,
    page_id,
    site_pages,
)

PAGES = site_pages()


def test_every_built_page_is_checked(built_site):
    assert sorted(built_html_pages(built_site)) == sorted(PAGES), (
        "the browser tests visit one page per docs/*.md and the 404 page; the build has others"
    )


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_page_loads_only_from_its_own_host_without_errors(site_visits, path):
    # The dark report comes from the same load after the switch to the dark scheme, so
    # its lists hold everything since the page was opened.
    for scheme in SCHEMES:
        report = site_visits.report(path, scheme)
        # The foreign list is the heart of it; a blocked request would also show up as failed.
        assert report.foreign == [], f"{path} ({scheme}) asked other hosts for: {report.foreign}"
        assert report.failed == [], f"{path} ({scheme}): failed requests: {report.failed}"
        assert report.errors == [], f"{path} ({scheme}): console errors: {report.errors}"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_diagrams_are_drawn_and_mermaid_loads_only_where_needed(site_visits, path):
    for scheme in SCHEMES:
        report = site_visits.report(path, scheme)
        loaded_mermaid = any("/vendor/mermaid/" in url for url in report.local)
        has_diagram = report.has_diagram
        assert loaded_mermaid == has_diagram, (
            f"{path}: mermaid {'not ' if has_diagram else ''}loaded, "
            f"but the page {'has' if has_diagram else 'has no'} diagram"
        )
        assert report.diagram_errors == [], f"{path} ({scheme}): diagrams failed: {report.diagram_errors}"
        assert report.diagrams_drawn == report.diagram_sources, (
            f"{path} ({scheme}): {report.diagrams_drawn} of {report.diagram_sources} diagrams drawn as SVG"
        )


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_internal_link_and_anchor_resolves(site_visits, site_url, built_site, path):
    report = site_visits.report(path)
    assert report.links, f"{path}: no links at all (not even the navigation)"
    problems = link_problems(report, site_url, built_site)
    assert problems == [], f"{path}: broken links:\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_renders_as_svg_with_the_network_cut_off(visit, scheme):
    v = visit(color_scheme=scheme)
    page = v.open("/", until="ready")
    svg = page.wait_for_selector("div.diagram svg", timeout=20_000)
    assert svg.is_visible()
    assert "Request thread" in page.inner_text("div.diagram")
    assert page.get_attribute("div.diagram", "aria-label") == "One request through Django's development server"
    assert v.foreign == [] and v.errors == []
