"""Every link to Django's documentation points at the release of Django the site pins.

The pages explain Django 6.1's code and link to its documentation for each topic
(docs.djangoproject.com/en/<major.minor>/...). After an upgrade of Django, a link left at
the old release would send readers to documentation of code the site no longer quotes, so
every such link in the pages and the snippets must carry the installed release, and a link
to no release in particular (`stable`, `dev`) is refused for the same reason.
"""

from __future__ import annotations

import re

import django

from scripts.includes import ROOT

RELEASE = f"{django.VERSION[0]}.{django.VERSION[1]}"
LINK = re.compile(r"https?://docs\.djangoproject\.com/(?P<lang>[^/\s]+)/(?P<release>[^/\s)\"'>]+)/")


def sources():
    """The pages and the snippets (Django's own source, in excerpts/, is Django's business)."""
    return sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "snippets").rglob("*.py"))


def wrong_links(files, root=ROOT) -> list[str]:
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


def test_every_django_documentation_link_is_to_the_installed_release():
    assert wrong_links(sources()) == []


def test_the_pages_link_to_djangos_documentation():
    pages = [p for p in (ROOT / "docs").rglob("*.md") if LINK.search(p.read_text(encoding="utf-8"))]
    assert len(pages) >= 15, pages


def test_a_link_to_another_release_is_named_with_file_and_line(tmp_path):
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text(
        "[a](https://docs.djangoproject.com/en/5.2/topics/signals/)\n"
        "[b](https://docs.djangoproject.com/fr/stable/ref/) [c](https://docs.djangoproject.com/en/%s/ref/)\n" % RELEASE,
        encoding="utf-8",
    )
    assert wrong_links([page], tmp_path) == [
        f"docs/page.md:1: https://docs.djangoproject.com/en/5.2/ is not Django {RELEASE}'s "
        f"documentation; write https://docs.djangoproject.com/en/{RELEASE}/...",
        f"docs/page.md:2: https://docs.djangoproject.com/fr/stable/ is not Django {RELEASE}'s "
        f"documentation; write https://docs.djangoproject.com/fr/{RELEASE}/...",
    ]
