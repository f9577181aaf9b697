"""Compare a committed, generated file with what the tooling would write now.

Excerpts, shown outputs and call trees are all generated files that pages include. When
one no longer matches, the message has one shape whichever it is: the file, missing or
stale and why, every page that includes it, a unified diff, and the command that fixes it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from scripts.includes import pages_including


def pages_text(rel: str, root: Path) -> str:
    """``docs/a.md:12, docs/b.md:40``: every place a page includes ``rel``."""
    return ", ".join(inc.where for inc in pages_including(rel, root)) or "(no page includes it yet)"


def stale_message(
    rel: str, fresh: str, *, root: Path, why: str, fresh_label: str, fix: str, included_as: str | None = None
) -> str | None:
    """None if ``root/rel`` already holds ``fresh``; otherwise the message described above.

    ``included_as`` names the file pages include when it is not ``rel`` itself (an
    excerpt's snapshot is checked, but pages include its rendered fragment).
    """
    path = root / rel
    committed = path.read_text(encoding="utf-8") if path.is_file() else ""
    if committed == fresh:
        return None
    state = "is missing" if not path.is_file() else "is stale"
    diff = "".join(
        difflib.unified_diff(
            committed.splitlines(True), fresh.splitlines(True), f"{rel} (committed)", fresh_label
        )
    )
    return f"{rel} {state}: {why}.\nPages that include it: {pages_text(included_as or rel, root)}\n{diff}To fix: {fix}."
