"""Which pages pull in which files, read from the pages' ``--8<--`` snippet lines.

Error messages must name every page affected by a stale excerpt or output, and the
checks must know which snippet sections pages rely on; both come from this index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

_SINGLE = re.compile(r"""^\s*(?P<escape>;?)--8<--\s+(?P<quote>["'])(?P<target>.+?)(?P=quote)\s*$""")
_BLOCK = re.compile(r"^\s*--8<--\s*$")


@dataclass(frozen=True)
class Include:
    """One inclusion: ``page`` (relative to the project) pulls in ``path`` at ``line``."""

    page: str
    line: int
    path: str
    section: str | None

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def split_target(target: str) -> tuple[str, str | None]:
    """``snippets/a.py:name`` -> (``snippets/a.py``, ``name``); line ranges count as no section."""
    path, _, rest = target.partition(":")
    if rest and not rest[0].isdigit():
        return path, rest
    return path, None


def includes_in(page: Path, root: Path = ROOT) -> list[Include]:
    found: list[Include] = []
    in_block = False
    rel = page.relative_to(root).as_posix()
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if _BLOCK.match(line):
            in_block = not in_block
            continue
        if in_block:
            target = line.strip()
            if target and not target.startswith(";"):
                found.append(Include(rel, number, *split_target(target)))
            continue
        m = _SINGLE.match(line)
        if m and not m.group("escape"):
            found.append(Include(rel, number, *split_target(m.group("target"))))
    return found


def all_includes(root: Path = ROOT) -> list[Include]:
    pages = sorted((root / "docs").rglob("*.md"))
    # Checks ask this once per stale file; re-read the pages only when one has changed.
    return list(_includes(root, tuple((p, p.stat().st_mtime_ns) for p in pages)))


@lru_cache(maxsize=8)
def _includes(root: Path, pages: tuple[tuple[Path, int], ...]) -> tuple[Include, ...]:
    return tuple(inc for page, _ in pages for inc in includes_in(page, root))


def pages_including(path: str, root: Path = ROOT) -> list[Include]:
    """Every place a page includes ``path`` (a path relative to the project root)."""
    return [inc for inc in all_includes(root) if inc.path == path]
