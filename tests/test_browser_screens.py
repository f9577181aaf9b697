"""Code reads on any screen: every page in headless Chromium at 1280 px and at 390 px (a
phone held upright).

- At 1280 px a line of 88 columns, the longest Django's style allows, fits its code block.
- At 390 px no page scrolls sideways as a whole; a call tree scrolls in its own box with
  every function name on one line; an excerpt's title wraps within its block, at a space,
  a "/" or a "." rather than inside a word; a diagram wider than the screen says that it
  scrolls; and every code annotation's marker is on screen without scrolling the code,
  large enough to tap and clear of its neighbours, and a block with markers gives its
  code room to scroll clear of their gutter, whether it was set up while the page loaded
  or only when the reader scrolled to it; and the blocks in a phone's first screen carry
  few annotations (the theme sets those up while the page loads).

The figures come from the one load per page that the browser tests share
(tests/screen_measures.py, SiteVisits in tests/browser_support.py); the styles under test
are docs/assets/stylesheets/screens.css, site.css and diagrams.css, with
docs/assets/javascripts/code-titles.js, scroll-hints.js and annotation-gutter.js.
"""

from __future__ import annotations

import pytest

from tests.browser_support import ANNOTATED_CODE, first_page_with, page_id, site_pages
from tests.lazy_code_blocks import show_every_code_block
from tests.screen_measures import PHONE, TARGET, WIDE

PAGES = site_pages()
# A code block whose first line has an annotation (the line beside the copy button).
FIRST_LINE_ANNOTATED = r'<code><span id="__span-[\d-]+">[^\n]*<span class="c[^"]*">[^<]*\(\d+\)!?</span>'
# Django's own line length (its black and flake8 settings).
FITS_COLUMNS = 88


def screens(site_visits, path):
    report = site_visits.report(path)
    assert report.screens is not None, f"{path}: the layout was not measured"
    return report.screens


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_a_line_of_88_columns_fits_its_code_block_at_1280_px(site_visits, path):
    blocks = screens(site_visits, path).code_blocks
    scrolling = [
        f"{b['excerpt']}: {b['columns']} columns, {b['scrollWidth']} px wide in a block of {b['clientWidth']} px"
        for b in blocks
        if b["columns"] <= FITS_COLUMNS and b["scrollWidth"] > b["clientWidth"]
    ]
    assert scrolling == [], f"{path} at {WIDE['width']} px: code blocks scroll sideways:\n" + "\n".join(scrolling)


def test_the_site_has_code_blocks_of_nearly_88_columns(site_visits):
    """The check above is only worth something if some lines come close to the limit."""
    widest = max(
        (b["columns"] for path in PAGES for b in screens(site_visits, path).code_blocks if b["columns"] <= FITS_COLUMNS),
        default=0,
    )
    assert widest >= 85, f"the longest excerpt line of at most {FITS_COLUMNS} columns has only {widest}"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_page_scrolls_sideways_on_a_phone(site_visits, path):
    phone = screens(site_visits, path).phone
    assert phone["viewportWidth"] == PHONE["width"]
    assert phone["documentWidth"] <= phone["viewportWidth"], (
        f"{path} is {phone['documentWidth']} px wide on a {phone['viewportWidth']} px screen"
    )


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_call_tree_names_stay_whole_on_a_phone(site_visits, path):
    names = screens(site_visits, path).phone["callTreeNames"]
    broken = [n["name"] for n in names if n["lines"] != 1]
    assert broken == [], f"{path}: call-tree names broken across lines at {PHONE['width']} px: {broken}"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_excerpt_titles_wrap_within_their_block_on_a_phone(site_visits, path):
    titles = screens(site_visits, path).phone["titles"]
    problems = [f"{t['text']!r} runs past its block" for t in titles if t["overflows"]]
    problems += [f"{t['text']!r} breaks inside {t['brokenWords']}" for t in titles if t["brokenWords"]]
    assert problems == [], f"{path} at {PHONE['width']} px:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_a_diagram_wider_than_a_phone_shows_that_it_scrolls(site_visits, path):
    problems = []
    for d in screens(site_visits, path).phone["diagrams"]:
        start, end = d["atStart"], d["atEnd"]
        if not d["scrolls"]:
            if start["hint"] is not None or start["mask"] != "none":
                problems.append(f"{d['label']}: fits, yet is marked as scrolling ({start})")
            continue
        if start["hint"] != "right" or "gradient" not in start["mask"] or "Scroll sideways" not in start["says"]:
            problems.append(f"{d['label']}: at its start, no fade on the right and no line saying it scrolls ({start})")
        if end["hint"] != "left" or "gradient" not in end["mask"]:
            problems.append(f"{d['label']}: scrolled to its end, no fade on the left ({end})")
    assert problems == [], f"{path} at {PHONE['width']} px:\n" + "\n".join(problems)


def test_some_diagram_and_some_call_tree_are_wider_than_a_phone(site_visits):
    """The two checks above are only worth something if the cases they check occur."""
    reports = [screens(site_visits, path).phone for path in PAGES]
    assert any(d["scrolls"] for phone in reports for d in phone["diagrams"]), "no diagram is wider than a phone"
    assert any(phone["callTreeNames"] for phone in reports), "no page has a call tree"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_annotation_markers_are_on_screen_and_large_enough_to_tap_on_a_phone(site_visits, path):
    phone = screens(site_visits, path).phone
    problems = []
    for m in phone["markers"]:
        if m["left"] < 0 or m["right"] > phone["viewportWidth"]:
            problems.append(f"{m['where']}: off screen ({m['left']:.0f}-{m['right']:.0f} px)")
        large = m["width"] >= TARGET and m["height"] >= TARGET and not m["overlapsAnother"]
        if not (large or m["spaced"]):
            problems.append(f"{m['where']}: {m['width']:.0f}x{m['height']:.0f} px, too small or too close to another")
        if not m["onTop"]:
            problems.append(f"{m['where']}: covered by something else where a reader taps it")
    assert problems == [], f"{path} at {PHONE['width']} px:\n" + "\n".join(problems)


def test_a_marker_tapped_on_a_phone_opens_its_note_on_screen(visit, built_site):
    path = first_page_with(built_site, ANNOTATED_CODE, "a code annotation")
    v = visit(viewport=PHONE, has_touch=True)
    page = v.open(path, until="load")
    show_every_code_block(page)
    page.wait_for_selector(".md-annotation__index")
    marker = page.locator(".md-annotation__index").first
    marker.evaluate("m => m.closest('pre').scrollIntoView({block: 'center'})")
    box = marker.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], f"the marker is off screen: {box}"
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator(".md-annotation .md-tooltip--active")
    tooltip.wait_for(state="visible")
    page.wait_for_function(
        "() => document.querySelector('.md-tooltip--active').getAnimations().every(a => a.playState !== 'running')"
    )
    note = tooltip.bounding_box()
    assert note and 0 <= note["x"] and note["x"] + note["width"] <= PHONE["width"], f"the note is off screen: {note}"
    assert v.errors == [], v.errors


# Blocks the theme has not set up when the page has loaded, marked to tell them apart later.
MARK_BLOCKS_NOT_SET_UP_JS = """
() => document.querySelectorAll('.md-content pre:not([id^="__code_"])')
  .forEach(pre => { pre.dataset.lateBlock = ''; })
"""

GUTTER_JS = """
() => [...document.querySelectorAll('.md-content pre > code')]
  .filter(code => code.getClientRects().length > 0 && !code.closest('details:not([open])'))
  .map(code => ({
    late: 'lateBlock' in code.parentElement.dataset,
    title: code.closest('.highlight')?.querySelector('.filename')?.textContent ?? code.textContent.slice(0, 40),
    setUp: code.parentElement.id.startsWith('__code_'),
    markers: code.querySelectorAll('.md-annotation').length,
    firstLine: !!code.firstElementChild?.querySelector('.md-annotation'),
    padding: parseFloat(getComputedStyle(code).paddingRight),
  }))
"""


@pytest.mark.parametrize("pattern, what", [(ANNOTATED_CODE, "a code annotation"),
                                           (FIRST_LINE_ANNOTATED, "an annotation on a block's first line")])
def test_code_with_markers_has_room_to_scroll_clear_of_their_gutter_on_a_phone(visit, built_site, pattern, what):
    """annotation-gutter.js marks the blocks that the theme has put markers in, as each
    is set up: the one in view while the page loads, and every other one when the reader
    scrolls to it (show_every_code_block). On a phone their code ends 64 px further on
    (95 px when the first line, beside the copy button, has a marker too); no other block
    does."""
    path = first_page_with(built_site, pattern, what)
    v = visit(viewport=PHONE, has_touch=True, is_mobile=True)
    page = v.open(path, until="load")
    page.evaluate(MARK_BLOCKS_NOT_SET_UP_JS)
    show_every_code_block(page)
    blocks = page.evaluate(GUTTER_JS)
    assert any(b["markers"] and b["late"] for b in blocks), (
        f"{path}: no block with markers was set up after the load, so that case goes untested"
    )
    assert any(b["firstLine"] for b in blocks) or pattern != FIRST_LINE_ANNOTATED, f"{path}: no first-line marker"
    plain = {b["padding"] for b in blocks if not b["markers"]}
    problems = []
    for b in blocks:
        wanted = 95 if b["firstLine"] else 64 if b["markers"] else None
        if not b["setUp"]:
            problems.append(f"{b['title']}: not set up by the theme")
        elif wanted is not None and b["padding"] != wanted:
            problems.append(f"{b['title']}: {b['markers']} marker(s), code padded {b['padding']} px, not {wanted}")
        elif wanted is None and b["padding"] in (64, 95):
            problems.append(f"{b['title']}: no marker, yet padded for the gutter")
    assert problems == [], f"{path} at {PHONE['width']} px (plain blocks: {plain}):\n" + "\n".join(problems)
    assert v.errors == [], v.errors


# The most code annotations the blocks of a phone's first screen may carry in all. The theme
# sets up every block in view during the load, markers one by one; with the nine and ten of
# the view and middleware pages' first excerpts in view, that was one task of 300 ms on
# Lighthouse's simulated phone, and a score under 95.
FIRST_SCREEN_MARKERS = 5


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_a_phones_first_screen_has_few_code_annotations_to_set_up(site_visits, path):
    blocks = screens(site_visits, path).phone["firstScreen"]
    assert sum(b["markers"] for b in blocks) <= FIRST_SCREEN_MARKERS, (
        f"{path}: the code blocks in the first {PHONE['height']} px of a phone's screen carry "
        f"{sum(b['markers'] for b in blocks)} annotations ({blocks}); move the block further down "
        f"(an opening paragraph or list first) or put some of its notes in the prose"
    )


def test_the_first_screen_check_sees_annotated_blocks(site_visits):
    """The check above is only worth something if some first screens have markers."""
    assert any(screens(site_visits, path).phone["firstScreen"] for path in PAGES)
