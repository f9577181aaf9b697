"""Which pages pull in which files, read from the pages' ``--8<--`` snippet lines.

Error messages must name every page affected by a stale excerpt or output, and the
checks must know which snippet sections pages rely on; both come from this index. It
also knows whether each include sits inside a code fence, because that decides how the
included text renders: an excerpt or call tree is Markdown with code blocks of its own
and shows as raw text inside a fence, while a snippet or shown output is plain text that
needs one. ``misplaced`` turns either mistake into an error naming the page and line.
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
_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")

# Where each kind of included file belongs: True = inside a code fence.
INSIDE_A_FENCE = {"snippets": True, "outputs": True, "excerpts": False, "calltrees": False, "diagrams": False,
                  "history": False, "measurements": False, "texts": False}


@dataclass(frozen=True)
class Include:
    """One inclusion: ``page`` (relative to the project) pulls in ``path`` at ``line``."""

    page: str
    line: int
    path: str
    section: str | None
    fence_line: int = 0  # the line that opened the code fence around it (0: none)

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
    fence, fence_line = "", 0  # the open fence's marker, and its line
    rel = page.relative_to(root).as_posix()
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if _BLOCK.match(line):
            in_block = not in_block
            continue
        if in_block:
            target = line.strip()
            if target and not target.startswith(";"):
                found.append(Include(rel, number, *split_target(target), fence_line))
            continue
        m = _SINGLE.match(line)
        if m and not m.group("escape"):
            found.append(Include(rel, number, *split_target(m.group("target")), fence_line))
            continue
        opener = _FENCE.match(line)
        if opener:
            marker = opener.group("fence")
            if not fence:
                fence, fence_line = marker, number
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[len(marker):].strip():
                fence, fence_line = "", 0
    return found


def misplaced(root: Path = ROOT) -> list[str]:
    """``page:line`` messages for every include that is inside a code fence where it must
    not be, or outside one where it must be."""
    problems = []
    for inc in all_includes(root):
        inside = INSIDE_A_FENCE.get(inc.path.split("/", 1)[0])
        if inside is None or inside == bool(inc.fence_line):
            continue
        if inside:
            problems.append(
                f"{inc.where}: {inc.path} is included outside a code fence, so it renders as Markdown, "
                f"not as code; put the include inside a fence (```python for a snippet, ```text for "
                "an output)"
            )
        else:
            problems.append(
                f"{inc.where}: {inc.path} is included inside the code fence opened at line {inc.fence_line}, "
                "so the page shows its Markdown as raw text; it renders its own code blocks: put the "
                "include on a line of its own, outside any fence"
            )
    return problems


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
