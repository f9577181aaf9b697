"""The history kind: what changed, since Django 2.2, in every Django object the site quotes.

Why it exists: most walkthroughs of Django's request handling that readers have read
describe Django 2.2 or 3.2. The page for them (``docs/changes-since-2-2.md``) says, for
every Django object an excerpt quotes, whether it existed in each older release pinned in
``history/releases.toml`` and how it changed up to the pinned Django, and tells the changes
that matter to the story first, each in a sentence and with its diff. None of that is
typed by hand: the older releases are parsed from their wheels
(``scripts/django_releases.py``), the pinned one from the installed package, and the
fragments the page includes are checked like every other generated file.

The manifest, ``history/notes.toml``, holds only the sentences, one table per object,
keyed by its qualified name, in the order the page tells them::

    ["django.core.handlers.base.BaseHandler.load_middleware"]
    title = "Middleware is built for sync or for async"     # the entry's heading
    note = \"\"\"What the change means for the story, in a sentence or two.\"\"\"

A note on an object no excerpt quotes, or on one that is the same code in every older
release, is an error naming the manifest line. It renders two fragments:

* ``history/story.md``: the noted changes, each with its status per release, the pages
  quoting it, and a collapsed diff from the oldest release that has it;
* ``history/table.md``: every quoted object, with its status in each older release and the
  pages (and sections) quoting it.

Statuses: *absent* (the release does not define it), *identical* (the same lines),
*layout only* (the same code once comments, formatting and the whitespace inside strings
are set aside: Django was reformatted with Black in 4.0) and *changed*.

Checked and rewritten by the engine: ``python -m scripts.generate check|update history``.
"""

from __future__ import annotations

import ast
import difflib
import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown.extensions.toc import slugify, unique

from scripts.django_releases import PINS, Release, pinned, source_tree
from scripts.generated_files import GeneratedFile, Item, ItemError, parse_toml
from scripts.includes import pages_including
from scripts.python_source import SourceLookupError, SourceTree, installed

MANIFEST = "history/notes.toml"
STORY = "history/story.md"
TABLE = "history/table.md"
_NOTE_KEYS = {"title", "note"}

ABSENT, IDENTICAL, LAYOUT, CHANGED = "absent", "identical", "layout only", "changed"


@dataclass(frozen=True)
class Note:
    qualname: str
    title: str
    text: str
    where: str  # history/notes.toml:line


@dataclass(frozen=True)
class Quote:
    """A quoted Django object, and where the site quotes it."""

    qualname: str
    excerpts: tuple[str, ...]  # the fragments (excerpts/<id>.md) that quote it


# --------------------------------------------------------------------------- manifest


def parse_notes(manifest: str, text: str) -> list[Note]:
    data = parse_toml(manifest, text)
    lines = text.splitlines()
    notes = []
    for qualname, table in data.items():
        number = next((n for n, line in enumerate(lines, 1)
                       if line.strip().split("#")[0].strip() in (f'["{qualname}"]', f"['{qualname}']")), 1)
        where = f"{manifest}:{number}"
        if not isinstance(table, dict):
            raise ItemError(f'{where}: each note is a table keyed by the qualified name, ["{qualname}"]')
        if not qualname.startswith("django."):
            raise ItemError(f"{where}: {qualname!r} is not a Django object; notes are keyed by the "
                            'qualified name an excerpt quotes, e.g. ["django.core.handlers.base.BaseHandler.load_middleware"]')
        if set(table) != _NOTE_KEYS:
            raise ItemError(f"{where}: a note has exactly the keys {sorted(_NOTE_KEYS)} "
                            f"(got {sorted(table)})")
        if not all(isinstance(table[k], str) and table[k].strip() for k in _NOTE_KEYS):
            raise ItemError(f"{where}: `title` and `note` are non-empty strings")
        notes.append(Note(qualname, table["title"].strip(), table["note"].strip(), where))
    return notes


def quoted_objects(root: Path) -> list[Quote]:
    """Every ``django.`` qualified name in ``excerpts/*.toml``, with its excerpts' fragments."""
    found: dict[str, list[str]] = {}
    for manifest in sorted((root / "excerpts").glob("*.toml")):
        rel = manifest.relative_to(root).as_posix()
        for excerpt_id, table in parse_toml(rel, manifest.read_text(encoding="utf-8")).items():
            qualname = table.get("qualname", "") if isinstance(table, dict) else ""
            if qualname.startswith("django."):
                fragment = f"excerpts/links/{manifest.stem}.md" if table.get("link_only") else f"excerpts/{excerpt_id}.md"
                found.setdefault(qualname, []).append(fragment)
    return [Quote(q, tuple(found[q])) for q in sorted(found)]


# --------------------------------------------------------------------------- comparing


def source_of(tree: SourceTree, qualname: str) -> tuple[str, str, int] | None:
    """(path, dedented source, first line) of ``qualname`` in ``tree``; None if it is absent."""
    try:
        location = tree.locate(qualname)
    except SourceLookupError:
        return None
    lines = tree.read_lines(location.path)[location.start - 1: location.end]
    return location.path, textwrap.dedent("\n".join(lines)) + "\n", location.start


def _code(source: str) -> str:
    """The code without its layout: the syntax tree, whitespace inside strings collapsed."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = " ".join(node.value.split())
    return ast.dump(tree)


def status(old: tuple[str, str, int] | None, new: tuple[str, str, int]) -> str:
    if old is None:
        return ABSENT
    if old[1] == new[1]:
        return IDENTICAL
    return LAYOUT if _code(old[1]) == _code(new[1]) else CHANGED


@dataclass(frozen=True)
class Comparison:
    quote: Quote
    now: tuple[str, str, int]
    then: tuple[tuple[str, str, int] | None, ...]  # per release, oldest first
    statuses: tuple[str, ...]

    @property
    def changed(self) -> bool:
        """Absent from, or other code in, some older release: a change a note can tell."""
        return any(s in (ABSENT, CHANGED) for s in self.statuses)


def compare(quotes: list[Quote], releases: list[Release], root: Path) -> dict[str, Comparison]:
    pinned_django = installed("django")
    trees = [source_tree(r, root) for r in releases]
    result = {}
    for quote in quotes:
        now = source_of(pinned_django, quote.qualname)
        if now is None:
            raise ItemError(f"{quote.excerpts[0]}: {quote.qualname} is not in {pinned_django.label}; "
                            "fix its excerpt first (`python -m scripts.generate check excerpts`)")
        then = tuple(source_of(t, quote.qualname) for t in trees)
        result[quote.qualname] = Comparison(quote, now, then, tuple(status(t, now) for t in then))
    return result


def diff(old: tuple[str, str, int], new: tuple[str, str, int], old_label: str, new_label: str) -> str:
    """A unified diff of two versions of an object, with the files' own line numbers."""
    lines = difflib.unified_diff(old[1].splitlines(True), new[1].splitlines(True),
                                 f"{old[0]} ({old_label})", f"{new[0]} ({new_label})")
    out = []
    for line in lines:
        m = re.match(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", line)
        if m:
            line = (f"@@ -{int(m[1]) + old[2] - 1}{m[2] or ''} +{int(m[3]) + new[2] - 1}{m[4] or ''} @@"
                    + line[m.end():])
        out.append(line if line.endswith("\n") else line + "\n")
    return "".join(out)


# --------------------------------------------------------------------------- where it is quoted


def _heading_text(markdown: str) -> tuple[str, str | None]:
    """A heading's text as a reader sees it, and its explicit ``{#id}`` if it has one."""
    explicit = None
    m = re.search(r"\s*\{([^}]*)\}\s*$", markdown)
    if m:
        ids = re.findall(r"#([\w-]+)", m[1])
        explicit = ids[0] if ids else None
        markdown = markdown[: m.start()]
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]", lambda g: g[1] or g[2] or "", markdown)
    text = text.replace("`", "").replace("*", "")
    return text.strip(), explicit


@cache
def _sections(page: Path, mtime: int) -> tuple[str, tuple[tuple[int, str, str], ...]]:
    """The page's title and its headings: (line, text, anchor), anchors as the toc makes them."""
    title, headings, ids, fence = page.stem, [], set(), ""
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        opener = re.match(r"^\s*(`{3,}|~{3,})", line)
        if opener:
            fence = "" if fence and opener[1].startswith(fence) else (fence or opener[1])
            continue
        m = None if fence else re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        text, explicit = _heading_text(m[2])
        anchor = explicit or unique(slugify(text, "-"), ids)
        ids.add(anchor)
        if len(m[1]) == 1:
            title = text
        else:
            headings.append((number, text, anchor))
    return title, tuple(headings)


def quoted_on(quote: Quote, root: Path) -> list[str]:
    """Markdown links to each section (or page) that includes one of the object's excerpts,
    relative to docs/, where the history page is (the strict build checks every one)."""
    links = []
    for fragment in quote.excerpts:
        for include in pages_including(fragment, root):
            page = root / include.page
            title, headings = _sections(page, page.stat().st_mtime_ns)
            before = [h for h in headings if h[0] < include.line]
            target = Path(include.page).relative_to("docs").as_posix()
            text = title
            if before:
                target += f"#{before[-1][2]}"
                text += f" › {before[-1][1]}"
            link = f"[{text}]({target})"
            if link not in links:
                links.append(link)
    return links


# --------------------------------------------------------------------------- rendering


def anchor_of(qualname: str) -> str:
    """``change-core-handlers-base-basehandler-private-get-response``: unique per object, and
    free of the ``__`` that Markdown would read as emphasis in a heading's ``{#id}``."""
    parts = []
    for part in qualname.removeprefix("django.").split("."):
        if part.startswith("__") and part.endswith("__"):
            part = "dunder-" + part.strip("_")
        elif part.startswith("_"):
            part = "private-" + part.lstrip("_")
        parts.append(part.replace("_", "-"))
    return "change-" + slugify("-".join(parts), "-")


def status_line(comparison: Comparison, releases: list[Release]) -> str:
    return " · ".join(f"{r.version}: {s}" for r, s in zip(releases, comparison.statuses))


def render_story(notes: list[Note], comparisons: dict[str, Comparison], releases: list[Release],
                 pinned_label: str, root: Path) -> str:
    out = [f"<!-- Generated from {MANIFEST} by `python -m scripts.generate update history`; do not edit. -->\n"]
    for note in notes:
        c = comparisons[note.qualname]
        out.append(f"\n### {note.title} {{#{anchor_of(note.qualname)}}}\n\n")
        out.append(f"`{note.qualname}`: {status_line(c, releases)}.\n\n")
        out.append(note.text + "\n\n")
        out.append("Quoted in " + ", ".join(quoted_on(c.quote, root)) + ".\n")
        oldest = next(((r, t) for r, t in zip(releases, c.then) if t is not None), None)
        if oldest is None:
            out.append(f"\nNone of Django {', '.join(r.version for r in releases)} defines it: "
                       "the page that quotes it shows all of it.\n")
            continue
        release, then = oldest
        if status(then, c.now) != CHANGED:
            out.append(f"\nFrom Django {release.version}, the oldest of these releases to define it, to "
                       f"{pinned_label}, it is the same code{' (only its layout differs)' if then[1] != c.now[1] else ''}.\n")
            continue
        body = textwrap.indent(diff(then, c.now, f"Django {release.version}", pinned_label), "    ")
        out.append(f'\n??? note "The diff from Django {release.version} to {pinned_label.removeprefix("Django ")}"\n\n')
        out.append(f'    ```diff title="{c.now[0]}: {note.qualname.rsplit(".", 1)[-1]}"\n{body}    ```\n')
    return "".join(out)


def render_table(comparisons: dict[str, Comparison], noted: set[str], releases: list[Release], root: Path) -> str:
    head = " | ".join(f"Django {r.version}" for r in releases)
    out = [
        f"<!-- Generated from {PINS} and excerpts/*.toml by `python -m scripts.generate update history`; do not edit. -->\n\n",
        f"| Quoted object | {head} | Quoted in |\n",
        "|---|" + "---|" * len(releases) + "---|\n",
    ]
    for qualname, c in comparisons.items():
        name = f"`{qualname}`"
        if qualname in noted:
            name = f"[{name}](#{anchor_of(qualname)})"
        cells = " | ".join(f"**{s}**" if s == CHANGED else s for s in c.statuses)
        out.append(f"| {name} | {cells} | {'<br>'.join(quoted_on(c.quote, root))} |\n")
    return "".join(out)


class HistoryKind:
    """The page for readers of older walkthroughs, for the engine (scripts/generate.py)."""

    name = "history"
    manifests = MANIFEST
    generated = ("history/*.md",)

    def load(self, root: Path, manifest: str, text: str) -> list[Item]:
        notes = parse_notes(manifest, text)
        return [Item(self.name, "story", f"{manifest}:1 [story]", notes),
                Item(self.name, "table", f"{manifest}:1 [table]", notes)]

    def paths(self, item: Item, root: Path) -> list[str]:
        return [STORY if item.name == "story" else TABLE]

    def render(self, item: Item, root: Path) -> list[GeneratedFile]:
        notes: list[Note] = item.spec
        releases = pinned(root)
        comparisons = compare(quoted_objects(root), releases, root)
        pinned_label = installed("django").label
        problems = []
        for note in notes:
            c = comparisons.get(note.qualname)
            if c is None:
                problems.append(f"{note.where}: {note.qualname} is quoted by no excerpt (excerpts/*.toml); "
                                "a note tells what changed in an object the walkthroughs quote: remove it, "
                                "or quote the object first")
            elif not c.changed:
                problems.append(f"{note.where}: {note.qualname} is the same code in Django "
                                f"{', '.join(r.version for r in releases)} as in {pinned_label} "
                                f"({status_line(c, releases)}); there is no change to tell: remove the note")
        if problems:
            raise ItemError("\n".join(problems) + f"\nTo fix: correct {MANIFEST}, then run "
                                                  "`python -m scripts.generate check history`.")
        versions = ", ".join(r.version for r in releases)
        if item.name == "story":
            return [GeneratedFile(
                STORY, render_story(notes, comparisons, releases, pinned_label, root),
                why=f"it no longer matches {MANIFEST} and the source of Django {versions} and {pinned_label}",
                fresh_label=f"{MANIFEST} with Django {versions} and {pinned_label}, now",
            )]
        return [GeneratedFile(
            TABLE, render_table(comparisons, {n.qualname for n in notes}, releases, root),
            why=f"it no longer matches the objects excerpts/*.toml quote, compared in Django {versions} and {pinned_label}",
            fresh_label=f"excerpts/*.toml with Django {versions} and {pinned_label}, now",
        )]


HISTORY = HistoryKind()
