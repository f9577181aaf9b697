"""The engine per Django series: every per-series kind renders for each supported series
into its folder, and what goes wrong on one series says which series, which entry and
which pages. Driven in small projects that list two of the real series (6.1 and 6.0, with
the real environments of this checkout)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import django_series, generate
from scripts.excerpts import EXCERPTS
from scripts.generated_files import ItemError
from scripts.python_source import django_at
from scripts.series_texts import SERIES_TEXTS

ROOT = Path(__file__).resolve().parent.parent
NEWEST, OLDER = django_series.supported(ROOT)[0], django_series.supported(ROOT)[1]
# An anchor only the newest series has: ASGIHandler.handle's task group.
ONLY_NEWEST = "tg.create_task(self.listen_for_disconnect(receive))"


def project(root: Path, anchor: str = "async def handle(self, scope, receive, send):") -> Path:
    (root / "docs").mkdir()
    (root / "excerpts").mkdir()
    (root / "django-series.txt").write_text(f"{NEWEST.name} {NEWEST.release}\n{OLDER.name} {OLDER.release}\n")
    (root / "excerpts" / "part.toml").write_text(
        f'[handle]\nqualname = "django.core.handlers.asgi.ASGIHandler.handle"\n\n'
        f'[[handle.annotate]]\nanchor = "{anchor}"\nnote = "Here."\n'
    )
    (root / "docs" / "page.md").write_text('# Page\n\n--8<-- "excerpts/handle.md"\n')
    return root


def only(name: str) -> dict:
    return {name: generate.kinds()[name]}


def test_each_series_gets_its_own_files_with_its_release_in_the_title(tmp_path):
    root = project(tmp_path)
    report = generate.update(root, "excerpts", say=lambda _: None, available=only("excerpts"))
    assert not report.problems, report.problems
    assert f"· Django {NEWEST.release}" in (root / "excerpts" / "handle.md").read_text()
    assert f"· Django {OLDER.release}" in (root / OLDER.folder / "excerpts" / "handle.md").read_text()
    assert generate.check(root, "excerpts", available=only("excerpts")).problems == []


def test_an_entry_that_cannot_render_on_one_series_names_the_series_the_entry_and_the_pages(tmp_path):
    root = project(tmp_path, anchor=ONLY_NEWEST)
    problems = generate.check(root, "excerpts", available=only("excerpts")).problems
    failed = [p for p in problems if "annotation anchor" in p]
    assert len(failed) == 1, problems
    assert failed[0].startswith(f"Django {OLDER.name} ({OLDER.release}): excerpts/part.toml:")
    assert "[handle]" in failed[0] and "Pages that include it: docs/page.md:3" in failed[0]


def test_a_series_table_shapes_the_entry_for_that_series_only(tmp_path):
    root = project(tmp_path, anchor=ONLY_NEWEST)
    with (root / "excerpts" / "part.toml").open("a") as manifest:
        manifest.write(f'\n[handle.series."{OLDER.name}"]\n\n[[handle.series."{OLDER.name}".annotate]]\n'
                       'anchor = "asyncio.create_task(self.listen_for_disconnect(receive)),"\nnote = "There."\n')
    report = generate.update(root, "excerpts", say=lambda _: None, available=only("excerpts"))
    assert not report.problems, report.problems
    assert "Here." in (root / "excerpts" / "handle.md").read_text()
    assert "There." in (root / OLDER.folder / "excerpts" / "handle.md").read_text()


def test_a_series_table_for_a_series_the_site_does_not_support_is_an_error(tmp_path):
    root = project(tmp_path)
    with (root / "excerpts" / "part.toml").open("a") as manifest:
        manifest.write('\n[handle.series."4.2"]\nkeep = "1-3"\n')
    errors = generate.load(root, "excerpts", available=only("excerpts")).errors
    assert len(errors) == 1 and "excerpts/part.toml:" in errors[0] and "Django 4.2 is not a supported series" in errors[0]


def test_a_drift_in_one_series_installed_django_fails_with_a_diff_naming_the_series_and_pages(tmp_path):
    root = project(tmp_path)
    assert not generate.update(root, "excerpts", say=lambda _: None, available=only("excerpts")).problems
    installed = OLDER.site_packages()
    copy = tmp_path / "changed-django"
    for rel in ("django/__init__.py", "django/core/handlers/asgi.py"):
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(installed / rel, copy / rel)
    asgi = copy / "django/core/handlers/asgi.py"
    marker = "        # Try to catch a disconnect while getting response.\n"
    assert marker in asgi.read_text()
    asgi.write_text(asgi.read_text().replace(marker, marker.rstrip() + "  # changed\n", 1))
    kind = EXCERPTS.with_sources(django=django_at(copy))
    problems = generate.check_items(generate.load(root, "excerpts", available=only("excerpts")).items, root,
                                    {"excerpts": kind}, [OLDER]).problems
    assert len(problems) == 1, problems
    message = problems[0]
    assert message.startswith(f"{OLDER.folder}excerpts/snapshots/django/django.core.handlers.asgi.ASGIHandler.handle.txt "
                              f"is stale on Django {OLDER.name} ({OLDER.release})")
    assert f"Pages that include it (as built for Django {OLDER.name}): docs/page.md:3" in message
    assert "+        # Try to catch a disconnect while getting response.  # changed" in message
    assert f"update --django {OLDER.name} excerpts handle" in message


def test_the_folder_of_a_series_no_longer_listed_is_orphaned(tmp_path):
    root = project(tmp_path)
    stale = root / "series" / "4.2" / "excerpts" / "handle.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("old\n")
    orphans = generate.orphans(root, only("excerpts"))
    assert orphans == ["series/4.2/excerpts/handle.md: an orphaned file of Django 4.2, a series "
                       "django-series.txt no longer lists. Delete it (`python -m scripts.generate update` does)."]


# --------------------------------------------------------------------------- series texts


def texts_project(root: Path, texts: str) -> Path:
    project(root)
    (root / "texts").mkdir()
    (root / "outputs").mkdir()
    (root / "snippets").mkdir()
    (root / "snippets" / "say.py").write_text("print('ok')\n")
    (root / "outputs" / "part.toml").write_text(
        '[say]\nsnippet = "snippets/say.py"\n[[say.replace]]\npattern = \'127\\.0\\.0\\.1:\\d+\'\nwith = "127.0.0.1:<port>"\n'
    )
    (root / "outputs" / "say.txt").write_text("Starting WSGI development server at http://127.0.0.1:<port>/\n")
    (root / OLDER.folder / "outputs").mkdir(parents=True)
    (root / OLDER.folder / "outputs" / "say.txt").write_text("Starting development server at http://127.0.0.1:<port>/\n")
    (root / "texts" / "part.toml").write_text(texts)
    return root


def render_texts(root: Path) -> list[str]:
    items = generate.load(root, "texts", available=only("texts")).items
    report = generate.Report()
    list(generate.rendered(items, root, only("texts"), report))
    return report.problems


def test_a_text_for_a_series_the_site_does_not_support_fails_naming_file_and_line(tmp_path):
    root = texts_project(tmp_path, f'[banner.series]\n"{NEWEST.name}" = "a"\n"{OLDER.name}" = "b"\n"4.2" = "c"\n')
    with pytest.raises(ItemError, match=r"^texts/part.toml:4 \[banner\]: a text for Django 4.2, which the site does not support"):
        SERIES_TEXTS.load(root, "texts/part.toml", (root / "texts" / "part.toml").read_text())


def test_every_supported_series_needs_its_text(tmp_path):
    root = texts_project(tmp_path, f'[banner.series]\n"{NEWEST.name}" = "a"\n')
    with pytest.raises(ItemError, match=rf"no text for Django {OLDER.name}"):
        SERIES_TEXTS.load(root, "texts/part.toml", (root / "texts" / "part.toml").read_text())


def test_one_text_for_every_series_gets_each_series_name(tmp_path):
    root = texts_project(tmp_path, '[docs]\nevery-series = "[d]: https://docs.djangoproject.com/en/{series}/"\n')
    items = SERIES_TEXTS.load(root, "texts/part.toml", (root / "texts" / "part.toml").read_text())
    for series in (NEWEST, OLDER):
        (file,) = SERIES_TEXTS.for_series(series).render(items[0], root)
        assert file.text == f"[d]: https://docs.djangoproject.com/en/{series.name}/\n"


@pytest.mark.parametrize(("table", "complaint"), [
    ('every-series = "no name in it"', r"without `\{series\}` in it"),
    (f'every-series = "{{series}}"\n[docs.series]\n"{NEWEST.name}" = "a"', r"not both"),
])
def test_a_text_for_every_series_needs_the_name_and_no_series_table(tmp_path, table, complaint):
    root = texts_project(tmp_path, f"[docs]\n{table}\n")
    with pytest.raises(ItemError, match=rf"^texts/part.toml:1 \[docs\]: .*{complaint}"):
        SERIES_TEXTS.load(root, "texts/part.toml", (root / "texts" / "part.toml").read_text())


def test_quoted_console_text_must_be_in_that_series_captured_output(tmp_path):
    root = texts_project(tmp_path, (
        '[banner]\noutput = "say"\n[banner.series]\n'
        f'"{NEWEST.name}" = "`Starting WSGI development server at http://127.0.0.1:8000/`"\n'
        f'"{OLDER.name}" = "`Starting WSGI development server at http://127.0.0.1:8000/`"\n'
    ))
    problems = render_texts(root)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"Django {OLDER.name} ({OLDER.release}): texts/part.toml:5 [banner]: the text for "
                                  f"Django {OLDER.name} quotes `Starting WSGI development server at http://127.0.0.1:8000/`")
    assert f"{OLDER.folder}outputs/say.txt" in problems[0]


def test_quotes_that_each_series_prints_pass(tmp_path):
    root = texts_project(tmp_path, (
        '[banner]\noutput = "say"\n[banner.series]\n'
        f'"{NEWEST.name}" = "`Starting WSGI development server at http://127.0.0.1:8000/`"\n'
        f'"{OLDER.name}" = "`Starting development server at http://127.0.0.1:8000/`"\n'
    ))
    assert render_texts(root) == []


def test_the_command_line_narrows_to_one_series():
    result = subprocess.run([sys.executable, "-m", "scripts.generate", "check", "--django", OLDER.name, "texts"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    count = len(generate.load(ROOT, "texts").items)
    assert result.stdout == f"All {count} item(s) match.\n"
    result = subprocess.run([sys.executable, "-m", "scripts.generate", "check", "--django", "4.2", "texts"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "'4.2' is not a series django-series.txt lists" in result.stderr


def test_an_object_that_differs_from_the_previous_series_carries_a_collapsed_diff(tmp_path):
    root = project(tmp_path)
    with (root / "excerpts" / "part.toml").open("a") as manifest:
        manifest.write('\n[same]\nqualname = "django.core.wsgi.get_wsgi_application"\n')
    (root / "docs" / "page.md").write_text('# Page\n\n--8<-- "excerpts/handle.md"\n\n--8<-- "excerpts/same.md"\n')
    assert not generate.update(root, "excerpts", say=lambda _: None, available=only("excerpts")).problems
    newest = (root / "excerpts" / "handle.md").read_text()
    assert f'??? note "What changed since Django {OLDER.release}"' in newest
    assert f"    --- django/core/handlers/asgi.py (Django {OLDER.release})" in newest
    assert any(line.startswith("    +") and line.strip("+ ") == ONLY_NEWEST for line in newest.splitlines())
    assert newest.index("What changed") < newest.rindex("</div>")
    # The oldest series listed has nothing to compare with; an object both read alike, no block.
    assert "What changed" not in (root / OLDER.folder / "excerpts" / "handle.md").read_text()
    assert "What changed" not in (root / "excerpts" / "same.md").read_text()


def test_bumping_a_series_changes_its_line_only(tmp_path):
    from scripts import django_series

    (tmp_path / django_series.SERIES_FILE).write_text("# the series\n6.1 6.1.3\n6.0 6.0.10\n5.2 5.2.19\n", encoding="utf-8")
    bumped = django_series.bump("5.2", "5.2.20", tmp_path)
    assert (bumped.name, bumped.release, bumped.newest) == ("5.2", "5.2.20", False)
    assert (tmp_path / django_series.SERIES_FILE).read_text(encoding="utf-8") == "# the series\n6.1 6.1.3\n6.0 6.0.10\n5.2 5.2.20\n"
    assert [s.release for s in django_series.supported(tmp_path)] == ["6.1.3", "6.0.10", "5.2.20"]


@pytest.mark.parametrize("name, release, complaint", [("5.2", "6.0.1", "not a release of the 5.2 series"),
                                                      ("4.2", "4.2.1", "4.2")])
def test_a_bump_to_another_series_or_of_an_unlisted_one_is_refused(tmp_path, name, release, complaint):
    from scripts import django_series

    (tmp_path / django_series.SERIES_FILE).write_text("6.1 6.1.3\n5.2 5.2.19\n", encoding="utf-8")
    with pytest.raises(django_series.SeriesError, match=complaint):
        django_series.bump(name, release, tmp_path)
    assert (tmp_path / django_series.SERIES_FILE).read_text(encoding="utf-8") == "6.1 6.1.3\n5.2 5.2.19\n"
