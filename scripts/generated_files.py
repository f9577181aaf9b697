"""What every kind of generated file shares: the item, the file it renders, the error.

A kind (``scripts/excerpts.py``, ``scripts/outputs.py``, ``scripts/call_trees.py``,
``scripts/diagrams.py``) loads its manifests into ``Item``s and renders each into
``GeneratedFile``s; the engine (``scripts/generate.py``) compares, writes and reports them. Kinds import only this module,
so the engine can import every kind without a circle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from scripts.includes import pages_including


class ItemError(Exception):
    """Bad input or a failed render; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class GeneratedFile:
    """One file an item renders.

    ``included_as``: the files pages include that show this one (default: itself); an
    excerpt's snapshot is shown through the fragments of every excerpt quoting the object.
    ``source``: a file recording the upstream source; when it is stale, the item's other
    files are not reported, because its diff is the one to read.
    """

    path: str
    text: str
    why: str
    fresh_label: str
    included_as: tuple[str, ...] = ()
    source: bool = False
    python_dependent: bool = False


@dataclass
class Item:
    """One manifest entry of one kind."""

    kind: str
    name: str
    where: str  # manifest:line [name]
    spec: object = None


class Kind(Protocol):
    """What a kind of generated file supplies to the engine."""

    name: str  # as the command line names it
    manifests: str  # glob, relative to the project root
    generated: tuple[str, ...]  # globs of every file the kind writes (for orphans)

    def load(self, root: Path, manifest: str, text: str) -> list[Item]: ...

    def paths(self, item: Item, root: Path) -> list[str]:
        """The files ``render`` writes for ``item``, known without rendering it."""
        ...

    def render(self, item: Item, root: Path) -> list[GeneratedFile]: ...


def pages_text(paths: tuple[str, ...], root: Path) -> str:
    """``docs/a.md:12, docs/b.md:40``: every place a page includes one of ``paths``."""
    found = sorted({inc.where for p in paths for inc in pages_including(p, root)})
    return ", ".join(found) or "(no page includes it yet)"


def line_of(text: str, needle: str, after: int = 0) -> int:
    """1-based number of the first line at or after line ``after`` containing ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= after and needle in line:
            return number
    return after or 1


def table_line(text: str, name: str) -> int:
    """The line of a manifest's ``[name]`` table header."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().split("#")[0].strip() == f"[{name}]":
            return number
    return 1


def parse_toml(manifest: str, text: str) -> dict:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or (re.findall(r"at line (\d+)", str(exc)) or ["1"])[-1]
        raise ItemError(f"{manifest}:{line}: not valid TOML: {exc}") from None
