"""Accessibility: axe-core (vendored in tests/vendor/axe-core, injected into the page)
reports no serious or critical violation on any page, in the light and the dark colour
scheme, nor in the states a reader puts a page in: search open with results, the query
left in the header's search box under the pointer, a code annotation open, another
content tab chosen, the "copied" message shown, a narrow screen, and its navigation
drawer open.

Every rule axe has is on. Material for MkDocs' defaults fail several; the fixes are in
docs/assets/javascripts/a11y.js and docs/assets/stylesheets/a11y.css (no theme template is
overridden: that breaks the Zensical build), never in switching a rule off.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser_support import (
    ANNOTATED_CODE,
    AXE,
    CONTENT_TABS,
    SCHEMES,
    SEARCH_TERM,
    axe_violations,
    describe_violations,
    first_page_with,
    open_first_annotation,
    page_id,
    search,
    site_pages,
    tab_panels,
)
from tests.lazy_code_blocks import show_every_code_block

PAGES = site_pages()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_serious_or_critical_violation_on_the_page(site_visits, path, scheme):
    report = site_visits.report(path, scheme)
    assert report.violations == [], f"{path} ({scheme}):\n" + describe_violations(report.violations)
    assert report.errors == [], f"{path} ({scheme}): console errors: {report.errors}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_or_critical_violation_in_interactive_states(visit, built_site, scheme):
    """Each state changes one part of the page, and axe checks that part (the rest was
    checked at rest above); a narrow screen changes the whole layout, so all of it."""
    found: dict[str, list[dict]] = {}

    v = visit(color_scheme=scheme, permissions=["clipboard-read", "clipboard-write"])
    page = v.open(first_page_with(built_site, ANNOTATED_CODE, "a code annotation"), until="ready")
    search(page, SEARCH_TERM)
    found["search open with results"] = axe_violations(page, within=(".md-search",))
    page.keyboard.press("Escape")
    page.locator("input.md-search__input").hover()
    found["search closed, its query under the pointer"] = axe_violations(page, within=(".md-header",))

    marker, _ = open_first_annotation(page)
    found["code annotation open"] = axe_violations(page, within=(".md-annotation:has(.md-tooltip--active)",))

    block = page.locator(".highlight:has(.md-code__button)").first
    block.hover()
    block.locator(".md-code__button").click()
    page.locator(".md-dialog").filter(has_text="Copied").wait_for(state="visible")
    # It disappears two seconds after it appears.
    found['"copied" message shown'] = axe_violations(page, within=(".md-dialog",))

    page = v.open(first_page_with(built_site, CONTENT_TABS, "content tabs"), until="ready")
    labels, panels = tab_panels(page)
    labels.nth(1).click()
    panels.nth(1).wait_for(state="visible")
    found["second content tab chosen"] = axe_violations(page, within=(".tabbed-set",))

    page.set_viewport_size({"width": 390, "height": 844})
    show_every_code_block(page)  # as the reader who scrolls through it sees it
    found["the whole page on a narrow screen"] = axe_violations(page)
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    found["navigation drawer open on a narrow screen"] = axe_violations(
        page, within=(".md-header", ".md-sidebar--primary")
    )

    report = "\n".join(f"{state}:\n{describe_violations(v)}" for state, v in found.items() if v)
    assert not report, f"({scheme})\n{report}"
    assert v.errors == [], v.errors


def test_axe_is_vendored_with_its_version_and_licence():
    folder = AXE.parent
    version = (folder / "VERSION").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{version}")
    assert "Mozilla Public License" in (folder / "LICENSE").read_text(encoding="utf-8")


def test_no_axe_rule_is_switched_off():
    """The fix for a finding is in the theme, never in the test: no rule is disabled."""
    switches = re.compile(r"disableRules|runOnly|axe\.configure|rules\s*:\s*\{|enabled\s*:\s*false")
    for module in sorted(Path(__file__).parent.glob("*.py")):
        if module == Path(__file__) or "axe" not in (text := module.read_text(encoding="utf-8")):
            continue
        assert not switches.search(text), f"{module.name} changes which axe rules run"
