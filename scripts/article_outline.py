"""A page's article content as lines of text, to compare what two builders made of it.

MkDocs and Zensical render the same Markdown through the same extensions, but wrap it in
different themes; what a reader reads is the ``<article>``. This module turns it into one
line per element and text, so that a comparison is strict about everything in it (code
blocks character for character, headings and their ids, excerpt titles, line numbers,
annotations, links) and a difference shows as a readable diff. It leaves out only what
legitimately differs between builders:

- whitespace between elements, and runs of whitespace in text outside ``<pre>``;
- the permalink markers on headings (``a.headerlink``): kept as the anchor they link to,
  without their symbol or title;
- Zensical's skip-link target (``<a id="__skip">``), which Material puts outside the
  article;
- ``data-search-exclude``, an instruction to the builder's search indexer, which Zensical
  removes from the page once it has read it and MkDocs leaves on raw HTML;
- HTML comments, and the order of attributes and of class names.
"""

from __future__ import annotations

import difflib
from html.parser import HTMLParser

# Attributes each builder's search reads, and may or may not leave on the page.
FOR_THE_INDEXER = {"data-search-exclude"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _dropped(tag: str, attrs: dict[str, str | None]) -> bool:
    return tag == "a" and attrs.get("id") == "__skip"


def _permalink(tag: str, attrs: dict[str, str | None]) -> bool:
    return tag == "a" and "headerlink" in (attrs.get("class") or "").split()


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.depth = 0  # depth inside the article; 0 = outside
        self.skip = 0  # depth inside an element left out
        self.pre = 0

    def _emit(self, text: str) -> None:
        self.lines.append("  " * (self.depth - 1) + text)

    def handle_starttag(self, tag, attr_list):
        attrs = dict(attr_list)
        void = tag in VOID
        if not self.depth:
            if tag == "article":
                self.depth = 1
                self._emit(self._tag(tag, attrs))
            return
        if self.skip:
            self.skip += 0 if void else 1
            return
        if _dropped(tag, attrs) or _permalink(tag, attrs):
            if _permalink(tag, attrs):
                self._emit(f"[permalink {attrs.get('href')}]")
            self.skip = 0 if void else 1
            return
        self.depth += 1
        self._emit(self._tag(tag, attrs))
        if tag == "pre":
            self.pre += 1
        if void:
            self.depth -= 1

    def handle_startendtag(self, tag, attr_list):
        self.handle_starttag(tag, attr_list)
        if tag not in VOID and self.depth and not self.skip:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID:
            return
        if self.skip:
            self.skip -= 1
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        self.depth -= 1

    def handle_data(self, data):
        if not self.depth or self.skip:
            return
        if self.pre:
            self._emit("  " + repr(data))
        elif text := " ".join(data.split()):
            self._emit("  " + text)

    @staticmethod
    def _tag(tag: str, attrs: dict[str, str | None]) -> str:
        parts = [tag]
        for name in sorted(attrs):
            if name in FOR_THE_INDEXER:
                continue
            value = attrs[name]
            if name == "class" and value:
                value = " ".join(sorted(value.split()))
            parts.append(name if value is None else f"{name}={value!r}")
        return "<" + " ".join(parts) + ">"


def outline(html: str) -> list[str]:
    """The page's ``<article>`` (every one, in order), one element or text a line."""
    parser = _Outline()
    parser.feed(html)
    parser.close()
    return parser.lines


def difference(ours: str, theirs: str, name_ours: str, name_theirs: str, limit: int = 80) -> str:
    """A unified diff of two pages' outlines ('' when they agree), at most ``limit`` lines."""
    diff = list(difflib.unified_diff(outline(ours), outline(theirs), name_ours, name_theirs, lineterm="", n=3))
    if len(diff) > limit:
        diff = diff[:limit] + [f"... {len(diff) - limit} more lines of diff"]
    return "\n".join(diff)
