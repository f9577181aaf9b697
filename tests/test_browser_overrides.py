"""The accessibility fixes are plain assets every builder takes, not theme overrides.

Overriding a Material template (the search partial, main.html) breaks the site under
Zensical, whose templates differ; so the site overrides none, and what the overrides did
is done by docs/assets/javascripts/a11y.js and docs/assets/stylesheets/a11y.css, listed
in mkdocs.yml. These tests hold that in place: no template override, the two files on
every page, and the script's fixes applied in the browser. The axe checks that need them
are in tests/test_browser_accessibility.py.
"""

from __future__ import annotations

from pathlib import Path

from scripts.site_config import load_config
from tests.browser_support import ANNOTATED_CODE, built_file, first_page_with, site_pages
from tests.lazy_code_blocks import show_every_code_block

ROOT = Path(__file__).resolve().parent.parent
FIXES = ("assets/stylesheets/a11y.css", "assets/javascripts/a11y.js")


def test_no_theme_template_is_overridden():
    theme = load_config(ROOT)["theme"]
    assert "custom_dir" not in theme, "theme.custom_dir overrides templates, which breaks the Zensical build"
    assert not (ROOT / "overrides").exists(), "overrides/ is left over; put fixes in docs/assets/ instead"


def test_the_fixes_are_listed_for_every_builder():
    config = load_config(ROOT)
    assert FIXES[0] in config["extra_css"]
    assert FIXES[1] in config["extra_javascript"]
    for fix in FIXES:
        assert (ROOT / "docs" / fix).is_file(), fix


def test_every_page_has_the_fixes(built_site):
    for path in site_pages():
        html = built_file(built_site, path).read_text(encoding="utf-8")
        for fix in FIXES:
            assert fix in html, f"{path} does not load {fix}"
    for fix in FIXES:
        assert (built_site / fix).is_file(), fix


def test_the_script_names_the_search_dialog_and_the_annotation_markers(visit, built_site):
    page = visit().open(first_page_with(built_site, ANNOTATED_CODE, "a code annotation"), until="ready")
    assert page.locator(".md-search").get_attribute("role") == "dialog"
    assert page.locator(".md-search").get_attribute("aria-label") == "Search"
    show_every_code_block(page)
    page.wait_for_selector("a.md-annotation__index")
    labels = page.eval_on_selector_all("a.md-annotation__index", "ms => ms.map(m => m.getAttribute('aria-label'))")
    assert labels and all(label and label.startswith("Annotation ") for label in labels), labels
    assert labels[0] == "Annotation 1"


def test_a_code_block_the_theme_has_not_set_up_takes_focus_when_it_scrolls(visit, built_site):
    """The theme sets a block up (and lets it take focus) when it comes into view; until
    then a11y.js does, for a block that scrolls sideways, once the browser is idle."""
    v = visit(viewport={"width": 390, "height": 844})
    page = v.open(first_page_with(built_site, ANNOTATED_CODE, "a code annotation"), until="load")
    # The last block that scrolls sideways, far below the first screen: not set up.
    found = page.evaluate(
        """() => {
             const blocks = [...document.querySelectorAll('.md-content pre > code')]
               .filter(code => !code.parentElement.id.startsWith('__code_')
                               && code.getBoundingClientRect().top > 2 * innerHeight
                               && code.scrollWidth > code.offsetWidth);
             const last = blocks[blocks.length - 1];
             if (last) last.setAttribute('data-test-block', '');
             return blocks.length;
           }"""
    )
    assert found, "no block below the first screen scrolls sideways on a phone-sized window"
    page.wait_for_function("() => document.querySelector('[data-test-block]').getAttribute('tabindex') === '0'")
    assert not page.locator("[data-test-block]").evaluate("c => c.parentElement.id.startsWith('__code_')"), (
        "the theme set the block up: it was not left to a11y.js"
    )
    assert v.errors == [], v.errors
