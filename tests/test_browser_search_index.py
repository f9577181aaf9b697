"""The search index is downloaded after the page has painted its content and loaded, and
search still answers.

docs/assets/javascripts/search-index-after-paint.js (loaded in <head> through
`extra.polyfills` in mkdocs.yml) holds back the theme's request for
search/search_index.json, the largest download of every page, until the browser has
reported the first contentful paint and fired the load event: on a phone's connection
the index otherwise competes with the first paint (scripts/lighthouse.py). The times
compared here are the browser's own (Performance API), read after the index has arrived;
tests/test_browser_features.py checks what searching finds.
"""

from __future__ import annotations

import pytest

from tests.browser_support import search

# A short page and a long one whose first screen holds a code block with annotations.
PAGES = ["/", "/request/view/"]

TIMES = """() => {
    const index = performance.getEntriesByType("resource")
        .filter(e => /\\/search\\/search_index\\.json$/.test(e.name));
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const navigation = performance.getEntriesByType("navigation")[0];
    return {
        requests: index.length,
        indexStart: index.length ? index[0].startTime : null,
        firstPaint: paint ? paint.startTime : null,
        loadEvent: navigation.loadEventStart,
    };
}"""


@pytest.mark.parametrize("path", PAGES)
def test_the_search_index_is_asked_for_after_the_first_paint_and_the_load(visit, path):
    v = visit()
    page = v.open(path, until="ready")  # until the theme's search has its index
    times = page.evaluate(TIMES)
    assert times["requests"] == 1, f"{path}: search_index.json was requested {times['requests']} times: {times}"
    assert times["firstPaint"] is not None, f"{path}: the browser reported no first contentful paint"
    assert times["indexStart"] >= times["firstPaint"], (
        f"{path}: the search index was asked for at {times['indexStart']:.0f} ms, before the first "
        f"contentful paint at {times['firstPaint']:.0f} ms: is search-index-after-paint.js in "
        "extra.polyfills (mkdocs.yml), and does the theme still request the index with XMLHttpRequest?"
    )
    assert times["indexStart"] >= times["loadEvent"] > 0, (
        f"{path}: the search index was asked for at {times['indexStart']:.0f} ms, before the load "
        f"event at {times['loadEvent']:.0f} ms"
    )
    assert v.failed == [] and v.errors == [], (v.failed, v.errors)


def test_a_query_typed_as_soon_as_the_page_has_loaded_is_answered(visit):
    """The reader types as soon as the page has loaded, without waiting for the index: the
    theme's search answers once the held-back request has brought it."""
    v = visit()
    page = v.open("/request/", until="load")
    links = search(page, "load_middleware")
    assert links.count() > 0, "the search showed no result"
    assert v.failed == [] and v.errors == [], (v.failed, v.errors)
