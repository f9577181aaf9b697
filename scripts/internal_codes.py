"""No page shows the content scope's internal codes.

The project's list of topics numbers them (L1 to L10 for the launch, W1 to W9 for
PEP 3333, R1 to R13 for the request, P1 to P3 and A1 to A5 for production and async) and
numbers the readers' questions 1 to 15. Readers have never seen that list, so a page that
says "L6, L7" or "question 3" tells them nothing: it must say what it means in words, or
link to the Questions page. This check reads every page's Markdown source and every note
of an excerpt manifest (shown on the page as a code annotation) and names the file, the
line and the code it found.

    python -m scripts.internal_codes
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A scope code on its own (not part of a word, a %-escape such as %C3%A9, or a hex colour),
# or "question 3" / "questions 9 and 10" / "Question 3".
SCOPE_CODE = re.compile(r"(?<![\w%#.-])(?:L(?:10|[1-9])|W[1-9]|R(?:1[0-3]|[1-9])|P[1-3]|A[1-5])(?![\w-])")
QUESTION_NUMBER = re.compile(r"\bquestions? \d+\b", re.IGNORECASE)
NOTE_START = re.compile(r'^\s*note\s*=\s*("""|")(.*)$')


def codes_in(line: str) -> list[str]:
    return [m[0] for m in SCOPE_CODE.finditer(line)] + [m[0] for m in QUESTION_NUMBER.finditer(line)]


def note_lines(text: str):
    """(line number, text) of every line of a manifest's `note = ...` strings."""
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if inside:
            end = line.find('"""')
            yield number, line if end < 0 else line[:end]
            inside = end < 0
        elif m := NOTE_START.match(line):
            quote, rest = m[1], m[2]
            if quote == '"""':
                end = rest.find('"""')
                yield number, rest if end < 0 else rest[:end]
                inside = end < 0
            else:
                yield number, rest


def check(root: Path = ROOT) -> list[str]:
    """`file:LINE: ...` for every internal code on a page or in an excerpt's note."""
    problems = []
    sources = [(page, enumerate(page.read_text(encoding="utf-8").splitlines(), start=1))
               for page in sorted((root / "docs").rglob("*.md"))]
    sources += [(manifest, note_lines(manifest.read_text(encoding="utf-8")))
                for manifest in sorted((root / "excerpts").glob("*.toml"))]
    for path, lines in sources:
        for number, line in lines:
            for code in codes_in(line):
                problems.append(
                    f"{path.relative_to(root).as_posix()}:{number}: {code!r} is an internal code of the content "
                    "scope, which readers never see: say what it means in words (or link to docs/questions.md)"
                )
    return problems


if __name__ == "__main__":
    found = check()
    print("\n".join(found) or "No page or excerpt note shows an internal code.")
    sys.exit(1 if found else 0)
