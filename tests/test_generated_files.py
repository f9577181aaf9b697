"""Every generated file a page includes is what the engine would write now.

One test per manifest entry of every kind (excerpts, shown outputs, call trees, diagrams), so a
failure names the item; its message carries the unified diff, the pages that include the
file and the command that fixes it. A manifest that cannot be read (a TOML syntax error,
an unknown key) fails as one named test of its own, not as a collection error that would
stop the whole session. Files that depend on the Python release are verified strictly on
the pinned Python; elsewhere a difference is reported as a warning in pytest's summary.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from scripts import generate
from scripts import includes
from scripts.includes import pages_including

# Another project tree can be checked the same way (tests/test_generate_cli.py does, to show
# that a broken manifest fails one named test rather than the collection).
ROOT = Path(os.environ.get("GENERATED_FILES_ROOT", includes.ROOT))
SELECTION = generate.load(ROOT)
KINDS = generate.kinds()
# Each item once per Django series that renders it (every series for a per-series kind).
SERIES = generate.series_list(ROOT, None)
CASES = [(s, i) for s in SERIES for i in SELECTION.items if i.kind in generate.kinds_for(s, KINDS)]


def case_id(series, item) -> str:
    """``excerpts:<id>`` for the newest series, ``excerpts:<id>@django-6.0`` for another."""
    return f"{item.kind}:{item.name}" + ("" if series.newest else f"@django-{series.name}")


class NotVerifiedOnThisPython(UserWarning):
    """A Python-dependent file that differs on a Python other than the pinned one."""


def manifest_of(error: str) -> str:
    return error.split(":", 1)[0]


@pytest.fixture(scope="module")
def every_diagram_drawn() -> None:
    """Every diagram drawn at once, in one browser (the engine keeps each drawing), rather
    than a browser started for each diagram's test."""
    generate.prepare([i for i in SELECTION.items if i.kind == "diagrams"], ROOT, KINDS)


@pytest.mark.parametrize(("series", "item"), CASES, ids=[case_id(s, i) for s, i in CASES])
def test_generated_files_match_what_the_engine_writes(series, item, request):
    if item.kind == "diagrams":
        request.getfixturevalue("every_diagram_drawn")
    report = generate.check_items([item], ROOT, KINDS, [series])
    for notice in report.notices:
        warnings.warn(NotVerifiedOnThisPython(notice))
    assert not report.problems, "\n\n".join(report.problems)


@pytest.mark.parametrize("error", SELECTION.errors or ["(none)"], ids=[manifest_of(e) for e in SELECTION.errors] or ["every-manifest"])
def test_every_manifest_loads(error):
    assert error == "(none)", error


def test_no_generated_file_is_orphaned():
    orphans = generate.orphans(ROOT, KINDS)
    assert not orphans, "\n".join(orphans)


@pytest.mark.parametrize("kind", ["excerpts", "outputs", "calltrees", "diagrams", "texts", "history"])
def test_every_generated_file_is_included_by_a_page(kind):
    unused = []
    for item in SELECTION.items:
        if item.kind == kind:
            shown = [p for p in KINDS[kind].paths(item, ROOT) if "/snapshots/" not in p]
            unused += [p for p in shown if not pages_including(p, ROOT)]
    assert not unused, f"generated files no page includes (remove their manifest entries): {unused}"
