"""Every page of the built site in headless Chromium: it loads nothing from any host but its
own, no request fails, nothing is logged as an error, every diagram shows as a named
SVG image that follows the colour scheme without any diagram renderer loaded, and every
link to the site itself leads to a page, file and #anchor that exist.

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
def test_diagrams_show_without_any_renderer_loaded(site_visits, path):
    for scheme in SCHEMES:
        report = site_visits.report(path, scheme)
        renderers = [url for url in report.local if "mermaid" in url.lower()]
        assert renderers == [], f"{path} ({scheme}) loaded a diagram renderer: {renderers}"
        assert report.diagrams_shown == report.diagram_containers, (
            f"{path} ({scheme}): {report.diagrams_shown} of {report.diagram_containers} diagrams show as a "
            "visible SVG image named by its <title>"
        )


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_internal_link_and_anchor_resolves(site_visits, site_url, built_site, path):
    report = site_visits.report(path)
    assert report.links, f"{path}: no links at all (not even the navigation)"
    problems = link_problems(report, site_url, built_site)
    assert problems == [], f"{path}: broken links:\n" + "\n".join(problems)


# The fill of an actor's box in mermaid's default (light) and dark themes.
ACTOR_FILL = {"light": "rgb(236, 236, 255)", "dark": "rgb(31, 32, 32)"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_diagram_follows_the_colour_scheme_and_has_its_name(visit, scheme):
    v = visit(color_scheme=scheme)
    page = v.open("/", until="ready")
    image = page.get_by_role("img", name="One request through Django's development server")
    assert image.is_visible()
    assert "Request thread" in image.text_content()
    assert image.get_attribute("aria-describedby"), "the diagram has no description"
    description = page.locator(f"#{image.get_attribute('aria-describedby')}")
    assert "request_started" in description.text_content()
    fill = lambda: page.eval_on_selector("div.diagram rect.actor", "r => getComputedStyle(r).fill")
    assert fill() == ACTOR_FILL[scheme]
    # The reader's toggle switches the diagram's colours with the page's, at once.
    page.locator("form[data-md-component='palette'] label:not([hidden])").click()
    other = "dark" if scheme == "light" else "light"
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg="slate" if other == "dark" else "default")
    assert fill() == ACTOR_FILL[other]
    assert v.foreign == [] and v.errors == []


def test_a_diagram_wider_than_a_phone_scrolls_and_takes_keyboard_focus(visit):
    v = visit(viewport={"width": 390, "height": 844})
    page = v.open("/request/middleware/", until="ready")
    diagram = page.locator("div.diagram")
    sizes = diagram.evaluate("d => [d.scrollWidth, d.clientWidth]")
    assert sizes[0] > sizes[1], f"the diagram does not scroll on a phone's width: {sizes}"
    diagram.focus()
    assert diagram.evaluate("d => d === document.activeElement && d.tabIndex === 0")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('div.diagram').scrollLeft > 0")
