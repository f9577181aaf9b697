"""Extract, check and update the excerpts of Django's source that pages quote.

Pages never contain Django code typed by hand. The manifests, ``excerpts/*.toml`` (one
per part of the site), name each excerpt by qualified name (optionally keeping a range of its lines, eliding others and
annotating lines by their text); this script renders two committed files per excerpt:

* ``excerpts/<id>.md``: the Markdown fragment a page includes with ``--8<--``: code blocks
  carrying the file's real line numbers, a title naming the file and the Django release,
  visible elisions, Material code annotations, and a link to those lines at the release tag;
* ``excerpts/snapshots/<id>.txt``: every line of the quoted object as the release has it,
  so that a change to *any* of its lines, shown or elided, is caught and shown as a diff.

Usage (from the project root)::

    python -m scripts.excerpts check    # compare committed files with the installed Django
    python -m scripts.excerpts update   # rewrite them (after a Django upgrade) and report pages
    python -m scripts.excerpts show django.core.handlers.base.BaseHandler.get_response

``--django-src DIR`` points at another source tree (the folder holding ``django/``).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scripts.django_source import DjangoSource, SourceLookupError
from scripts.freshness import pages_text, stale_message
from scripts.includes import ROOT

EXCERPTS_DIR = "excerpts"
MANIFESTS = f"{EXCERPTS_DIR}/*.toml"
FIX_HINT = "run `make excerpts` (python -m scripts.excerpts update) and review the pages named"
GITHUB_BLOB = "https://github.com/django/django/blob/{tag}/{path}#L{start}-L{end}"

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_EXCERPT_KEYS = {"qualname", "file", "occurrence", "keep", "elide", "annotate", "lang"}
_ANNOTATION_KEYS = {"anchor", "note"}


class ExcerptError(Exception):
    """Bad input or a stale excerpt; the message names the file, the line and the fix."""


@dataclass
class Annotation:
    anchor: str
    note: str
    where: str  # manifest:line of the anchor


@dataclass
class ExcerptSpec:
    """One table of the manifest."""

    id: str
    manifest: str
    manifest_line: int
    qualname: str | None = None
    file: str | None = None
    occurrence: int = 1
    keep: tuple[int, int] | None = None
    elide: list[tuple[int, int]] = field(default_factory=list)
    annotate: list[Annotation] = field(default_factory=list)
    lang: str = "python"

    @property
    def where(self) -> str:
        return f"{self.manifest}:{self.manifest_line} [{self.id}]"

    @property
    def label(self) -> str:
        return self.qualname or self.file or self.id

    @property
    def fragment_path(self) -> str:
        return f"{EXCERPTS_DIR}/{self.id}.md"

    @property
    def snapshot_path(self) -> str:
        return f"{EXCERPTS_DIR}/snapshots/{self.id}.txt"


@dataclass
class Rendered:
    """What the installed Django says the two committed files should contain."""

    spec: ExcerptSpec
    fragment: str
    snapshot: str


# --------------------------------------------------------------------------- manifest


def _line_of(text: str, needle: str, after: int = 0) -> int:
    """1-based number of the first line at or after line ``after`` containing ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= after and needle in line:
            return number
    return after or 1


def _parse_range(value: object, where: str, what: str) -> tuple[int, int]:
    m = _RANGE.match(value) if isinstance(value, str) else None
    if not m or int(m.group(1)) < 1 or int(m.group(1)) > int(m.group(2)):
        raise ExcerptError(f'{where}: {what} must look like "FIRST-LAST" (1-based, FIRST <= LAST), got {value!r}')
    return int(m.group(1)), int(m.group(2))


def load_manifest(root: Path = ROOT) -> list[ExcerptSpec]:
    """Every excerpt of every manifest, in file order; ids are unique across manifests."""
    paths = sorted(root.glob(MANIFESTS))
    if not paths:
        raise ExcerptError(f"{MANIFESTS}: no manifest; one lists the Django excerpts pages may include")
    specs: list[ExcerptSpec] = []
    seen: dict[str, str] = {}
    for path in paths:
        for spec in _load_one(path, root):
            if spec.id in seen:
                raise ExcerptError(f"{spec.where}: the id is already used at {seen[spec.id]}")
            seen[spec.id] = spec.where
            specs.append(spec)
    return specs


def _load_one(path: Path, root: Path) -> list[ExcerptSpec]:
    manifest = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ExcerptError(f"{manifest}: not valid TOML: {exc}") from None
    specs = []
    for excerpt_id, table in data.items():
        line = _line_of(text, f"[{excerpt_id}]")
        where = f"{manifest}:{line} [{excerpt_id}]"
        if not _ID.match(excerpt_id):
            raise ExcerptError(f"{where}: ids are lower-case words joined by '-'")
        if not isinstance(table, dict):
            raise ExcerptError(f"{where}: each excerpt is a table, [{excerpt_id}]")
        unknown = set(table) - _EXCERPT_KEYS
        if unknown:
            raise ExcerptError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_EXCERPT_KEYS)}")
        if ("qualname" in table) == ("file" in table):
            raise ExcerptError(f"{where}: give exactly one of `qualname` or `file`")
        spec = ExcerptSpec(
            id=excerpt_id,
            manifest=manifest,
            manifest_line=line,
            qualname=table.get("qualname"),
            file=table.get("file"),
            occurrence=int(table.get("occurrence", 1)),
            lang=table.get("lang", "python"),
        )
        if "keep" in table:
            spec.keep = _parse_range(table["keep"], where, "keep")
        spec.elide = sorted(_parse_range(r, where, "each elide range") for r in table.get("elide", []))
        for item in table.get("annotate", []):
            unknown = set(item) - _ANNOTATION_KEYS
            if unknown or not item.get("anchor") or not item.get("note"):
                raise ExcerptError(f"{where}: each [[{excerpt_id}.annotate]] needs `anchor` and `note`, nothing else")
            anchor_line = _line_of(text, item["anchor"], line)
            spec.annotate.append(
                Annotation(item["anchor"], item["note"].strip(), f"{manifest}:{anchor_line} [{excerpt_id}]")
            )
        specs.append(spec)
    return specs


# --------------------------------------------------------------------------- rendering


def _object_lines(spec: ExcerptSpec, source: DjangoSource) -> tuple[str, int, list[str]]:
    """The quoted object's file, first line number, and every one of its lines."""
    try:
        if spec.qualname:
            loc = source.locate(spec.qualname, spec.occurrence)
            path, start, end = loc.path, loc.start, loc.end
            lines = source.read_lines(path)[start - 1 : end]
        else:
            path, start = spec.file, 1
            lines = source.read_lines(path)
    except SourceLookupError as exc:
        raise ExcerptError(f"{spec.where}: {exc}") from None
    return path, start, lines


def _segments(spec: ExcerptSpec, count: int) -> list[tuple[int, int]]:
    """Relative (first, last) line ranges to show, after applying keep and elide."""
    first, last = spec.keep or (1, count)
    if last > count:
        raise ExcerptError(
            f"{spec.where}: keep {first}-{last} runs past the end of {spec.label}, which has {count} lines"
        )
    segments, cursor = [], first
    for a, b in spec.elide:
        if a <= first or b >= last:
            raise ExcerptError(
                f"{spec.where}: elide {a}-{b} is outside lines {first + 1}-{last - 1} of {spec.label} "
                f"(the shown part is lines {first}-{last} of its {count}; an elision must leave a line "
                "shown on each side)"
            )
        if a <= cursor and segments:
            raise ExcerptError(f"{spec.where}: elide {a}-{b} overlaps or touches the previous elision")
        segments.append((cursor, a - 1))
        cursor = b + 1
    segments.append((cursor, last))
    return segments


def _common_indent(lines: list[str]) -> int:
    widths = [len(l) - len(l.lstrip(" ")) for l in lines if l.strip()]
    return min(widths, default=0)


def render(spec: ExcerptSpec, source: DjangoSource) -> Rendered:
    path, start, lines = _object_lines(spec, source)
    version = source.version
    segments = _segments(spec, len(lines))
    shown = [i for a, b in segments for i in range(a, b + 1)]
    indent = _common_indent([lines[i - 1] for i in shown])

    # Anchor each annotation to the one shown line whose text contains it.
    marks: dict[int, list[Annotation]] = {}
    for note in spec.annotate:
        hits = [i for i in shown if lines[i - 1].strip() == note.anchor.strip()] or [
            i for i in shown if note.anchor in lines[i - 1]
        ]
        if len(hits) != 1:
            everywhere = [i for i in range(1, len(lines) + 1) if note.anchor in lines[i - 1]]
            problem = (
                "is not found in" if not everywhere
                else "matches only elided or cut lines of" if not hits
                else f"matches {len(hits)} lines ({', '.join(str(start + h - 1) for h in hits)}) of"
            )
            raise ExcerptError(
                f"{note.where}: annotation anchor {note.anchor!r} {problem} "
                f"{spec.label} in Django {version} ({path} lines {start}-{start + len(lines) - 1}); "
                "anchor it to text that appears on exactly one shown line"
            )
        marks.setdefault(hits[0], []).append(note)

    title = f"{_short_name(spec)} · {path} · Django {version}"
    out = [
        f"<!-- Generated from {spec.manifest} [{spec.id}] by `python -m scripts.excerpts update`; do not edit. -->",
        f'<div class="excerpt" markdown data-excerpt="{spec.id}">',
        "",
    ]
    for number, (a, b) in enumerate(segments):
        if number:
            gap_first, gap_last = segments[number - 1][1] + 1, a - 1
            count = gap_last - gap_first + 1
            out += [
                f'<p class="excerpt-elision" role="note">⋯ {count} line{"s" if count != 1 else ""} '
                f"not shown ({start + gap_first - 1}–{start + gap_last - 1}) ⋯</p>",
                "",
            ]
        attrs = f'title="{title}" ' if number == 0 else ""
        out.append(f'``` {{ .{spec.lang} {attrs}linenums="{start + a - 1}" }}')
        notes: list[Annotation] = []
        for i in range(a, b + 1):
            text = lines[i - 1][indent:].rstrip()
            for note in marks.get(i, []):
                notes.append(note)
                text += f"  # ({len(notes)})!"
            out.append(text)
        out += ["```", ""]
        for k, note in enumerate(notes, 1):
            body = note.note.splitlines()
            out.append(f"{k}.  {body[0]}")
            out += [f"    {l}" if l.strip() else "" for l in body[1:]]
        if notes:
            out.append("")
    first_line, last_line = start + segments[0][0] - 1, start + segments[-1][1] - 1
    url = GITHUB_BLOB.format(tag=version, path=path, start=first_line, end=last_line)
    out += [
        f'<p class="excerpt-source"><a href="{url}">{path}, lines {first_line}–{last_line}, '
        f"at the {version} release on GitHub</a></p>",
        "",
        "</div>",
    ]
    snapshot = [
        f"# {spec.label}",
        f"# {path} lines {start}-{start + len(lines) - 1}, Django {version}",
        *lines,
    ]
    return Rendered(spec, "\n".join(out) + "\n", "\n".join(snapshot) + "\n")


def _short_name(spec: ExcerptSpec) -> str:
    """``BaseHandler.get_response`` for a qualified name; the file name for a whole file."""
    if spec.file:
        return Path(spec.file).name
    parts = spec.qualname.split(".")
    for cut in range(len(parts)):
        if parts[cut][:1].isupper() or cut == len(parts) - 1:
            return ".".join(parts[cut:])
    return spec.qualname


# --------------------------------------------------------------------------- check / update


def _pages(spec: ExcerptSpec, root: Path) -> str:
    return pages_text(spec.fragment_path, root)


def problems_for(spec: ExcerptSpec, source: DjangoSource, root: Path = ROOT) -> list[str]:
    """Why the committed files of one excerpt differ from ``source`` (empty: they match)."""
    try:
        rendered = render(spec, source)
    except ExcerptError as exc:
        return [
            f"{exc}\nPages that include it: {_pages(spec, root)}\n"
            f"To fix: correct the entry in {spec.manifest}, then run `make excerpts`."
        ]
    version = source.version
    label = f"{spec.label} (Django {version} as installed)"
    snapshot = stale_message(
        spec.snapshot_path, rendered.snapshot, root=root, fix=FIX_HINT, fresh_label=label,
        included_as=spec.fragment_path,
        why=f"the Django source excerpt [{spec.id}] quotes ({spec.label}) changed in Django {version}",
    )
    if snapshot:  # the fragment is then stale too; the source diff is the one to read
        return [snapshot]
    fragment = stale_message(
        spec.fragment_path, rendered.fragment, root=root, fix=FIX_HINT, fresh_label=label,
        why=f"excerpt [{spec.id}] ({spec.label}) renders differently from Django {version}",
    )
    return [fragment] if fragment else []


def orphans(specs: list[ExcerptSpec], root: Path) -> list[str]:
    """Committed excerpt files that no manifest entry produces."""
    expected = {s.fragment_path for s in specs} | {s.snapshot_path for s in specs}
    present = [p for p in (root / EXCERPTS_DIR).rglob("*") if p.suffix in {".md", ".txt"}]
    return sorted(p.relative_to(root).as_posix() for p in present if p.relative_to(root).as_posix() not in expected)


def check(root: Path = ROOT, source: DjangoSource | None = None) -> list[str]:
    source = source or DjangoSource.installed()
    specs = load_manifest(root)
    messages = []
    for spec in specs:
        messages += problems_for(spec, source, root)
    for rel in orphans(specs, root):
        messages.append(f"{rel}: no entry in {MANIFESTS} produces this file; delete it or add the entry")
    return messages


def update(root: Path = ROOT, source: DjangoSource | None = None) -> list[str]:
    """Rewrite every excerpt from ``source``; return one report line per changed file."""
    source = source or DjangoSource.installed()
    specs = load_manifest(root)
    rendered = [render(spec, source) for spec in specs]  # fail before writing anything
    report = []
    for item in rendered:
        for rel, text in ((item.spec.fragment_path, item.fragment), (item.spec.snapshot_path, item.snapshot)):
            path = root / rel
            if path.is_file() and path.read_text(encoding="utf-8") == text:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            report.append(f"wrote {rel}; pages: {_pages(item.spec, root)}")
    for rel in orphans(specs, root):
        (root / rel).unlink()
        report.append(f"deleted {rel} (no manifest entry)")
    return report


def show(qualname: str, source: DjangoSource) -> str:
    """Print an object with relative and file line numbers, to help write keep/elide ranges."""
    loc = source.locate(qualname)
    lines = source.read_lines(loc.path)[loc.start - 1 : loc.end]
    head = f"{qualname}: {loc.path} lines {loc.start}-{loc.end}, Django {source.version}"
    body = [f"{i:>4} | {loc.start + i - 1:>5} | {line}" for i, line in enumerate(lines, 1)]
    return "\n".join([head, " rel |  file |", *body])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "update", "show"])
    parser.add_argument("qualname", nargs="?", help="for `show`: the qualified name to print")
    parser.add_argument("--django-src", type=Path, help="folder holding the django package (default: installed)")
    args = parser.parse_args(argv)
    try:
        source = DjangoSource(args.django_src.resolve()) if args.django_src else DjangoSource.installed()
        if args.command == "show":
            if not args.qualname:
                parser.error("show needs a qualified name")
            print(show(args.qualname, source))
            return 0
        if args.command == "update":
            report = update(ROOT, source)
            print("\n".join(report) or f"All excerpts already match Django {source.version}.")
            return 0
        messages = check(ROOT, source)
    except (ExcerptError, SourceLookupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if messages:
        print("\n\n".join(messages), file=sys.stderr)
        print(f"\n{len(messages)} excerpt problem(s).", file=sys.stderr)
        return 1
    print(f"All excerpts match Django {source.version}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
