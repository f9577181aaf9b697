"""One engine for every file the site generates, and its one command line.

Pages include generated files: excerpts of installed source, the output snippets print,
recorded call trees, diagrams drawn ahead of time, the history page's comparison with older
Django releases. Each *kind* of generated file says only how to load its manifests
and how to render one item; this module does the rest the same way for all of them:
selecting items by kind and name, comparing what is committed with what would be written
now (with one message shape: the file, why, the pages that include it, a diff, the fix),
finding orphaned files, writing only what changed, and reporting everything in one run.

    python -m scripts.generate check [KIND [NAME ...]]    # fail, with diffs, on anything stale
    python -m scripts.generate update [KIND [NAME ...]]   # rewrite what changed; list pages to review

KIND is one of ``excerpts``, ``outputs``, ``calltrees``, ``diagrams``, ``texts``, ``history``. Run it with the project's
interpreter (``.venv/bin/python``, or ``make check`` / ``make update``).

Every supported Django series (``django-series.txt``, ``scripts/django_series.py``) has its
own copy of each file whose kind depends on Django (a kind with ``per_series = True``):
rendered by the kind as ``for_series(series)`` returns it (excerpts parsed from that
series' installed Django, outputs and call trees run in its environment) and kept in the
series' folder (``series/6.0/excerpts/<id>.md``; the newest series' where pages name
them). ``--django SERIES`` narrows a run to one series. Every problem names its series.

Files whose content depends on the Python release (standard-library source, call trees
with its line numbers) are verified strictly on the pinned Python of ``.python-version``,
the one CI and the published site use. On another Python they are compared up to the
version: a difference is reported as a notice, never as a silent pass, and ``update``
leaves them alone.
"""

from __future__ import annotations

import argparse
import difflib
import platform
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from scripts import django_series
from scripts.call_trees import CALL_TREES
from scripts.diagrams import DIAGRAMS
from scripts.django_series import Series, SeriesError
from scripts.excerpts import EXCERPTS
from scripts.generated_files import GeneratedFile, Item, ItemError, Kind, pages_text
from scripts.history import HISTORY
from scripts.includes import ROOT
from scripts.outputs import OUTPUTS
from scripts.series_texts import SERIES_TEXTS

COMMAND = "python -m scripts.generate"


def kinds() -> dict[str, Kind]:
    """Every kind, by the name the command line uses."""
    return {k.name: k for k in (EXCERPTS, OUTPUTS, CALL_TREES, DIAGRAMS, SERIES_TEXTS, HISTORY)}


def per_series(kind: Kind) -> bool:
    return bool(getattr(kind, "per_series", False))


def kinds_for(series: Series, available: dict[str, Kind]) -> dict[str, Kind]:
    """The kinds that render files for ``series``: every kind for the newest series, only
    the per-series kinds (each as ``for_series`` configures it) for an older one."""
    chosen = {}
    for name, kind in available.items():
        if per_series(kind):
            chosen[name] = kind.for_series(series) if hasattr(kind, "for_series") else kind
        elif series.newest:
            chosen[name] = kind
    return chosen


def in_series(file: GeneratedFile, series: Series) -> GeneratedFile:
    """A rendered file moved into its series' folder; pages still include it by its own
    path (``excerpts/<id>.md``), which the build of that series resolves to this one."""
    if not series.folder:
        return file
    return replace(file, path=series.folder + file.path, included_as=file.included_as or (file.path,))


def lists_series(root: Path) -> bool:
    """Whether the project lists its Django series (then every problem names its series)."""
    return (root / django_series.SERIES_FILE).is_file()


def series_list(root: Path, series: list[Series] | None) -> list[Series]:
    """``series``, or every series the project lists; a project without django-series.txt (a
    small test project) is rendered for the newest series alone, in this environment."""
    if series is None and not (root / django_series.SERIES_FILE).is_file():
        return [django_series.newest(ROOT)]
    try:
        return series if series is not None else django_series.supported(root)
    except (OSError, SeriesError) as exc:
        raise ItemError(str(exc)) from None


def pinned_python(root: Path = ROOT) -> str | None:
    path = root / ".python-version"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def on_pinned_python(root: Path = ROOT) -> bool:
    return pinned_python(root) in (None, platform.python_version())


# --------------------------------------------------------------------------- loading


@dataclass
class Selection:
    items: list[Item]
    errors: list[str]  # manifests that could not be loaded, and selection mistakes


def load(root: Path = ROOT, kind: str | None = None, names: tuple[str, ...] = (),
         available: dict[str, Kind] | None = None) -> Selection:
    """Every item of ``kind`` (all kinds if None), or only ``names``; unknown names are errors."""
    available = available or kinds()
    if kind is not None and kind not in available:
        raise ItemError(f"unknown kind {kind!r}; the kinds are: {', '.join(available)}")
    if names and kind is None:
        raise ItemError("names need a kind first, e.g. `check outputs one_request`")
    items, errors = [], []
    for name in [kind] if kind else list(available):
        loaded, failed = _load_kind(available[name], root)
        items += loaded
        errors += failed
    if names:
        known = {i.name for i in items}
        unknown = [n for n in names if n not in known]
        if unknown and errors:  # a manifest that failed to load may be where they are
            raise ItemError("\n\n".join(errors))
        if unknown:
            manifests = available[kind].manifests
            raise ItemError(
                f"{manifests}: no {kind} item is named {', '.join(map(repr, unknown))}; "
                f"known: {', '.join(sorted(known)) or '(none)'}"
            )
        items = [i for i in items if i.name in names]
    return Selection(items, errors)


def _load_kind(kind: Kind, root: Path) -> tuple[list[Item], list[str]]:
    items: list[Item] = []
    errors: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted(root.glob(kind.manifests)):
        manifest = path.relative_to(root).as_posix()
        try:
            loaded = kind.load(root, manifest, path.read_text(encoding="utf-8"))
        except ItemError as exc:
            errors.append(f"{exc}\nTo fix: correct {manifest}, then run `{COMMAND} check {kind.name}`.")
            continue
        for item in loaded:
            if item.name in seen:
                errors.append(f"{item.where}: the name is already used at {seen[item.name]}")
                continue
            seen[item.name] = item.where
            items.append(item)
    return items, errors


# --------------------------------------------------------------------------- comparing


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # not verifiable on this Python
    written: list[str] = field(default_factory=list)
    checked: int = 0

    def extend(self, other: "Report") -> None:
        self.problems += other.problems
        self.notices += other.notices
        self.written += other.written
        self.checked += other.checked


def stale_message(file: GeneratedFile, root: Path, kind: str, name: str | None = None,
                  series: Series | None = None) -> str | None:
    """None if ``root/file.path`` already holds ``file.text``; otherwise: the file, missing or
    stale and why, every page that includes it, a unified diff, and the command that fixes it."""
    path = root / file.path
    committed = path.read_text(encoding="utf-8") if path.is_file() else ""
    if committed == file.text:
        return None
    state = "is stale" if path.is_file() else "is missing"
    diff = "".join(difflib.unified_diff(
        committed.splitlines(True), file.text.splitlines(True), f"{file.path} (committed)", file.fresh_label,
    ))
    pages = pages_text(file.included_as or (file.path,), root)
    narrow = f"--django {series.name} " if series is not None else ""
    fix = f"`{COMMAND} update {narrow}{kind}{' ' + name if name else ''}`, then review the pages named"
    on = f" on Django {series.name} ({series.release})" if series is not None else ""
    where = f" (as built for Django {series.name})" if series is not None and not series.newest else ""
    return (f"{file.path} {state}{on}: {file.why}.\nPages that include it{where}: {pages}\n{diff}"
            f"To fix: run {fix}.")


def _python_notice(file: GeneratedFile, root: Path) -> str:
    """What a Python-dependent file looks like here, compared up to the version number."""
    committed = (root / file.path).read_text(encoding="utf-8") if (root / file.path).is_file() else ""
    pinned, running = pinned_python(root), platform.python_version()
    as_if_pinned = file.text.replace(f"v{running}", f"v{pinned}").replace(f"Python {running}", f"Python {pinned}")
    if as_if_pinned == committed:
        found = "identical up to the version number"
    else:
        changed = sum(1 for l in difflib.ndiff(committed.splitlines(), as_if_pinned.splitlines()) if l[:1] in "+-")
        found = f"{changed} line(s) differ beyond the version number"
    return (
        f"{file.path}: not verified on Python {running}: it depends on the Python release and the "
        f"published site quotes Python {pinned}; here it is {found}. Verified strictly under "
        f"Python {pinned}, as CI runs; to check it here, use that interpreter (pyenv install {pinned})."
    )


def rendered(items: list[Item], root: Path, available: dict[str, Kind], report: "Report",
             series: list[Series] | None = None):
    """Each item, per series, with the files it renders now (in that series' folder); an item
    that cannot render is a problem, named with its series."""
    named = lists_series(root)
    for one in series_list(root, series):
        mine = kinds_for(one, available)
        chosen = [i for i in items if i.kind in mine]
        on = f"Django {one.name} ({one.release}): " if named else ""
        try:
            prepare(chosen, root, mine)
        except (ItemError, SeriesError) as exc:
            report.problems.append(f"{on}{exc}")
            continue
        for item in chosen:
            report.checked += 1
            try:
                files = mine[item.kind].render(item, root)
            except (ItemError, SeriesError) as exc:
                report.problems.append(f"{on}{exc}")
                continue
            yield one, item, [in_series(f, one) for f in files]


def check_items(items: list[Item], root: Path = ROOT, available: dict[str, Kind] | None = None,
                series: list[Series] | None = None) -> Report:
    """Compare what each item renders, for each series, with what is committed. A file
    several items share (one snapshot per quoted object) is reported once, by the first item
    that renders it."""
    available = available or kinds()
    report = Report()
    reported: set[str] = set()
    strict = on_pinned_python(root)
    for one, item, files in rendered(items, root, available, report, series):
        for file in sorted(files, key=lambda f: not f.source):
            if file.path in reported:
                continue
            message = stale_message(file, root, item.kind, item.name, one if lists_series(root) else None)
            if message is None:
                continue
            reported.add(file.path)
            if file.python_dependent and not strict:
                report.notices.append(_python_notice(file, root))
                continue
            report.problems.append(message)
            if file.source:
                break
    return report


def prepare(items: list[Item], root: Path, available: dict[str, Kind]) -> None:
    """Let a kind do its slow work for many items at once (outputs run snippets in parallel)."""
    for name, kind in available.items():
        mine = [i for i in items if i.kind == name]
        if mine and hasattr(kind, "prepare"):
            kind.prepare(mine, root)


def orphans(root: Path = ROOT, available: dict[str, Kind] | None = None,
            series: list[Series] | None = None) -> list[str]:
    """Committed files under a kind's folders (in each series' folder) that no manifest entry
    produces, and the folders of series django-series.txt no longer lists."""
    available = available or kinds()
    every = series_list(root, None)
    messages = []
    for one in series_list(root, series):
        of = f" of Django {one.name}" if lists_series(root) else ""
        for kind in kinds_for(one, available).values():
            items, errors = _load_kind(kind, root)
            if errors:
                continue  # reported as manifest errors; do not call everything an orphan
            expected: set[str] = set()
            for item in items:
                expected |= {one.folder + p for p in kind.paths(item, root)}
            for pattern in kind.generated:
                for path in sorted(root.glob(one.folder + pattern)):
                    rel = path.relative_to(root).as_posix()
                    if path.is_file() and rel not in expected and path.name != "README.md":
                        messages.append(
                            f"{rel}: an orphaned {kind.name} file{of}: no entry in "
                            f"{kind.manifests} produces it. Delete it (`{COMMAND} update {kind.name}` "
                            "does), or add the entry back."
                        )
    if series is None:
        listed = {s.folder for s in every}
        for path in sorted((root / "series").glob("*/**/*")):
            rel = path.relative_to(root).as_posix()
            folder = "/".join(rel.split("/")[:2]) + "/"
            if path.is_file() and folder not in listed:
                messages.append(
                    f"{rel}: an orphaned file of Django {rel.split('/')[1]}, a series "
                    f"{django_series.SERIES_FILE} no longer lists. Delete it (`{COMMAND} update` does)."
                )
    return messages


def check(root: Path = ROOT, kind: str | None = None, names: tuple[str, ...] = (),
          available: dict[str, Kind] | None = None, series: list[Series] | None = None) -> Report:
    """Every problem of every selected item, manifest and orphan, in one report."""
    available = available or kinds()
    selection = load(root, kind, names, available)
    report = Report(problems=list(selection.errors))
    report.extend(check_items(selection.items, root, available, series))
    if not names:
        report.problems += [o for o in orphans(root, available, series) if kind is None or f" {kind} file" in o]
    return report


def update(root: Path = ROOT, kind: str | None = None, names: tuple[str, ...] = (),
           say: Callable[[str], None] = print, available: dict[str, Kind] | None = None,
           series: list[Series] | None = None) -> Report:
    """Rewrite the files that changed (only those), delete orphans, and say which pages to review."""
    available = available or kinds()
    selection = load(root, kind, names, available)
    report = Report(problems=list(selection.errors))
    strict = on_pinned_python(root)
    written: set[str] = set()
    for one, _, files in rendered(selection.items, root, available, report, series):
        for file in files:
            path = root / file.path
            if file.path in written or (path.is_file() and path.read_text(encoding="utf-8") == file.text):
                continue
            if file.python_dependent and not strict:
                report.notices.append(_python_notice(file, root) + " Left unchanged.")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(file.text, encoding="utf-8")
            written.add(file.path)
            line = f"wrote {file.path}; review: {pages_text(file.included_as or (file.path,), root)}"
            if not one.newest:
                line += f" (as built for Django {one.name})"
            report.written.append(line)
            say(line)
    if not names and not report.problems:
        for message in orphans(root, available, series):
            rel = message.split(":", 1)[0]
            if kind is None or f" {kind} file" in message:
                (root / rel).unlink()
                report.written.append(f"deleted {rel} (no manifest entry)")
                say(report.written[-1])
    return report


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "update"])
    parser.add_argument("kind", nargs="?", help="excerpts, outputs, calltrees, diagrams, texts or history (default: every kind)")
    parser.add_argument("names", nargs="*", help="only these items of the kind")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to work on (default: this one)")
    parser.add_argument("--django", metavar="SERIES", help="only this Django series (default: every supported one)")
    args = parser.parse_intermixed_args(argv)
    root = args.root.resolve()
    try:
        series = django_series.selected(args.django, root) if args.django else None
        if args.command == "update":
            report = update(root, args.kind, tuple(args.names), series=series)
        else:
            report = check(root, args.kind, tuple(args.names), series=series)
    except (ItemError, SeriesError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for notice in report.notices:
        print(f"notice: {notice}", file=sys.stderr)
    if report.problems:
        print("\n\n".join(report.problems), file=sys.stderr)
        print(f"\n{len(report.problems)} problem(s) in {report.checked} item(s).", file=sys.stderr)
        return 1
    if args.command == "update" and not report.written:
        print(f"All {report.checked} item(s) were already up to date.")
    elif args.command == "check":
        print(f"All {report.checked} item(s) match" + (
            "." if not report.notices else f", except {len(report.notices)} not verifiable on this Python."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
