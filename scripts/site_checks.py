"""Checks on the built site's HTML that a strict MkDocs build does not make.

An include that resolved to nothing leaves an empty code block behind, which reads as a
broken page; these checks find such blocks and name the page and the line of the HTML.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path


_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _CodeBlocks(HTMLParser):
    """Collect (line, text) for every ``<pre>`` in a page, leaving out line-number cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self._pre_depth = 0
        self._skip_depth = 0
        self._start_line = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._skip_depth or {"linenos", "linenodiv"} & set(classes):
            self._skip_depth += 1 if tag not in _VOID else 0
            return
        if tag == "pre":
            if self._pre_depth == 0:
                self._start_line, self._text = self.getpos()[0], []
            self._pre_depth += 1

    def handle_endtag(self, tag):
        if self._skip_depth:
            self._skip_depth -= 1
            return
        if tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
            if self._pre_depth == 0:
                self.blocks.append((self._start_line, "".join(self._text)))

    def handle_data(self, data):
        if self._pre_depth and not self._skip_depth:
            self._text.append(data)


def empty_code_blocks(site_dir: Path) -> list[str]:
    """``page.html:LINE`` for every code block with no code in it, across the built site."""
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        parser = _CodeBlocks()
        parser.feed(page.read_text(encoding="utf-8"))
        for line, text in parser.blocks:
            if not text.strip():
                found.append(f"{page.relative_to(site_dir).as_posix()}:{line}: empty code block")
    return found


if __name__ == "__main__":
    problems = empty_code_blocks(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    print("\n".join(problems) or "No empty code blocks.")
    sys.exit(1 if problems else 0)
