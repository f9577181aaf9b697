"""A change to any line of a quoted object fails the check, with a diff naming the page.

tests/test_generated_files.py compares every committed excerpt with the installed source.
These tests show why that comparison catches every upstream change: they change, one at a
time, lines of every quoted object in a copy of its distribution's source (shown lines,
elided lines, and lines cut by ``keep``) and run the real check against the copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts import django_series, generate
from scripts.excerpts import EXCERPTS, load_manifest
from scripts.generate import Item
from scripts.includes import pages_including
from scripts.python_source import SourceTree, installed

ROOT = Path(__file__).resolve().parent.parent
ALL_SPECS = load_manifest(ROOT)
SPECS = [s for s in ALL_SPECS if generate.on_pinned_python(ROOT) or not installed(s.top).is_stdlib]


def copy_of_quoted_sources(destination: Path) -> dict[str, SourceTree]:
    """For each distribution the manifests quote, a source tree holding just the quoted files."""
    copies: dict[str, SourceTree] = {}
    for spec in SPECS:
        source = installed(spec.top)
        rel = spec.file or source.locate(spec.qualname, spec.occurrence).path
        base = destination / source.key
        for path in [Path(rel), *(p / "__init__.py" for p in Path(rel).parents if p.name)]:
            if (source.root / path).is_file() and not (base / path).exists():
                (base / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source.root / path, base / path)
        copies[spec.top] = SourceTree(base, source.distribution, source.version)
    return copies


def problems(spec, sources: dict[str, SourceTree]) -> list[str]:
    kind = EXCERPTS.with_sources(**sources)
    # The copy is of the newest series' sources: check that series' files against it.
    report = generate.check_items([Item("excerpts", spec.id, spec.where, spec)], ROOT, {"excerpts": kind},
                                  [django_series.newest(ROOT)])
    return report.problems + report.notices


def lines_to_change(spec, first: int, last: int) -> list[int]:
    """File lines whose change must be caught: the object's first, middle and last line,
    the first line of every elided range, and a line cut off by ``keep``.

    The check compares every line of the object (its snapshot) as one string, so these
    stand for all the others; each kind of line (shown, elided, cut) is exercised through
    the real check, for every excerpt.
    """
    chosen = {first, (first + last) // 2, last}
    chosen |= {first + a - 1 for a, _ in spec.elide}
    if spec.keep:
        keep_first, keep_last = spec.keep
        chosen |= {first + keep_first - 2} if keep_first > 1 else set()
        chosen |= {first + keep_last} if first + keep_last <= last else set()
    return sorted(chosen)


def test_a_change_to_any_line_of_a_quoted_object_fails_with_a_diff_naming_every_page(tmp_path):
    sources = copy_of_quoted_sources(tmp_path)
    assert all(not problems(s, sources) for s in SPECS)
    checked = 0
    for spec in SPECS:
        source = sources[spec.top]
        loc = source.locate(spec.qualname, spec.occurrence) if spec.qualname else None
        path = source.root / (loc.path if loc else spec.file)
        original = path.read_text(encoding="utf-8")
        lines = original.splitlines(keepends=True)
        first, last = (loc.start, loc.end) if loc else (1, len(lines))
        quoting = [s for s in ALL_SPECS if s.object_key == spec.object_key]
        for number in lines_to_change(spec, first, last):
            changed = lines[:]
            changed[number - 1] = changed[number - 1].rstrip("\n") + "  # changed upstream\n"
            path.write_text("".join(changed), encoding="utf-8")
            try:
                messages = problems(spec, sources)
            finally:
                path.write_text(original, encoding="utf-8")
            assert messages, f"changing line {number} of {path.name} went unnoticed by [{spec.id}]"
            message = messages[0]
            for other in quoting:  # one diff, naming every page that quotes the object
                assert all(inc.where in message for inc in pages_including(other.fragment_path, ROOT)), message
                assert f"[{other.id}]" in message, message
            if "stale" in message:
                assert "+++ " in message and "changed upstream" in message, message
            checked += 1
    assert checked >= 3 * len(SPECS)


def test_the_snapshot_holds_every_line_of_the_quoted_object():
    """Why the sample above stands for every line: the snapshot is the whole object."""
    for spec in SPECS:
        source = installed(spec.top)
        loc = source.locate(spec.qualname, spec.occurrence) if spec.qualname else None
        lines = source.read_lines(loc.path if loc else spec.file)
        first, last = (loc.start, loc.end) if loc else (1, len(lines))
        snapshot = (ROOT / spec.snapshot_path(source)).read_text(encoding="utf-8").splitlines()
        assert snapshot[2:] == lines[first - 1 : last], spec.id


def test_one_snapshot_per_quoted_object():
    keys = {spec.object_key for spec in ALL_SPECS}
    snapshots = sorted((ROOT / "excerpts" / "snapshots").rglob("*.txt"))
    assert len(snapshots) == len(keys) < len(ALL_SPECS)
