"""The diagrams kind: mermaid sources drawn to SVG ahead of time, for pages to include.

Why it exists: a page that draws its diagram in the reader's browser imports mermaid
(about 900 kB of JavaScript) and lays the diagram out on the reader's CPU, which on a
phone costs seconds. So each diagram is drawn once, here, and committed: no page loads a
renderer at all, and the check compares the committed drawing with a fresh one like any
other generated file.

Each source is a file, ``diagrams/<name>.mmd``: mermaid's own syntax, with an
``accTitle:`` line (the diagram's accessible name) and an ``accDescr:`` line (a sentence
saying what it shows, for readers who cannot see it). It is both the manifest and the
source. ``make update`` draws it with the site's vendored mermaid in Chromium
(``scripts/diagram_renderer.py``), in the light and the dark theme, merges the two into one
SVG that follows Material's colour scheme (``scripts/diagram_svg.py``), and writes
``diagrams/<name>.md``: the SVG in the scrollable container pages style and make
focusable (``<div class="diagram">``), left out of the search index. A page includes it
on a line of its own, outside any code fence: ``--8<-- "diagrams/<name>.md"``.

What mermaid draws depends on the Chromium and the fonts that measure the text: the
committed files are drawn with Debian's Chromium and its Liberation fonts, as CI has them.

Checked and rewritten by the engine: ``python -m scripts.generate check|update diagrams``.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.generated_files import GeneratedFile, Item, ItemError

MANIFESTS = "diagrams/*.mmd"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TITLE = re.compile(r"^\s*accTitle\s*:\s*(\S.*?)\s*$")
_DESCRIPTION = re.compile(r"^\s*accDescr\s*(?::\s*\S|\{)")

# Rendered SVGs by (name, source), so that prepare() draws every selected diagram in one
# browser and render() finds each one done.
_drawn: dict[tuple[str, str], str | ItemError] = {}


def svg_id(name: str) -> str:
    return f"diagram-{name}"


def fragment_path(name: str) -> str:
    return f"diagrams/{name}.md"


def parse_source(manifest: str, text: str) -> str:
    """Check a source has what the page needs; return its accessible name."""
    name = Path(manifest).stem
    if not NAME.match(name):
        raise ItemError(f"{manifest}:1: the file name {name!r} is not a diagram name: "
                        "use lower-case letters, digits and hyphens (it becomes the page's include)")
    lines = text.splitlines()
    first = next((n for n, line in enumerate(lines, 1) if line.strip() and not line.strip().startswith("%%")), 0)
    if not first:
        raise ItemError(f"{manifest}:1: the file is empty; write a mermaid diagram, "
                        "e.g. `sequenceDiagram` and its lines")
    titles = [(n, m.group(1)) for n, line in enumerate(lines, 1) if (m := _TITLE.match(line))]
    if len(titles) != 1:
        where = f"{manifest}:{titles[1][0] if titles else first + 1}"
        raise ItemError(f"{where}: a diagram needs exactly one `accTitle: <its name>` line "
                        f"(found {len(titles)}): it names the diagram for screen readers")
    descriptions = [n for n, line in enumerate(lines, 1) if _DESCRIPTION.match(line)]
    if len(descriptions) != 1:
        where = f"{manifest}:{descriptions[1] if descriptions else titles[0][0] + 1}"
        raise ItemError(f"{where}: a diagram needs exactly one `accDescr: <what it shows, in a sentence>` "
                        f"line (found {len(descriptions)}): it describes the diagram to readers who cannot see it")
    return titles[0][1]


def fragment(name: str, svg: str) -> str:
    return (
        f"<!-- Generated from diagrams/{name}.mmd by `python -m scripts.generate update diagrams`; do not edit. -->\n"
        f'<div class="diagram" data-search-exclude>\n{svg}\n</div>\n'
    )


def draw(items: list[Item], root: Path) -> None:
    """Draw every item not drawn yet, in one browser; keep each SVG (or its error)."""
    from scripts.diagram_renderer import RenderError, render_all
    from scripts.diagram_svg import DiagramSvgError, merge

    todo = [i for i in items if (i.name, i.spec) not in _drawn]
    if not todo:
        return
    try:
        drawn = render_all([(svg_id(i.name), i.spec) for i in todo])
    except RenderError as exc:  # no browser, or no vendored mermaid
        raise ItemError(f"diagrams: {exc}") from None
    for item, result in zip(todo, drawn):
        try:
            if isinstance(result, RenderError):
                raise result
            _drawn[item.name, item.spec] = merge(*result, svg_id(item.name))
        except (RenderError, DiagramSvgError) as exc:
            _drawn[item.name, item.spec] = ItemError(
                f"{item.where}: mermaid could not draw it: {exc}\n"
                f"To fix: correct diagrams/{item.name}.mmd, then run "
                f"`python -m scripts.generate check diagrams {item.name}`.")


class DiagramKind:
    """Diagrams for the engine (scripts/generate.py)."""

    name = "diagrams"
    manifests = MANIFESTS
    generated = ("diagrams/*.md",)

    def load(self, root: Path, manifest: str, text: str) -> list[Item]:
        parse_source(manifest, text)
        return [Item(self.name, Path(manifest).stem, f"{manifest}:1", text)]

    def prepare(self, items: list[Item], root: Path) -> None:
        draw(items, root)

    def paths(self, item: Item, root: Path) -> list[str]:
        return [fragment_path(item.name)]

    def render(self, item: Item, root: Path) -> list[GeneratedFile]:
        draw([item], root)
        drawn = _drawn[item.name, item.spec]
        if isinstance(drawn, ItemError):
            raise drawn
        from scripts.diagram_renderer import mermaid_version

        return [GeneratedFile(
            fragment_path(item.name), fragment(item.name, drawn),
            why=f"it no longer matches what mermaid {mermaid_version()} draws from diagrams/{item.name}.mmd",
            fresh_label=f"diagrams/{item.name}.mmd drawn now",
        )]


DIAGRAMS = DiagramKind()
