"""One SVG for both colour schemes, from mermaid's two renders of a diagram.

Why it exists: the site's diagrams are drawn ahead of time (``scripts/diagrams.py``), so
that no page loads mermaid and lays a diagram out on a reader's phone. Mermaid draws one
colour theme at a time, and the reader toggles between Material's light and dark schemes
without reloading. Mermaid's geometry does not depend on its theme: only the ``<style>``
element inside the SVG does. So the diagram is rendered with mermaid's ``default`` and
``dark`` themes, the geometry is checked to be the same, and one SVG is written that keeps
the light rules as they are and adds each dark rule that differs, scoped to Material's
dark scheme (``[data-md-color-scheme="slate"]``). The switch then costs nothing.

The SVG is also made fit to commit and to check byte for byte, and to read on a page:

- ids nothing refers to (mermaid numbers its elements, and gives an actor's top and
  bottom boxes the same id) are removed, so the page has no duplicate id, and so are the
  icons and arrow heads mermaid defines in case a diagram uses them, when it does not;
- mermaid's bookkeeping attributes (``data-id``, ``data-from``...) are dropped;
- it is an image with a name and a description: ``role="img"``, with ``aria-labelledby``
  and ``aria-describedby`` pointing at the ``<title>`` and ``<desc>`` that the source's
  ``accTitle`` and ``accDescr`` lines become;
- it scrolls sideways rather than shrink below ``MIN_SCALE`` of its drawn size, where its
  text would be too small to read (its container takes keyboard focus then: a11y.js).
"""

from __future__ import annotations

import re

DARK_SCOPE = '[data-md-color-scheme="slate"]'
MIN_SCALE = 0.6

_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
_BOOKKEEPING = re.compile(r'\sdata-(?:et|id|from|to)="[^"]*"')
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_HREF_REF = re.compile(r'href="#([^"]+)"')
_DEFINITION = re.compile(r'<(symbol|marker) id="([^"]+)"[^>]*>.*?</\1>', re.DOTALL)
_ARIA_REF = re.compile(r'aria-(?:labelledby|describedby)="([^"]+)"')


class DiagramSvgError(ValueError):
    """The renders cannot be merged into one sound SVG; the message says why."""


def css_rules(css: str) -> list[tuple[str, str]]:
    """Top-level rules of a minified stylesheet as (prelude, block); at-rules included."""
    rules, depth, start, prelude, quote = [], 0, 0, "", ""
    for i, char in enumerate(css):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append((prelude, css[start:i]))
                start = i + 1
    if depth != 0 or css[start:].strip():
        raise DiagramSvgError("mermaid's stylesheet could not be split into rules")
    return rules


def scoped(prelude: str, scope: str) -> str:
    """``a,b`` -> ``scope a,scope b`` (selectors in mermaid's CSS hold no commas of their own)."""
    return ",".join(f"{scope} {selector.strip()}" for selector in prelude.split(","))


def dark_overrides(light_css: str, dark_css: str) -> str:
    """The dark theme's rules that differ from the light theme's, scoped to the dark scheme."""
    light = dict(css_rules(light_css))
    out = []
    for prelude, block in css_rules(dark_css):
        if prelude.startswith("@") or light.get(prelude) == block:
            continue
        out.append(f"{scoped(prelude, DARK_SCOPE)}{{{block}}}")
    return "".join(out)


def _without_style(svg: str) -> str:
    return _STYLE.sub("<style></style>", svg, count=1)


def merge(light: str, dark: str, svg_id: str) -> str:
    """One SVG: the light render's geometry and style, plus the dark rules that differ."""
    light_style, dark_style = _STYLE.search(light), _STYLE.search(dark)
    if not (light_style and dark_style):
        raise DiagramSvgError("a render has no <style> element")
    if _without_style(light) != _without_style(dark):
        raise DiagramSvgError("the light and dark renders differ beyond their styles; "
                              "one SVG cannot serve both schemes")
    css = light_style.group(1) + dark_overrides(light_style.group(1), dark_style.group(1))
    svg = light[: light_style.start(1)] + css + light[light_style.end(1):]
    return tidy(svg, svg_id)


def tidy(svg: str, svg_id: str) -> str:
    """Remove unreferenced ids and bookkeeping attributes; make the SVG a named image."""
    svg = _BOOKKEEPING.sub("", svg)
    # What the markup refers to; mermaid's stylesheet also names a gradient of a look the
    # diagram does not use, which no element needs.
    markup = _without_style(svg)
    referenced = set(_URL_REF.findall(markup)) | set(_HREF_REF.findall(markup))
    for refs in _ARIA_REF.findall(markup):
        referenced |= set(refs.split())

    # Mermaid defines every icon and arrow head a sequence diagram might use; drop the unused.
    def used(match: re.Match) -> str:
        return match.group(0) if match.group(2) in referenced else ""

    svg = _DEFINITION.sub(used, svg)
    svg = svg.replace("<defs></defs>", "")

    def keep(match: re.Match) -> str:
        value = match.group(1)
        # Mermaid's CSS selects markers by id suffix ([id$="-arrowhead"]): keep its prefixed ids.
        return match.group(0) if value == svg_id or value in referenced or value.startswith(svg_id + "-") else ""

    svg = _ID.sub(keep, svg)
    ids = _ID.findall(svg)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DiagramSvgError(f"ids used twice in the SVG: {', '.join(duplicates)}")
    missing = sorted(referenced - set(ids))
    if missing:
        raise DiagramSvgError(f"the SVG refers to ids it does not have: {', '.join(missing)}")

    open_tag = re.match(r"<svg\b[^>]*>", svg)
    if not open_tag:
        raise DiagramSvgError("the render does not start with an <svg> element")
    tag = open_tag.group(0)
    title = re.search(r'<title id="([^"]+)">', svg)
    desc = re.search(r'<desc id="([^"]+)">', svg)
    if not (title and desc):
        raise DiagramSvgError("the SVG has no <title> or no <desc>: the source needs accTitle and accDescr lines")
    view_box = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"', tag)
    if not view_box:
        raise DiagramSvgError("the SVG has no viewBox")
    min_width = round(float(view_box.group(1)) * MIN_SCALE)
    tag = re.sub(r'\s(?:role|aria-roledescription|aria-labelledby|aria-describedby)="[^"]*"', "", tag)
    tag = re.sub(r'style="max-width: ([\d.]+)px;"', rf'style="max-width: \1px; min-width: {min_width}px;"', tag)
    tag = tag[:-1] + f' role="img" aria-labelledby="{title.group(1)}" aria-describedby="{desc.group(1)}">'
    return tag + svg[open_tag.end():]
