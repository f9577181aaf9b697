"""What each page's layout looks like on a wide screen and on a phone, measured in the
browser during the one load per page that the browser tests share (SiteVisits in
tests/browser_support.py), so that tests/test_browser_screens.py only reads the figures.

Why it exists: the screen checks look at every page at two widths; loading every page
twice more would cost the suite far more than resizing the tab the shared load already
has open. `measure(page)` measures at 1280 px (the tab's own width), then at 390 px (a
phone held upright), and puts the tab back to its own size for the next page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.lazy_code_blocks import show_every_code_block

WIDE = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
# A marker is drawn 2.2 characters wide with 0.4 of a character either side (Material's
# .md-annotation__index), so on its line it takes 3 columns.
MARKER_COLUMNS = 3
# WCAG 2.5.8 (target size, minimum): 24 by 24 CSS px, or spaced as far apart.
TARGET = 24

# Content tabs show one panel at a time; while the layout is measured, all of them show
# (stacked, each as wide as it is when chosen), so that code in every panel is measured.
SHOW_EVERY_TAB = ".md-typeset .tabbed-block { display: block !important; }"

# Every excerpt's code blocks at the current width: the longest line, counted in columns
# as laid out (an annotation marker counts as the columns it takes), and whether the
# block scrolls sideways.
CODE_BLOCKS_JS = """
(markerColumns) => [...document.querySelectorAll('.excerpt .highlight pre > code')].map((code, index) => {
  const lines = [...code.querySelectorAll(':scope > span[id]')].map(line => {
    const copy = line.cloneNode(true);
    const markers = copy.querySelectorAll('.md-annotation');
    markers.forEach(m => m.remove());
    return copy.textContent.replace(/\\s+$/, '').length + markers.length * markerColumns;
  });
  const excerpt = code.closest('.excerpt');
  return {
    excerpt: excerpt.dataset.excerpt + (excerpt.querySelectorAll('pre > code').length > 1 ? ` (block ${
      [...excerpt.querySelectorAll('pre > code')].indexOf(code) + 1})` : ''),
    columns: Math.max(0, ...lines),
    scrollWidth: code.scrollWidth,
    clientWidth: code.clientWidth,
  };
})
"""

# Everything the phone checks look at, at the current (phone) width.
PHONE_JS = """
async (target) => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await frame(); // let observers (scroll-hints.js, a11y.js) see the new width
  const width = window.innerWidth;
  const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; };
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const describe = e => (e.closest('.excerpt')?.dataset.excerpt ?? '') + ' ' + (e.closest('[id^="__span"]')?.id ?? '');

  // Words of a title (split at spaces and at the break opportunities) each on one line.
  const brokenWords = title => {
    const broken = [];
    const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const match of node.nodeValue.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  };

  const titles = [...document.querySelectorAll('.excerpt .highlight span.filename')].map(title => {
    const block = title.closest('.highlight');
    return {
      text: title.textContent,
      overflows: title.scrollWidth > title.clientWidth + 1 || box(title).right > box(block).right + 0.5,
      brokenWords: brokenWords(title),
    };
  });

  const callTreeNames = [...document.querySelectorAll('.call-tree li > code, .call-tree li > a > code')].map(code => ({
    name: code.textContent,
    lines: new Set([...code.getClientRects()].map(r => Math.round(r.top))).size,
  }));

  const markers = [];
  for (const pre of document.querySelectorAll('.highlight pre:has(.md-annotation__index)')) {
    const targets = [...pre.querySelectorAll('.md-annotation__index, .md-code__button')];
    for (const marker of pre.querySelectorAll('.md-annotation__index')) {
      const r = box(marker);
      const others = targets.filter(t => t !== marker).map(box);
      const centre = {x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2};
      // The undersized-target rule: a 24 px circle on its centre meets no other target.
      const distance = o => Math.hypot(Math.max(o.left - centre.x, 0, centre.x - o.right), Math.max(o.top - centre.y, 0, centre.y - o.bottom));
      marker.scrollIntoView({block: 'center', inline: 'nearest'});
      const hit = document.elementFromPoint((marker.getBoundingClientRect().left + marker.getBoundingClientRect().right) / 2,
                                            (marker.getBoundingClientRect().top + marker.getBoundingClientRect().bottom) / 2);
      markers.push({
        where: describe(marker),
        left: r.left,
        right: r.right,
        width: r.width,
        height: r.height,
        overlapsAnother: others.some(o => overlaps(r, o)),
        spaced: others.every(o => distance(o) >= target / 2),
        onTop: !!hit && (hit === marker || marker.contains(hit)),
      });
    }
  }
  window.scrollTo(0, 0);

  // The annotated blocks a phone shows before the reader scrolls: the theme sets each up
  // during the load, and the more markers, the longer the load's main thread is busy.
  const firstScreen = [...document.querySelectorAll('.highlight pre:has(.md-annotation__index)')]
    .filter(pre => box(pre).top + window.scrollY < window.innerHeight)
    .map(pre => ({where: describe(pre), markers: pre.querySelectorAll('.md-annotation__index').length}));

  const diagrams = [];
  for (const diagram of document.querySelectorAll('div.diagram')) {
    const scrolls = diagram.scrollWidth > diagram.clientWidth + 1;
    const state = () => ({
      hint: diagram.getAttribute('data-scroll-hint'),
      mask: getComputedStyle(diagram).maskImage || getComputedStyle(diagram).webkitMaskImage || 'none',
      says: getComputedStyle(diagram, '::before').content,
    });
    const atStart = state();
    let atEnd = null;
    if (scrolls) {
      diagram.scrollLeft = diagram.scrollWidth;
      await frame();
      atEnd = state();
      diagram.scrollLeft = 0;
      await frame();
    }
    diagrams.push({label: diagram.getAttribute('aria-label') || '', scrolls, atStart, atEnd});
  }

  return {
    documentWidth: document.documentElement.scrollWidth,
    viewportWidth: width,
    titles, callTreeNames, markers, firstScreen, diagrams,
  };
}
"""


@dataclass
class ScreenReport:
    """One page at 1280 px (its excerpts' code blocks) and at 390 px (the rest)."""

    code_blocks: list[dict] = field(default_factory=list)
    phone: dict = field(default_factory=dict)


def measure(page) -> ScreenReport:
    """Measure the page at 1280 px and at 390 px; leave the tab as it was."""
    size = page.viewport_size
    every_tab = page.add_style_tag(content=SHOW_EVERY_TAB)
    try:
        page.set_viewport_size(WIDE)
        show_every_code_block(page)  # the blocks of the other tabs, shown now
        code_blocks = page.evaluate(CODE_BLOCKS_JS, MARKER_COLUMNS)
        page.set_viewport_size(PHONE)
        phone = page.evaluate(PHONE_JS, TARGET)
    finally:
        every_tab.evaluate("style => style.remove()")
        page.set_viewport_size(size)
    return ScreenReport(code_blocks=code_blocks, phone=phone)
