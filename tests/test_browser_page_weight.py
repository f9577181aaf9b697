"""Page weight: what a reader's browser downloads on a first visit to each page (empty
cache), by kind of file, held to a budget per page (BUDGET in tests/browser_support.py).

The budget is generous for a long walkthrough with a diagram, and tight enough to catch a
regression: a web font, a diagram renderer (diagrams are drawn ahead of time, so no page
may load one), an image or a script that is suddenly far bigger than it should be.
"""

from __future__ import annotations

import pytest

from tests.browser_support import (
    BUDGET,
    over_budget,
    page_id,
    resource_kind,
    site_pages,
)

PAGES = site_pages()


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_first_load_stays_within_the_page_budget(site_visits, path):
    report = site_visits.report(path)
    weight = report.weight()
    # What the page is made of must have been measured, or the budget says nothing.
    assert weight.get("html", 0) > 0 and weight.get("css", 0) > 0 and weight.get("js", 0) > 0, (
        f"{path}: HTML, CSS and JavaScript not all measured: {weight}"
    )
    problems = over_budget(weight, BUDGET)
    largest = sorted(report.transfers, key=lambda t: t.bytes, reverse=True)[:8]
    assert problems == [], (
        f"{path} is over budget:\n"
        + "\n".join(problems)
        + "\nlargest files:\n"
        + "\n".join(f"  {t.bytes:>10,}  {t.kind:5}  {t.url}" for t in largest)
    )


def test_no_page_may_load_a_diagram_renderer():
    # Mermaid's core alone (about 400 kB, sequence diagrams about 880 kB with their
    # chunks) is more than any page may load: the diagrams are drawn ahead of time.
    assert BUDGET["js"] < 400_000
    assert BUDGET["font"] == 0


def test_the_budget_check_names_what_is_over():
    weight = {"html": 40_000, "js": 900_000, "font": 30_000, "video": 1}
    assert over_budget(weight, BUDGET) == [
        "font: 30,000 bytes, over its budget of 0",
        "js: 900,000 bytes, over its budget of 200,000",
        "video: 1 bytes of a kind the budget does not know",
    ]
    assert over_budget(weight | {"js": 100_000, "font": 0, "video": 0}, BUDGET) == [
        "video: 0 bytes of a kind the budget does not know"
    ]


@pytest.mark.parametrize(
    ("url", "resource_type", "content_type", "kind"),
    [
        ("http://h/", "document", "text/html", "html"),
        ("http://h/assets/stylesheets/main.css", "stylesheet", "text/css", "css"),
        ("http://h/assets/vendor/mermaid/chunks/x.mjs", "script", "text/javascript", "js"),
        ("http://h/assets/javascripts/workers/search.js", "other", "application/javascript", "js"),
        ("http://h/fonts/Roboto.woff2", "font", "font/woff2", "font"),
        ("http://h/f.ttf", "other", "application/octet-stream", "font"),
        ("http://h/assets/images/favicon.png", "other", "image/png", "image"),
        ("http://h/search/search_index.json", "fetch", "application/json", "data"),
    ],
)
def test_files_are_sorted_into_the_budget_kinds(url, resource_type, content_type, kind):
    assert resource_kind(url, resource_type, content_type) == kind
