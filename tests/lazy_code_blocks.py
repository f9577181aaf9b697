"""Bring every code block of a page into view, so that the theme sets each one up, as it
does for a reader who scrolls the page.

Why it exists: with `content.lazy` (mkdocs.yml) Material sets a code block up (its copy
button, its annotation markers, its keyboard access) when the block first comes into
view, not while the page loads. A check that looks at every block's markers or buttons
(axe, the screen measures, the annotation and copy tests) first scrolls each visible
block that is not set up yet into view and waits for the theme, which marks a block it
has set up by giving its <pre> an id starting "__code_". Blocks in a content tab that is
not chosen, or in a collapsed block (a closed <details>: Chromium still gives its content boxes,
but nothing scrolls them into view), stay as they are (no reader sees them) until a check shows them.
"""

from __future__ import annotations

# Frames to wait for the theme to set up one block once it is in view: two or three
# are enough (an IntersectionObserver reports at the next frame); a block that is
# still not set up after this many is a failure, named.
FRAMES_PER_BLOCK = 300

SHOW_EVERY_CODE_BLOCK_JS = """
async (framesPerBlock) => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const setUp = pre => pre.id.startsWith('__code_');
  const { scrollX, scrollY } = window;
  const blocks = [...document.querySelectorAll('.md-content pre > code')]
    .map(code => code.parentElement)
    .filter(pre => !setUp(pre) && pre.getClientRects().length > 0 && !pre.closest('details:not([open])'));
  for (const pre of blocks) {
    if (setUp(pre)) continue; // set up meanwhile, with a block beside it
    pre.scrollIntoView({ block: 'center' });
    let frames = 0;
    while (!setUp(pre)) {
      if (++frames > framesPerBlock) {
        const title = pre.closest('.highlight')?.querySelector('.filename')?.textContent ?? '';
        throw new Error(`the theme did not set up the code block ${title || pre.textContent.slice(0, 60)} ` +
                        `within ${framesPerBlock} frames of its coming into view`);
      }
      await frame();
    }
  }
  window.scrollTo(scrollX, scrollY);
  return blocks.length;
}
"""


def show_every_code_block(page) -> int:
    """Scroll each visible code block the theme has not set up yet into view, wait until
    it is set up, and scroll back; return how many blocks it brought into view."""
    return page.evaluate(SHOW_EVERY_CODE_BLOCK_JS, FRAMES_PER_BLOCK)
