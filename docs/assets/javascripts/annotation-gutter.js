/*
 * annotation-gutter.js: mark each code block that holds annotation markers, so that
 * on a phone stylesheets/screens.css can give its code room to scroll clear of the
 * gutter the markers sit in.
 *
 * Why it exists: screens.css moves a marker to a gutter at the block's right edge on
 * a phone, and pads the end of the code so that no line stays hidden under it (more
 * when the first line, beside the copy button, has a marker too). It used to find
 * those blocks with `pre:has(.md-annotation)`; with a :has() rule the browser
 * re-checks the block at each change inside it, and while the theme sets a block's
 * annotations up it changes every marker between two reads of the layout: on a phone
 * that restyling held the main thread for a second on a page with one long annotated
 * excerpt (python -m scripts.lighthouse request/middleware/). This script sets the
 * classes instead, once per block, after the theme has put the markers in:
 *
 * - `has-annotations` on a <pre> with at least one marker;
 * - `has-first-line-annotation` on one whose first line has a marker.
 *
 * The theme puts a block's markers in when the block first comes into view
 * (`content.lazy` in mkdocs.yml), so the script watches the document. It reads no
 * layout. Loaded on every page through extra_javascript in mkdocs.yml.
 */
(function () {
  "use strict";

  var NEW_MARKERS = "pre:not(.has-annotations) > code .md-annotation";

  function markBlocks() {
    var markers = document.querySelectorAll(NEW_MARKERS);
    for (var i = 0; i < markers.length; i++) {
      var code = markers[i].closest("code");
      var pre = code && code.parentElement;
      if (!pre || pre.classList.contains("has-annotations")) continue;
      pre.classList.add("has-annotations");
      var line = code.firstElementChild;
      if (line && line.tagName === "SPAN" && line.querySelector(".md-annotation")) {
        pre.classList.add("has-first-line-annotation");
      }
    }
  }

  markBlocks();
  new MutationObserver(markBlocks).observe(document.body, { childList: true, subtree: true });
})();
