"""The excerpts kind: quoted source of Django, the standard library or any installed
distribution, rendered for pages and checked line for line.

Pages never contain source typed by hand. The manifests, ``excerpts/*.toml`` (one per part
of the site), name each excerpt by qualified name (``django.core.handlers.base.BaseHandler``,
``wsgiref.handlers.BaseHandler.finish_response``) or by file, optionally keeping a range of
its lines, eliding others and annotating lines by their text. The first part of the name
says which installed distribution ships it (see ``scripts/python_source.py``). Each excerpt
renders two committed files:

* ``excerpts/<id>.md``: the Markdown fragment a page includes with ``--8<--``: code blocks
  carrying the file's real line numbers, a title naming the object, the file and the
  release, visible elisions, Material code annotations, and a link to those lines at the
  release tag;
* ``excerpts/snapshots/<distribution>/<qualname>.txt``: every line of the quoted object as
  the release has it, one file per object however many excerpts quote it, so that a change
  to *any* of its lines, shown or elided, is caught once, with a diff naming every page.

Checked and rewritten by the engine: ``python -m scripts.generate check|update excerpts``.
``python -m scripts.excerpts show QUALNAME`` prints an object with the line numbers that
``keep`` and ``elide`` use.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from scripts.generated_files import GeneratedFile, Item, ItemError, line_of, pages_text, parse_toml, table_line
from scripts.django_series import Series, SeriesError
from scripts.django_series import previous as previous_series
from scripts.django_series import supported as supported_series
from scripts.python_source import SourceLookupError, SourceTree, django_at, installed, top_level_name

EXCERPTS_DIR = "excerpts"
MANIFESTS = f"{EXCERPTS_DIR}/*.toml"
ExcerptError = ItemError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_EXCERPT_KEYS = {"qualname", "file", "occurrence", "keep", "elide", "annotate", "lang", "link_only", "series"}
_SERIES_KEYS = {"keep", "elide", "annotate"}
_ANNOTATION_KEYS = {"anchor", "note"}


@dataclass
class Annotation:
    anchor: str
    note: str
    where: str  # manifest:line of the anchor


@dataclass
class ExcerptSpec:
    """One table of a manifest."""

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
    link_only: bool = False  # no fragment: a link definition in the manifest's links file
    # What one Django series shows differently ([<id>.series."5.2"]: keep, elide, annotate).
    overrides: dict = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.manifest}:{self.manifest_line} [{self.id}]"

    @property
    def label(self) -> str:
        return self.qualname or self.file or self.id

    @property
    def top(self) -> str:
        """The top-level module whose distribution ships the object."""
        return top_level_name(self.qualname or self.file)

    @property
    def object_key(self) -> tuple[str, str, int]:
        return (self.top, self.label, self.occurrence)

    @property
    def fragment_path(self) -> str:
        """The file pages include: the excerpt's own, or its manifest's link definitions."""
        if self.link_only:
            return f"{EXCERPTS_DIR}/links/{Path(self.manifest).stem}.md"
        return f"{EXCERPTS_DIR}/{self.id}.md"

    def snapshot_path(self, source: SourceTree) -> str:
        suffix = f"~{self.occurrence}" if self.occurrence != 1 else ""
        return f"{EXCERPTS_DIR}/snapshots/{source.key}/{self.label}{suffix}.txt"


@dataclass
class Rendered:
    """What the installed source says the two committed files should contain."""

    spec: ExcerptSpec
    fragment: str
    snapshot: str
    snapshot_path: str
    source: SourceTree


# --------------------------------------------------------------------------- manifest


def _parse_range(value: object, where: str, what: str) -> tuple[int, int]:
    m = _RANGE.match(value) if isinstance(value, str) else None
    if not m or int(m.group(1)) < 1 or int(m.group(1)) > int(m.group(2)):
        raise ExcerptError(f'{where}: {what} must look like "FIRST-LAST" (1-based, FIRST <= LAST), got {value!r}')
    return int(m.group(1)), int(m.group(2))


def parse_manifest(manifest: str, text: str) -> list[ExcerptSpec]:
    """The excerpts of one manifest, in file order."""
    data = parse_toml(manifest, text)
    specs = []
    for excerpt_id, table in data.items():
        line = table_line(text, excerpt_id)
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
            link_only=bool(table.get("link_only", False)),
        )
        if spec.link_only and (set(table) & {"keep", "elide", "annotate", "lang"}):
            raise ExcerptError(f"{where}: a `link_only` entry links to the whole object; "
                               "`keep`, `elide`, `annotate` and `lang` do not apply")
        _apply_shape(spec, table, text, where, line)
        for name, shape in table.get("series", {}).items():
            at = line_of(text, f'[{excerpt_id}.series."{name}"', line)
            there = f"{manifest}:{at} [{excerpt_id}.series.\"{name}\"]"
            listed = [s.name for s in supported_series()]
            if name not in listed:
                raise ExcerptError(f"{there}: Django {name} is not a supported series; "
                                   f"django-series.txt lists {', '.join(listed)}")
            if not isinstance(shape, dict) or not shape or set(shape) - _SERIES_KEYS:
                raise ExcerptError(f"{there}: a series table changes only {sorted(_SERIES_KEYS)}")
            spec.overrides[name] = shape
        specs.append(spec)
    return specs


def _apply_shape(spec: ExcerptSpec, table: dict, text: str, where: str, line: int) -> None:
    """``keep``, ``elide`` and ``annotate`` of ``table`` onto ``spec``."""
    if "keep" in table:
        spec.keep = _parse_range(table["keep"], where, "keep")
    if "elide" in table:
        spec.elide = sorted(_parse_range(r, where, "each elide range") for r in table["elide"])
    if "annotate" in table:
        spec.annotate = []
    for item in table.get("annotate", []):
        unknown = set(item) - _ANNOTATION_KEYS
        if unknown or not item.get("anchor") or not item.get("note"):
            raise ExcerptError(f"{where}: each [[{spec.id}.annotate]] needs `anchor` and `note`, nothing else")
        anchor_line = line_of(text, item["anchor"], line)
        spec.annotate.append(Annotation(item["anchor"], item["note"].strip(), f"{spec.manifest}:{anchor_line} [{spec.id}]"))


def on_series(spec: ExcerptSpec, series: Series | None, root: Path) -> ExcerptSpec:
    """``spec`` as ``series`` shows it: its ``[<id>.series."<name>"]`` table applied, if any."""
    if series is None or series.name not in spec.overrides:
        return spec
    shaped = replace(spec, annotate=list(spec.annotate), elide=list(spec.elide), overrides={})
    text = (root / spec.manifest).read_text(encoding="utf-8")
    at = line_of(text, f'[{spec.id}.series."{series.name}"', spec.manifest_line)
    _apply_shape(shaped, spec.overrides[series.name], text, f"{spec.manifest}:{at} [{spec.id}] on Django {series.name}", at)
    return shaped


def load_manifest(root: Path) -> list[ExcerptSpec]:
    """Every excerpt of every manifest (raises on the first bad manifest or repeated id)."""
    return list(_all_specs(root, _stamp(root)))


def _stamp(root: Path) -> tuple[tuple[str, int], ...]:
    return tuple((p.as_posix(), p.stat().st_mtime_ns) for p in sorted(root.glob(MANIFESTS)))


@lru_cache(maxsize=8)
def _all_specs(root: Path, stamp: tuple) -> tuple[ExcerptSpec, ...]:
    specs: list[ExcerptSpec] = []
    seen: dict[str, str] = {}
    for path, _ in stamp:
        manifest = Path(path).relative_to(root).as_posix()
        for spec in parse_manifest(manifest, Path(path).read_text(encoding="utf-8")):
            if spec.id in seen:
                raise ExcerptError(f"{spec.where}: the id is already used at {seen[spec.id]}")
            seen[spec.id] = spec.where
            specs.append(spec)
    return tuple(specs)


def quoting_the_same_object(spec: ExcerptSpec, root: Path) -> list[ExcerptSpec]:
    """Every excerpt, in any manifest, that quotes the object ``spec`` quotes."""
    try:
        specs = load_manifest(root)
    except ExcerptError:
        specs = [spec]
    return [s for s in specs if s.object_key == spec.object_key] or [spec]


# --------------------------------------------------------------------------- rendering


def _object_lines(spec: ExcerptSpec, source: SourceTree) -> tuple[str, int, list[str]]:
    """The quoted object's file, first line number, and every one of its lines."""
    try:
        if spec.qualname:
            loc = source.locate(spec.qualname, spec.occurrence)
            path, start, end = loc.path, loc.start, loc.end
            lines = source.read_lines(path)[start - 1 : end]
        else:
            path, start = spec.file, 1
            if source.is_stdlib:
                raise SourceLookupError("whole standard-library files are quoted by qualified name (the module)")
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


def render(spec: ExcerptSpec, source: SourceTree) -> Rendered:
    path, start, lines = _object_lines(spec, source)
    shown_path = f"Lib/{path}" if source.is_stdlib else path
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
                f"{spec.label} in {source.label} ({shown_path} lines {start}-{start + len(lines) - 1}); "
                "anchor it to text that appears on exactly one shown line"
            )
        marks.setdefault(hits[0], []).append(note)

    title = f"{_short_name(spec)} · {shown_path} · {source.label}"
    out = [
        f"<!-- Generated from {spec.manifest} [{spec.id}] by `python -m scripts.generate update excerpts`; "
        "do not edit. -->",
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
    try:
        url = source.url(path, first_line, last_line)
    except SourceLookupError as exc:
        raise ExcerptError(f"{spec.where}: {exc}") from None
    out += [
        f'<p class="excerpt-source"><a href="{url}">{shown_path}, lines {first_line}–{last_line}, '
        f"at the {source.label} release on GitHub</a></p>",
        "",
        "</div>",
    ]
    snapshot = [
        f"# {spec.label}",
        f"# {shown_path} lines {start}-{start + len(lines) - 1}, {source.label}",
        *lines,
    ]
    return Rendered(spec, "\n".join(out) + "\n", "\n".join(snapshot) + "\n", spec.snapshot_path(source), source)


def changes_block(spec: ExcerptSpec, source: SourceTree, older_spec: ExcerptSpec, older: SourceTree) -> str:
    """A collapsed block (pymdownx.details) with the unified diff of the whole quoted object
    from ``older`` to ``source``; "" when the object reads the same in both."""
    path, start, lines = _object_lines(spec, source)
    try:
        old_path, old_start, old_lines = _object_lines(older_spec, older)
    except ExcerptError:
        return f'??? note "New since {older.label}"\n\n    {older.label} has no `{spec.label}`.\n\n'
    if old_lines == lines:
        return ""
    indent = _common_indent(lines + old_lines)
    diff = list(difflib.unified_diff(
        [l[indent:] for l in old_lines], [l[indent:] for l in lines],
        f"{old_path} ({older.label})", f"{path} ({source.label})", n=2, lineterm="",
    ))
    # Hunk headers in the files' own line numbers, as the excerpts number their lines.
    hunk = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")
    diff = [hunk.sub(lambda m: f"@@ -{int(m[1]) + old_start - 1}{m[2] or ''} +{int(m[3]) + start - 1}{m[4] or ''} @@", l)
            for l in diff]
    body = "\n".join(f"    {l}".rstrip() for l in ["``` diff", *diff, "```"])
    return f'??? note "What changed since {older.label}"\n\n{body}\n\n'


def link_definition(spec: ExcerptSpec, source: SourceTree) -> str:
    """``[id]: URL 'title'``: a Markdown link definition to the object's lines at the release
    tag; a page links to it with ``[text][id]``."""
    path, start, lines = _object_lines(spec, source)
    end = start + len(lines) - 1
    shown_path = f"Lib/{path}" if source.is_stdlib else path
    try:
        url = source.url(path, start, end)
    except SourceLookupError as exc:
        raise ExcerptError(f"{spec.where}: {exc}") from None
    return f"[{spec.id}]: {url} '{spec.label}, {shown_path} lines {start} to {end}, {source.label}'"


def _short_name(spec: ExcerptSpec) -> str:
    """``BaseHandler.get_response`` for a qualified name; the file name for a whole file."""
    if spec.file:
        return Path(spec.file).name
    parts = spec.qualname.split(".")
    for cut in range(len(parts)):
        if parts[cut][:1].isupper() or cut == len(parts) - 1:
            return ".".join(parts[cut:])
    return spec.qualname


# --------------------------------------------------------------------------- the kind


class ExcerptKind:
    """Excerpts for the engine (scripts/generate.py). ``sources`` overrides where a
    top-level module's source is read from (tests point ``django`` at a changed copy)."""

    name = "excerpts"
    manifests = MANIFESTS
    generated = (f"{EXCERPTS_DIR}/*.md", f"{EXCERPTS_DIR}/links/*.md", f"{EXCERPTS_DIR}/snapshots/**/*.txt")

    per_series = True  # each Django series quotes its own installed Django

    def __init__(self, sources: dict[str, SourceTree] | None = None, series: Series | None = None):
        self.sources = dict(sources or {})
        self.series = series

    def with_sources(self, **sources: SourceTree) -> "ExcerptKind":
        return ExcerptKind({**self.sources, **sources}, self.series)

    def for_series(self, series: Series) -> "ExcerptKind":
        """Excerpts of ``series``: Django parsed from that series' environment (an older
        series' ``.venv-django-<series>``), everything else from this one (the same pins)."""
        return ExcerptKind(self.sources, series)

    def source_for(self, spec: ExcerptSpec) -> SourceTree:
        if spec.top in self.sources:
            return self.sources[spec.top]
        try:
            if spec.top == "django" and self.series is not None:
                return series_django(self.series)
            return installed(spec.top)
        except (SourceLookupError, SeriesError) as exc:
            raise ExcerptError(f"{spec.where}: {exc}") from None

    def load(self, root: Path, manifest: str, text: str) -> list[Item]:
        return [Item(self.name, s.id, s.where, s) for s in parse_manifest(manifest, text)]

    def paths(self, item: Item, root: Path) -> list[str]:
        spec: ExcerptSpec = item.spec
        try:
            return [spec.fragment_path, spec.snapshot_path(self.source_for(spec))]
        except ExcerptError:
            return [spec.fragment_path]

    def render(self, item: Item, root: Path) -> list[GeneratedFile]:
        spec: ExcerptSpec = on_series(item.spec, self.series, root)
        source = self.source_for(spec)
        quoting_specs = quoting_the_same_object(spec, root)
        quoting = tuple(dict.fromkeys(s.fragment_path for s in quoting_specs))
        ids = ", ".join(f"[{s.id}]" for s in quoting_specs)
        try:
            rendered = render(spec, source)
        except ExcerptError as exc:
            raise ExcerptError(
                f"{exc}\nPages that include it: {pages_text((spec.fragment_path,), root)}\n"
                f"To fix: correct the entry in {spec.manifest}, then run "
                f"`python -m scripts.generate update excerpts {spec.id}`."
            ) from None
        label = f"{spec.label} ({source.label} as installed)"
        if not spec.link_only:
            rendered.fragment = self._with_changes(rendered.fragment, spec, source, root)
        if spec.link_only:
            return [
                GeneratedFile(
                    rendered.snapshot_path, rendered.snapshot, source=True, included_as=quoting,
                    python_dependent=source.is_stdlib, fresh_label=label,
                    why=f"{spec.label}, which {ids} quote or link to, changed in {source.label}",
                ),
                self._links_file(spec, root),
            ]
        return [
            GeneratedFile(
                rendered.snapshot_path, rendered.snapshot, source=True, included_as=quoting,
                python_dependent=source.is_stdlib, fresh_label=label,
                why=f"{spec.label}, which {ids} quote or link to, changed in {source.label}",
            ),
            GeneratedFile(
                spec.fragment_path, rendered.fragment, python_dependent=source.is_stdlib, fresh_label=label,
                why=f"excerpt [{spec.id}] ({spec.label}) renders differently from {source.label}",
            ),
        ]


    def _with_changes(self, fragment: str, spec: ExcerptSpec, source: SourceTree, root: Path) -> str:
        """The fragment, with a collapsed diff of the object against the previous supported
        series when that series' Django has it otherwise (only Django objects differ)."""
        if spec.top != "django" or self.series is None:
            return fragment
        if not (root / "django-series.txt").is_file() or self.series not in supported_series(root):
            return fragment
        older = previous_series(self.series, root)
        if older is None:
            return fragment
        try:
            theirs = series_django(older)
        except SeriesError as exc:
            raise ExcerptError(f"{spec.where}: {exc}") from None
        block = changes_block(spec, source, on_series(spec, older, root), theirs)
        if not block:
            return fragment
        # Left out of the search index, like call trees: the names in it are the excerpt's.
        block = f'<div class="excerpt-changes" markdown data-search-exclude>\n\n{block}</div>\n\n'
        head, _, tail = fragment.rpartition("</div>")
        return head + block + "</div>" + tail


    def _links_file(self, spec: ExcerptSpec, root: Path) -> GeneratedFile:
        siblings = [s for s in load_manifest(root) if s.link_only and s.manifest == spec.manifest]
        definitions = [link_definition(s, self.source_for(s)) for s in siblings]
        header = (f"<!-- Generated from the link_only entries of {spec.manifest} by "
                  "`python -m scripts.generate update excerpts`; do not edit. -->")
        return GeneratedFile(
            spec.fragment_path, "\n".join([header, "", *definitions]) + "\n",
            python_dependent=any(self.source_for(s).is_stdlib for s in siblings),
            why=f"the link definitions of {spec.manifest} point elsewhere in the installed source",
            fresh_label="link definitions from the installed source",
        )


EXCERPTS = ExcerptKind()


@lru_cache(maxsize=16)
def series_django(series: Series) -> SourceTree:
    """The Django source ``series`` quotes: installed in its environment, and exactly the
    release django-series.txt lists (an environment that drifted is an error, not a quote of
    another release)."""
    tree = installed("django") if series.newest else django_at(series.site_packages())
    if tree.version != series.release:
        venv = series.venv
        raise SeriesError(
            f"{venv} has Django {tree.version}, but django-series.txt lists {series.release} for "
            f"the {series.name} series: run `make {venv}/.installed` after `make lock`"
        )
    return tree


# --------------------------------------------------------------------------- show


def show(qualname: str, source: SourceTree | None = None) -> str:
    """An object with relative and file line numbers, to help write keep/elide ranges."""
    source = source or installed(top_level_name(qualname))
    loc = source.locate(qualname)
    lines = source.read_lines(loc.path)[loc.start - 1 : loc.end]
    head = f"{qualname}: {loc.path} lines {loc.start}-{loc.end}, {source.label}"
    body = [f"{i:>4} | {loc.start + i - 1:>5} | {line}" for i, line in enumerate(lines, 1)]
    return "\n".join([head, " rel |  file |", *body])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print an installed object with the line numbers keep/elide use.")
    parser.add_argument("command", choices=["show"])
    parser.add_argument("qualname", help="e.g. django.core.handlers.base.BaseHandler.get_response")
    parser.add_argument("--django", metavar="SERIES", help="from this Django series (default: the newest)")
    args = parser.parse_args(argv)
    try:
        source = None
        if args.django and top_level_name(args.qualname) == "django":
            from scripts.django_series import named

            source = series_django(named(args.django))
        print(show(args.qualname, source))
    except (SourceLookupError, SeriesError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
