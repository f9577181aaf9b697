"""What a reader does on the site, done in headless Chromium: search for a Django function
the walkthroughs quote and follow the result, search for underscored names and for a part
of a dotted name (in both builds), open a code annotation, switch content tabs, and copy a
quoted excerpt with the copy button.

Each test finds a page with the feature in the built site (pages change as the
walkthroughs grow) and fails, rather than passing vacuously, if no page has it. The
network is cut off as in every browser test (tests/browser_support.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import django
import pytest
from playwright.sync_api import expect

from tests.browser_support import (
    ANNOTATED_CODE,
    CONTENT_TABS,
    SEARCH_TERM,
    PageVisit,
    StaticSite,
    built_file,
    first_page_with,
    ids_in,
    open_first_annotation,
    pages_whose_html_matches,
    search,
    shown_to_a_reader,
    site_pages,
    tab_panels,
)
from tests.lazy_code_blocks import show_every_code_block

DJANGO_SOURCE = Path(django.__file__).resolve().parent.parent
EXCERPT_SOURCE = re.compile(r"/blob/[^/]+/(django/[^#]+)#L\d+")


def test_search_finds_a_quoted_django_function_and_leads_to_its_page(visit, built_site, site_url):
    quoting = pages_whose_html_matches(built_site, rf"\b{SEARCH_TERM}\b")
    assert quoting, f"no page mentions {SEARCH_TERM}"
    start = next((p for p in site_pages() if p not in quoting), "/")
    v = visit()
    page = v.open(start, until="ready")

    links = search(page, SEARCH_TERM)
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    assert hrefs, "the search showed no result"
    for href in hrefs:
        parts = urlsplit(href)
        parts = parts._replace(path=in_site(parts.path, site_url))
        assert parts.path in quoting, f"a result leads to {parts.path}, which does not mention {SEARCH_TERM}"
        fragment = unquote(parts.fragment)
        assert not fragment or fragment in ids_in(built_file(built_site, parts.path)), f"no #{fragment} on {parts.path}"

    best = page.locator(".md-search-result__link:has(mark)").first
    assert SEARCH_TERM in best.inner_text(), "the result does not show where the term occurs"
    expected = in_site(urlsplit(best.get_attribute("href")).path, site_url)
    best.click()
    page.wait_for_url(re.compile(re.escape(site_url + expected)))
    page.wait_for_load_state("networkidle")
    assert in_site(urlsplit(page.url).path, site_url) == expected
    # The section the result named is on screen, and it is the one that mentions the term.
    fragment = unquote(urlsplit(page.url).fragment)
    if fragment:
        expect(page.locator(f"[id='{fragment}']")).to_be_in_viewport()
        assert SEARCH_TERM in section_html(built_file(built_site, expected), fragment)
    assert v.foreign == [] and v.failed == [] and v.errors == []


# Names a reader types, and a section that discusses each and must be among the results.
# Material's default separator splits words on spaces and hyphens only, so `wsgi.file_wrapper`
# was one word and `file_wrapper` found nothing; the `separator` of the search plugin in
# mkdocs.yml splits on dots and punctuation too (Zensical reads the same option). In the
# section on WSGIHandler, `load_middleware` occurs only inside dotted names
# (`BaseHandler.load_middleware`), so that search finds a part of a dotted name.
NAME_SEARCHES = [
    ("file_wrapper", "/pep3333/server/", "wsgifile_wrapper"),
    ("get_response", "/request/handler/", "get-response"),
    ("request_finished", "/request/signals/", "request-finished"),
    ("load_middleware", "/request/handler/", "wsgihandler"),
]
ONLY_IN_DOTTED_NAMES = {"load_middleware"}


def check_the_section_discusses(built_site: Path, term: str, path: str, fragment: str) -> None:
    text = re.sub(r"<[^>]+>", "", section_html(built_file(built_site, path), fragment))
    assert term in text, f"{path}#{fragment} no longer mentions {term}: choose another section"
    if term in ONLY_IN_DOTTED_NAMES:
        assert re.search(rf"\w\.{term}\b", text) and not re.search(rf"(?<![\w.]){term}\b", text), (
            f"{path}#{fragment} should mention {term} only inside a dotted name"
        )


def in_site(path: str, site_url: str) -> str:
    """A URL path as the site's own (``/launch/``), without the folder the site is served
    from (``/6.1``, the newest Django series' of the published build)."""
    return path.removeprefix(urlsplit(site_url).path.rstrip("/"))


def result_sections(hrefs: list[str], site_url: str = "") -> set[tuple[str, str]]:
    return {(in_site(urlsplit(href).path, site_url), unquote(urlsplit(href).fragment)) for href in hrefs}


@pytest.mark.parametrize("term, path, fragment", NAME_SEARCHES, ids=[t for t, _, _ in NAME_SEARCHES])
def test_search_finds_underscored_and_dotted_names(visit, built_site, site_url, term, path, fragment):
    check_the_section_discusses(built_site, term, path, fragment)
    v = visit()
    page = v.open("/about/", until="ready")
    hrefs = search(page, term).evaluate_all("as => as.map(a => a.href)")
    assert (path, fragment) in result_sections(hrefs, site_url), f"searching {term!r} did not list {path}#{fragment}"
    assert v.foreign == [] and v.failed == [] and v.errors == []


@pytest.fixture(scope="module")
def zensical_site_url(zensical_site):
    site = StaticSite(zensical_site)
    yield site.url
    site.close()


@pytest.mark.parametrize("term, path, fragment", NAME_SEARCHES, ids=[t for t, _, _ in NAME_SEARCHES])
def test_the_zensical_build_finds_the_same_names(browser, built_site, zensical_site_url, term, path, fragment):
    check_the_section_discusses(built_site, term, path, fragment)
    v = PageVisit(browser, zensical_site_url)
    try:
        page = v.open("/about/")
        page.locator(".md-search__button").first.click()  # Zensical's search is a dialog
        box = page.get_by_role("combobox")
        box.fill(term)
        # The results are in the dialog's shadow DOM, which Playwright's locators enter.
        results = page.locator("[role=listbox][aria-label='Search results'] a[role=option]")
        results.first.wait_for(timeout=10_000)
        hrefs = results.evaluate_all("as => as.map(a => a.href)")
        assert (path, fragment) in result_sections(hrefs), f"searching {term!r} did not list {path}#{fragment}"
        # The whole name is what matched (Zensical's own default separator splits at "_").
        marks = results.locator("mark").all_inner_texts()
        assert term in marks, f"searching {term!r} highlighted {sorted(set(marks))[:6]}, not the whole name"
        assert v.foreign == [] and v.failed == [] and v.errors == []
    finally:
        v.close()


def section_html(html_file: Path, heading_id: str) -> str:
    """The HTML from a heading to the next heading of any level."""
    html = html_file.read_text(encoding="utf-8")
    start = html.index(f'id="{heading_id}"')
    following = re.compile(r"<h[1-6][ >]").search(html, start)
    return html[start : following.start() if following else len(html)]


def test_a_code_annotation_opens(visit, built_site):
    path = first_page_with(built_site, ANNOTATED_CODE, "a code annotation")
    v = visit()
    page = v.open(path, until="ready")
    show_every_code_block(page)
    marker = page.locator(".md-annotation").first
    expect(marker, f"{path}: the code annotations were not set up").to_be_attached(timeout=5_000)
    assert not shown_to_a_reader(marker.locator(".md-tooltip")), f"{path}: an annotation's note shows before a click"
    assert marker.locator("a.md-annotation__index").get_attribute("aria-label") == "Annotation 1"

    marker, tooltip = open_first_annotation(page)
    assert shown_to_a_reader(tooltip), f"{path}: the clicked annotation's note does not show"
    text = tooltip.inner_text().strip()
    assert len(text) > 10, f"the annotation opened empty: {text!r}"
    box, viewport = tooltip.bounding_box(), page.viewport_size
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"], "the note is off screen"
    assert v.errors == []


def test_content_tabs_switch(visit, built_site):
    path = first_page_with(built_site, CONTENT_TABS, "content tabs")
    v = visit()
    page = v.open(path, until="ready")
    labels, panels = tab_panels(page)
    assert labels.count() >= 2 and panels.count() == labels.count()
    assert panels.nth(0).is_visible() and not panels.nth(1).is_visible()

    labels.nth(1).click()
    panels.nth(1).wait_for(state="visible")
    assert not panels.nth(0).is_visible()
    assert page.locator(".tabbed-set").first.locator("input").nth(1).is_checked()

    labels.nth(0).click()
    panels.nth(0).wait_for(state="visible")
    assert not panels.nth(1).is_visible()
    assert v.errors == []


def test_the_copy_button_copies_the_code_without_markers_or_line_numbers(visit, built_site):
    """Copy an annotated excerpt with line numbers: the clipboard holds Django's own lines."""
    path = first_page_with(built_site, ANNOTATED_CODE, "a code annotation")
    v = visit(permissions=["clipboard-read", "clipboard-write"])
    page = v.open(path, until="ready")
    show_every_code_block(page)
    blocks = page.locator(".excerpt .highlight:has(.md-annotation):has(.linenodiv, span.linenos)")
    assert blocks.count() > 0, f"{path}: no annotated excerpt with line numbers"
    block = blocks.first
    # Line numbers in a column of their own (a table), or one at the start of each line.
    numbers = [
        int(n)
        for text in block.locator(".linenodiv, span.linenos").evaluate_all(
            "es => es.map(e => e.textContent + ' ' + (e.dataset.linenos || ''))"
        )
        for n in text.split()
    ]
    excerpt = block.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' excerpt ')][1]")
    source = EXCERPT_SOURCE.search(excerpt.locator(".excerpt-source a").get_attribute("href"))
    assert source, "the excerpt does not link to its source file"
    django_lines = (DJANGO_SOURCE / source[1]).read_text(encoding="utf-8").splitlines()
    expected = [django_lines[n - 1] for n in numbers]

    page.evaluate("() => navigator.clipboard.writeText('')")
    block.hover()
    block.locator(".md-code__button").click()
    page.locator(".md-dialog").filter(has_text="Copied").wait_for(state="visible")
    copied = page.evaluate("() => navigator.clipboard.readText()")

    # Material leaves the spaces that stood before a removed marker at the end of its line.
    assert [line.rstrip() for line in copied.split("\n")] == [line.rstrip() for line in expected]
    assert not re.search(r"\(\d+\)!?", copied), "an annotation marker was copied"
    assert not any(line.lstrip().startswith(str(n)) for n, line in zip(numbers, copied.split("\n")) if line.strip()), (
        "line numbers were copied"
    )
    assert v.errors == []
