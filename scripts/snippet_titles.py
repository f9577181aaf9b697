"""Every code block that shows a snippet names the snippet's file in its title.

Why it exists: a page shows a section of a program, and the reader wants the whole of it.
The title of a code block is where the site says which file it comes from, and in the
browser docs/assets/javascripts/snippet-links.js turns a title that starts with a path under
snippets/ into a link to that file in the repository. A block without that title has
neither, so this check names each one with its page and line:

    python -m scripts.snippet_titles
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from scripts.includes import ROOT, all_includes

_TITLE = re.compile(r"""\btitle=(?P<quote>["'])(?P<title>.*?)(?P=quote)""")


def fence_title(line: str) -> str | None:
    """The ``title="..."`` of a fence's opening line, or None."""
    m = _TITLE.search(line)
    return m["title"] if m else None


def check(root: Path = ROOT) -> list[str]:
    problems = []
    for inc in all_includes(root):
        if not inc.path.startswith("snippets/") or not inc.fence_line:
            continue  # outside a fence: scripts/includes.py reports that
        opener = (root / inc.page).read_text(encoding="utf-8").splitlines()[inc.fence_line - 1]
        title = fence_title(opener)
        if title is None or not (title == inc.path or title.startswith(inc.path + " ")):
            problems.append(
                f"{inc.page}:{inc.fence_line}: the code block showing {inc.path} has "
                f"{'the title ' + repr(title) if title is not None else 'no title'}; start its title "
                f'with the file: ```python title="{inc.path}"```, or "{inc.path} (the part shown)"'
            )
    return problems


if __name__ == "__main__":
    found = check()
    print("\n".join(found) or "every snippet's code block names its file")
    sys.exit(1 if found else 0)
