"""The committed excerpts of Django's source match the installed Django, line for line.

One test per excerpt, so a failure names the excerpt; its message carries the unified diff
and the pages that include it. The second half changes, one at a time, every line of every
quoted object in a copy of Django's source and checks that each change is caught.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts import excerpts
from scripts.django_source import DjangoSource
from scripts.includes import pages_including

SPECS = excerpts.load_manifest()
INSTALLED = DjangoSource.installed()


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_excerpt_matches_installed_django(spec, project_root):
    problems = excerpts.problems_for(spec, INSTALLED, project_root)
    assert not problems, "\n\n".join(problems)


def test_every_committed_excerpt_file_has_a_manifest_entry(project_root):
    assert not excerpts.orphans(SPECS, project_root)


def test_every_excerpt_is_included_by_a_page(project_root):
    unused = [s.id for s in SPECS if not pages_including(s.fragment_path, project_root)]
    assert not unused, f"excerpts no page includes (remove them from their manifest): {unused}"


def copy_of_quoted_sources(destination: Path) -> DjangoSource:
    """A Django source tree holding just the files the manifest quotes."""
    paths = {"django/__init__.py"}
    for spec in SPECS:
        paths.add(spec.file or INSTALLED.locate(spec.qualname, spec.occurrence).path)
    for rel in paths:
        (destination / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(INSTALLED.root / rel, destination / rel)
    # Parent packages must exist for module lookup to find nested modules.
    for rel in paths:
        for parent in Path(rel).parents:
            init = destination / parent / "__init__.py"
            if parent.name and not init.exists():
                shutil.copy(INSTALLED.root / parent / "__init__.py", init)
    return DjangoSource(destination)


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


def test_a_change_to_any_line_of_a_quoted_object_fails_with_a_diff_naming_the_page(tmp_path, project_root):
    source = copy_of_quoted_sources(tmp_path)
    assert all(not excerpts.problems_for(s, source, project_root) for s in SPECS)
    checked = 0
    for spec in SPECS:
        loc = source.locate(spec.qualname, spec.occurrence) if spec.qualname else None
        path = source.root / (loc.path if loc else spec.file)
        original = path.read_text(encoding="utf-8")
        lines = original.splitlines(keepends=True)
        first, last = (loc.start, loc.end) if loc else (1, len(lines))
        for number in lines_to_change(spec, first, last):
            changed = lines[:]
            changed[number - 1] = changed[number - 1].rstrip("\n") + "  # changed upstream\n"
            path.write_text("".join(changed), encoding="utf-8")
            try:
                messages = excerpts.problems_for(spec, source, project_root)
            finally:
                path.write_text(original, encoding="utf-8")
            assert messages, f"changing line {number} of {path.name} went unnoticed by [{spec.id}]"
            message = messages[0]
            assert all(inc.where in message for inc in pages_including(spec.fragment_path, project_root)), message
            assert spec.id in message, message
            if "stale" in message:
                assert "+++ " in message and "changed upstream" in message, message
            checked += 1
    assert checked >= 3 * len(SPECS)


def test_the_snapshot_holds_every_line_of_the_quoted_object(project_root):
    """Why the sample above stands for every line: the snapshot is the whole object."""
    for spec in SPECS:
        loc = INSTALLED.locate(spec.qualname, spec.occurrence) if spec.qualname else None
        lines = INSTALLED.read_lines(loc.path if loc else spec.file)
        first, last = (loc.start, loc.end) if loc else (1, len(lines))
        snapshot = (project_root / spec.snapshot_path).read_text(encoding="utf-8").splitlines()
        assert snapshot[2:] == lines[first - 1 : last], spec.id
