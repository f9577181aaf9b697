"""Check the ``--8<-- [start:name]`` / ``[end:name]`` section markers in snippet files.

pymdownx.snippets includes a section that is started but never ended all the way to
the end of the file, silently. These checks turn that, and every other malformed marker,
into an error naming the file and line; they also check that every section a page
includes exists.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from scripts.includes import ROOT, all_includes

MARKER = re.compile(r"--8<--\s*\[\s*(start|end)\s*:\s*([a-z][-_0-9a-z]*)\s*\]")


def sections_in(path: Path, root: Path = ROOT) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Return ({name: (start line, end line)}, [problems]) for one file."""
    rel = path.relative_to(root).as_posix()
    open_at: dict[str, int] = {}
    done: dict[str, tuple[int, int]] = {}
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for kind, name in MARKER.findall(line):
            if kind == "start":
                if name in open_at or name in done:
                    problems.append(f"{rel}:{number}: section {name!r} is started a second time")
                else:
                    open_at[name] = number
            elif name not in open_at:
                problems.append(f"{rel}:{number}: section {name!r} is ended but was never started")
            else:
                done[name] = (open_at.pop(name), number)
    for name, number in open_at.items():
        problems.append(f"{rel}:{number}: section {name!r} is started here but never ended")
        done[name] = (number, 0)  # reported once, here, not again by the pages using it
    return done, problems


def check(root: Path = ROOT) -> list[str]:
    problems = []
    known: dict[str, dict[str, tuple[int, int]]] = {}
    for path in sorted((root / "snippets").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt", ".html", ".toml"}:
            sections, found = sections_in(path, root)
            known[path.relative_to(root).as_posix()] = sections
            problems += found
    for inc in all_includes(root):
        if not (root / inc.path).is_file():
            problems.append(f"{inc.where}: includes {inc.path}, which does not exist")
        elif inc.section and inc.path in known and inc.section not in known[inc.path]:
            problems.append(f"{inc.where}: includes section {inc.section!r} of {inc.path}, which has no such section")
    return problems


if __name__ == "__main__":
    found = check()
    print("\n".join(found) or "All snippet sections are well formed and every included one exists.")
    sys.exit(1 if found else 0)
