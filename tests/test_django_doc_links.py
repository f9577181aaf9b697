"""Every link to Django's documentation points at the release of the series its site is for.

The pages explain each supported series' code and link to Django's documentation for each
topic (docs.djangoproject.com/en/<series>/...). The pages are shared by every series, so
a page does not write the address: it writes ``[words][django:<path>]`` and includes
``texts/django-docs.md`` at its end, whose reference definitions each series' build finds
with its own release in them (``texts/django-docs.toml``, one text for every series).
A link to no release in particular (``stable``, ``dev``), or to one fixed release, would
send a reader of another series to documentation of code the site does not quote there.
The snippets, programs run on the newest series' Django, may link to its release only.
"""

from __future__ import annotations

import re

import django
import pytest

from scripts import django_series
from scripts.includes import ROOT

RELEASE = f"{django.VERSION[0]}.{django.VERSION[1]}"
LINK = re.compile(r"https?://docs\.djangoproject\.com/(?P<lang>[^/\s]+)/(?P<release>[^/\s)\"'>]+)/")
USE = re.compile(r"\]\[django:(?P<path>[^\]\s]+)\]")
DEFINITION = re.compile(r"^\[django:(?P<path>[^\]\s]+)\]: https://docs\.djangoproject\.com/en/\{series\}/(?P=path)$",
                        re.MULTILINE)
HREF = re.compile(r'href="(https?://docs\.djangoproject\.com/[^"]+)"')
INCLUDE = '--8<-- "texts/django-docs.md"'
SERIES = django_series.supported(ROOT)


def pages():
    return sorted((ROOT / "docs").rglob("*.md"))


def defined() -> set[str]:
    return set(DEFINITION.findall((ROOT / "texts" / "django-docs.toml").read_text(encoding="utf-8")))


def written_addresses(files, root=ROOT) -> list[str]:
    """Each address of Django's documentation written out in a page, named with its line."""
    problems = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in LINK.finditer(line):
                problems.append(
                    f"{path.relative_to(root).as_posix()}:{number}: {m[0]} is written out; write "
                    f"[words][django:<path>] and add the path to texts/django-docs.toml, so that each "
                    f"series' site links to its own release"
                )
    return problems


def wrong_links(files, root=ROOT) -> list[str]:
    """Each link in the snippets to a release other than the installed one, named with its line."""
    problems = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in LINK.finditer(line):
                if m["release"] != RELEASE:
                    problems.append(
                        f"{path.relative_to(root).as_posix()}:{number}: {m[0]} is not Django {RELEASE}'s "
                        f"documentation; write https://docs.djangoproject.com/{m['lang']}/{RELEASE}/..."
                    )
    return problems


def test_no_page_writes_out_an_address_of_djangos_documentation():
    assert written_addresses(pages()) == []


def test_every_link_a_page_makes_is_defined_and_every_definition_is_used():
    used = {m["path"]: page for page in pages() for m in USE.finditer(page.read_text(encoding="utf-8"))}
    undefined = sorted(f"{page.relative_to(ROOT)}: [django:{path}]" for path, page in used.items() if path not in defined())
    assert not undefined, f"links with no definition in texts/django-docs.toml: {undefined}"
    unused = sorted(defined() - set(used))
    assert not unused, f"definitions in texts/django-docs.toml no page uses (remove them): {unused}"


def test_every_page_that_links_includes_the_definitions():
    missing = [page.relative_to(ROOT).as_posix() for page in pages()
               if USE.search(text := page.read_text(encoding="utf-8")) and INCLUDE not in text.splitlines()]
    assert not missing, f"pages that link to Django's documentation without the line {INCLUDE}: {missing}"


def test_the_pages_link_to_djangos_documentation():
    linking = [p for p in pages() if USE.search(p.read_text(encoding="utf-8"))]
    assert len(linking) >= 15, linking


@pytest.mark.parametrize("series", SERIES, ids=[f"django-{s.name}" for s in SERIES])
def test_each_series_site_links_to_that_series_documentation(versioned_site, series):
    releases, unresolved = {}, []
    for html in (versioned_site / series.name).rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if "[django:" in text:  # a reference Markdown did not resolve is shown as it was written
            unresolved.append(html.relative_to(versioned_site).as_posix())
        for href in HREF.findall(text):
            releases.setdefault(LINK.match(href)["release"], html.relative_to(versioned_site).as_posix())
    assert not unresolved, f"pages showing an unresolved [django:...] link: {unresolved}"
    assert releases.keys() == {series.name}, f"Django {series.name}'s site links to releases {releases}"


def test_the_snippets_link_to_the_installed_release():
    assert wrong_links(sorted((ROOT / "snippets").rglob("*.py"))) == []


def test_an_address_written_out_is_named_with_file_and_line(tmp_path):
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text("intro\n[a](https://docs.djangoproject.com/en/5.2/topics/signals/)\n", encoding="utf-8")
    (problem,) = written_addresses([page], tmp_path)
    assert problem.startswith("docs/page.md:2: https://docs.djangoproject.com/en/5.2/ is written out; write "
                              "[words][django:<path>]")


def test_a_snippet_link_to_another_release_is_named_with_file_and_line(tmp_path):
    snippet = tmp_path / "snippets" / "a.py"
    snippet.parent.mkdir()
    snippet.write_text(
        "# https://docs.djangoproject.com/en/5.2/topics/signals/\n"
        "# https://docs.djangoproject.com/fr/stable/ref/ https://docs.djangoproject.com/en/%s/ref/\n" % RELEASE,
        encoding="utf-8",
    )
    assert wrong_links([snippet], tmp_path) == [
        f"snippets/a.py:1: https://docs.djangoproject.com/en/5.2/ is not Django {RELEASE}'s "
        f"documentation; write https://docs.djangoproject.com/en/{RELEASE}/...",
        f"snippets/a.py:2: https://docs.djangoproject.com/fr/stable/ is not Django {RELEASE}'s "
        f"documentation; write https://docs.djangoproject.com/fr/{RELEASE}/...",
    ]
