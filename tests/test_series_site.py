"""The published build holds every supported Django series side by side: a folder per
series, the versions.json Material's version selector reads, an index leading to the
newest series; each series' pages quote that series' generated files, and the selector
appears on the page and lists every series."""

from __future__ import annotations

import json

from scripts import django_series, series_site
from tests.browser_support import ROOT, PageVisit

SERIES = django_series.supported(ROOT)


def test_every_series_has_its_folder_and_versions_json_lists_them(versioned_site):
    for series in SERIES:
        assert (versioned_site / series.name / "index.html").is_file(), f"no site for Django {series.name}"
    listed = json.loads((versioned_site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in listed] == [s.name for s in SERIES]
    assert [v["title"] for v in listed] == [f"Django {s.release}" for s in SERIES]
    assert listed[0]["aliases"] == ["latest"]
    index = (versioned_site / "index.html").read_text(encoding="utf-8")
    assert f'url={SERIES[0].name}/"' in index and f'href="{SERIES[0].name}/"' in index


def test_each_series_quotes_its_own_release(versioned_site):
    for series in SERIES:
        html = (versioned_site / series.name / "launch" / "manage-py" / "index.html").read_text(encoding="utf-8")
        assert f"Django {series.release}" in html, f"Django {series.name}'s launch page names another release"
        others = [s.release for s in SERIES if s != series]
        assert not any(f"· Django {r}" in html for r in others)


def test_series_texts_follow_the_series(versioned_site):
    for series in SERIES:
        html = (versioned_site / series.name / "launch" / "index.html").read_text(encoding="utf-8")
        banner = (ROOT / series.folder / "texts" / "runserver-banner.md").read_text(encoding="utf-8")
        quoted = banner.split("`")[1]
        assert quoted in html, f"Django {series.name}: the launch page does not say {quoted!r}"


def test_the_configuration_lists_the_series_folder_first():
    for series in SERIES:
        text = series_site.config_text(series, ROOT)
        expected = f'["{series.folder.rstrip("/")}", "."]' if series.folder else '["."]'
        assert f"base_path: {expected}" in text and "INHERIT: mkdocs.yml" in text


def test_the_version_selector_appears_and_lists_every_series(browser, site_url):
    v = PageVisit(browser, site_url)
    try:
        page = v.open("/")
        selector = page.locator(".md-version")
        selector.wait_for(state="attached")
        titles = page.locator(".md-version__item").all_text_contents()
        assert [t.strip() for t in titles] == [f"Django {s.release}" for s in SERIES]
        assert v.foreign == [] and v.failed == [] and v.errors == []
    finally:
        v.close()
