"""The comparison with older Django releases (scripts/history.py, scripts/django_releases.py).

The page for readers of older walkthroughs is generated, and the generic test of generated
files checks that its fragments are fresh. These tests hold the parts that decide what it
says: a note is refused on an object that did not change or that no walkthrough quotes
(naming the manifest line), statuses are what the releases' source says, and a wheel that
is not the pinned file fails loudly instead of being compared.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from scripts import django_releases, history
from scripts.generated_files import Item, ItemError

ROOT = Path(__file__).resolve().parent.parent


def render_notes(toml: str, which: str = "story"):
    notes = history.parse_notes(history.MANIFEST, toml)
    return history.HISTORY.render(Item("history", which, f"{history.MANIFEST}:1 [{which}]", notes), ROOT)


@pytest.fixture(scope="module")
def comparisons():
    releases = django_releases.pinned(ROOT)
    return history.compare(history.quoted_objects(ROOT), releases, ROOT)


def test_a_note_on_an_object_that_did_not_change_fails_naming_its_line():
    toml = '# a comment\n\n["django.core.wsgi.get_wsgi_application"]\ntitle = "t"\nnote = "n"\n'
    with pytest.raises(ItemError) as failure:
        render_notes(toml)
    message = str(failure.value)
    assert f"{history.MANIFEST}:3: django.core.wsgi.get_wsgi_application is the same code" in message
    assert "remove the note" in message


def test_a_note_on_an_object_no_walkthrough_quotes_fails_naming_its_line():
    unquoted = "django.utils.version.get_main_version"
    assert unquoted not in {q.qualname for q in history.quoted_objects(ROOT)}, (
        f"{unquoted} is quoted now: pick another object for this test")
    toml = f'["{unquoted}"]\ntitle = "t"\nnote = "n"\n'
    with pytest.raises(ItemError) as failure:
        render_notes(toml, "table")
    assert f"{history.MANIFEST}:1: {unquoted} is quoted by no excerpt" in str(failure.value)


@pytest.mark.parametrize("toml, complaint", [
    ('["django.setup"]\ntitle = "t"\n', "exactly the keys"),
    ('["django.setup"]\ntitle = "t"\nnote = " "\n', "non-empty"),
    ('["wsgiref.handlers.BaseHandler.run"]\ntitle = "t"\nnote = "n"\n', "not a Django object"),
])
def test_a_malformed_note_fails_naming_its_line(toml, complaint):
    with pytest.raises(ItemError, match=complaint) as failure:
        history.parse_notes(history.MANIFEST, toml)
    assert str(failure.value).startswith(f"{history.MANIFEST}:1:")


def test_every_committed_note_is_on_a_quoted_object_that_changed(comparisons):
    notes = history.parse_notes(history.MANIFEST, (ROOT / history.MANIFEST).read_text(encoding="utf-8"))
    assert notes
    for note in notes:
        assert note.qualname in comparisons, note.where
        assert comparisons[note.qualname].changed, note.where


def test_the_statuses_are_what_each_release_defines(comparisons):
    """Facts the page's introduction and entries rest on, read from the releases' source."""
    def statuses(qualname):
        return comparisons[qualname].statuses

    # 2.2 already had today's reloader choice, line for line.
    assert statuses("django.utils.autoreload.get_reloader") == ("identical",) * 3
    # The async-aware middleware loading is new since 2.2; 3.2 differs only in layout.
    assert statuses("django.core.handlers.base.BaseHandler.load_middleware") == ("changed", "layout only", "layout only")
    # No ASGI handler in 2.2.
    assert statuses("django.core.handlers.asgi.ASGIHandler.send_response")[0] == "absent"
    # The banner moved to on_bind after 3.2.
    assert statuses("django.core.management.commands.runserver.Command.on_bind")[:2] == ("absent", "absent")


def test_layout_only_is_the_same_code_and_changed_is_not():
    new = ("m.py", 'def f(a):\n    return g("x",\n             a)  # why\n', 10)
    assert history.status(("m.py", "def f(a):\n    return g('x', a)\n", 3), new) == "layout only"
    assert history.status(("m.py", "def f(a):\n    return g('y', a)\n", 3), new) == "changed"
    assert history.status(("m.py", new[1], 3), new) == "identical"
    assert history.status(None, new) == "absent"


def test_a_diff_carries_the_files_own_line_numbers():
    text = history.diff(("a.py", "x = 1\ny = 2\n", 40), ("a.py", "x = 1\ny = 3\n", 7), "old", "new")
    assert "@@ -40,2 +7,2 @@" in text
    assert "-y = 2\n+y = 3\n" in text


def test_the_story_links_to_the_sections_quoting_each_object():
    story = (ROOT / history.STORY).read_text(encoding="utf-8")
    assert "[4. Checks, the WSGI application and its middleware › Building the middleware chain]" \
           "(launch/wsgi-application.md#building-the-middleware-chain)" in story


def test_a_wheel_that_is_not_the_pinned_file_fails_loudly(tmp_path):
    wheel = tmp_path / "Django-2.2.28-py3-none-any.whl"
    wheel.write_bytes(b"not the pinned wheel")
    release = django_releases.Release("2.2.28", wheel.name, "0" * 64, "history/releases.toml:10")
    with pytest.raises(django_releases.ReleaseError) as failure:
        django_releases.verify(release, wheel)
    message = str(failure.value)
    assert message.startswith("history/releases.toml:10: ")
    assert hashlib.sha256(b"not the pinned wheel").hexdigest() in message and "0" * 64 in message


def test_a_release_not_downloaded_names_the_command_that_fetches_it(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_RELEASES_CACHE", str(tmp_path))
    release = django_releases.pinned(ROOT)[0]
    with pytest.raises(django_releases.ReleaseError, match="make releases"):
        django_releases.source_tree(release, ROOT)


def test_the_pins_are_oldest_first_with_full_hashes(tmp_path):
    (tmp_path / "history").mkdir()
    pins = tmp_path / django_releases.PINS
    pins.write_text('[[release]]\nversion = "3.2.25"\nwheel = "a.whl"\nsha256 = "' + "a" * 64 + '"\n\n'
                    '[[release]]\nversion = "2.2.28"\nwheel = "b.whl"\nsha256 = "' + "b" * 64 + '"\n', encoding="utf-8")
    with pytest.raises(django_releases.ReleaseError, match="oldest first"):
        django_releases.pinned(tmp_path)
    pins.write_text('[[release]]\nversion = "2.2.28"\nwheel = "b.whl"\nsha256 = "abc"\n', encoding="utf-8")
    with pytest.raises(django_releases.ReleaseError, match=r"releases.toml:1: .*64 hex digits"):
        django_releases.pinned(tmp_path)
