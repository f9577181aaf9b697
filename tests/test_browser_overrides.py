"""The theme overrides that the accessibility fixes rely on are in place on every page, and
an overridden Material template differs from Material's own only by the intended change
(so that upgrading Material cannot silently leave an old copy of a template behind).

See overrides/ and docs/assets/stylesheets/a11y.css; the browser checks that need them
are in tests/test_browser_accessibility.py.
"""

from __future__ import annotations

from pathlib import Path

import material

from tests.browser_support import built_file, site_pages

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'
NAMED = SEARCH_DIALOG + " aria-label=\"{{ lang.t('search') }}\""


def without_leading_comment(template: str) -> str:
    assert template.startswith("{#-"), "a template starts with a comment saying what it is"
    return template[template.index("-#}") + len("-#}") :]


def test_the_search_partial_is_materials_own_with_a_named_dialog():
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    theirs = (MATERIAL_TEMPLATES / "partials" / "search.html").read_text(encoding="utf-8")
    assert theirs.count(SEARCH_DIALOG + ">") == 1, "Material's search partial changed: update the override"
    assert without_leading_comment(ours) == without_leading_comment(theirs).replace(SEARCH_DIALOG, NAMED)


def test_every_page_has_the_fixes(built_site):
    for path in site_pages():
        html = built_file(built_site, path).read_text(encoding="utf-8")
        assert 'class="md-search" data-md-component="search" role="dialog" aria-label="Search"' in html, path
        assert "assets/stylesheets/a11y.css" in html, path
        assert "assets/javascripts/a11y.js" in html, path
    assert (built_site / "assets" / "javascripts" / "a11y.js").is_file()
