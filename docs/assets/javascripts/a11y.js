/*
 * a11y.js: what Material for MkDocs builds in the browser, and the diagrams,
 * made usable without a mouse and named for screen readers.
 *
 * Why it exists: these fixes would otherwise need theme template overrides, and
 * an override of Material's templates breaks the site under Zensical, whose
 * templates differ (see CONTRIBUTING.md, "Building with Zensical"). A script
 * listed in extra_javascript works the same under either builder:
 *
 * - Material's search dialog (<div class="md-search" role="dialog">) has no
 *   accessible name (axe rule aria-dialog-name). It is named after the search
 *   field's placeholder ("Search"), as Material names the search elsewhere.
 *   Zensical's own dialog is named already and is left as it is.
 * - A code annotation's marker is a link whose only content is an empty
 *   <span data-md-annotation-id="N">; the number shows through CSS, so a screen
 *   reader meets a nameless link (axe rule link-name). It is named
 *   "Annotation N".
 * - A diagram wider than the content column scrolls sideways (its SVG has a
 *   min-width: scripts/diagram_svg.py), and so does a call tree deeper than a
 *   phone is wide; a region that scrolls must be reachable from the keyboard (axe
 *   rule scrollable-region-focusable): such a box joins the tab order, as Material
 *   does for code blocks that scroll.
 *
 * - A code block that scrolls sideways takes focus too, by the theme's own rule
 *   (it scrolls, and the reader has a pointer that hovers): the theme applies that
 *   rule to a block only when the block first comes into view (`content.lazy` in
 *   mkdocs.yml keeps that work out of the page load), so until then this script
 *   does, and leaves each block to the theme once the theme has set it up (its <pre>
 *   then has an id starting "__code_").
 *
 * - The version selector (one site per Django series, extra.version in the build's
 *   configuration) is a button showing the series ("Django 6.1.3") but named
 *   "Select version", so its name leaves out what it shows (axe rule
 *   label-content-name-mismatch). It is named "Django 6.1.3: choose the Django
 *   series".
 *
 * The script watches the document, so it also covers what appears later. It reads
 * the layout only where the browser has just laid it out (a ResizeObserver's
 * callback, which also runs when the window is resized), or, for code blocks not
 * laid out yet, when the browser is idle, a few at a time; and it writes attributes
 * after its reads, so it never makes the browser lay out a page it has just
 * changed. Loaded on every page through extra_javascript in mkdocs.yml, after the
 * theme's bundle.
 */
(function () {
  "use strict";

  function nameSearchDialog() {
    var dialogs = document.querySelectorAll('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    Array.prototype.forEach.call(dialogs, function (dialog) {
      var field = dialog.querySelector("input.md-search__input");
      var name = field && field.getAttribute("placeholder");
      dialog.setAttribute("aria-label", name || "Search");
    });
  }

  function nameAnnotationMarkers() {
    var markers = document.querySelectorAll("a.md-annotation__index:not([aria-label])");
    Array.prototype.forEach.call(markers, function (marker) {
      var id = marker.querySelector("[data-md-annotation-id]");
      var number = id ? id.getAttribute("data-md-annotation-id") : "";
      marker.setAttribute("aria-label", ("Annotation " + number).trim());
    });
  }

  // Boxes that take focus when they scroll sideways: the diagrams and call trees, and
  // the code blocks the theme has not set up yet.
  var BOXES = "div.diagram, div.call-tree";
  var CODE = ".md-content pre > code";
  var hover = window.matchMedia("(hover)");
  var watched = new WeakSet();

  function handedToTheme(box) {
    var pre = box.tagName === "CODE" && box.parentElement;
    return !!pre && pre.id.indexOf("__code_") === 0;
  }

  function setFocusable(box, scrolls) {
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
    } else if (!scrolls && box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
    }
  }

  // Code blocks waiting to be measured. A block off screen is not laid out (site.css
  // makes it content-visibility: auto, so no ResizeObserver reports it), and measuring
  // it lays it out: that is done when the browser is idle, a few blocks at a time, so
  // that no measuring holds the page; again after the window changes size.
  var waiting = new Set();
  var idle = window.requestIdleCallback || function (callback) { return setTimeout(callback, 1); };
  var scheduled = false;
  var SLICE_MS = 8;

  function measureWaiting() {
    scheduled = false;
    var start = performance.now();
    var results = [];
    var iterator = waiting.values();
    for (var next = iterator.next(); !next.done; next = iterator.next()) {  // reads first ...
      var box = next.value;
      waiting.delete(box);
      if (!handedToTheme(box)) results.push([box, box.scrollWidth > box.offsetWidth]);
      if (performance.now() - start > SLICE_MS) break;
    }
    results.forEach(function (result) { setFocusable(result[0], result[1]); });  // ... then writes
    if (waiting.size) schedule();
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      idle(measureWaiting, { timeout: 1000 });
    }
  }

  var sizes = new ResizeObserver(function (entries) {
    var changes = [];
    entries.forEach(function (entry) {  // reads first ...
      changes.push([entry.target, entry.target.scrollWidth > entry.target.clientWidth]);
    });
    changes.forEach(function (change) { setFocusable(change[0], change[1]); });  // ... then writes
  });

  // The theme's test (components/content/code): content wider than the block, and a
  // pointer that hovers (on a touch screen no block takes focus, and none is measured).
  function queueCodeBlocks(all) {
    if (!hover.matches) return;
    var blocks = document.querySelectorAll(CODE);
    for (var i = 0; i < blocks.length; i++) {
      if (!handedToTheme(blocks[i]) && (all || !watched.has(blocks[i]))) {
        watched.add(blocks[i]);
        waiting.add(blocks[i]);
      }
    }
    if (waiting.size) schedule();
  }

  function watchScrollingBoxes() {
    var boxes = document.querySelectorAll(BOXES);
    for (var i = 0; i < boxes.length; i++) {
      if (!watched.has(boxes[i]) && !handedToTheme(boxes[i])) {
        watched.add(boxes[i]);
        sizes.observe(boxes[i]);
      }
    }
  }

  function nameVersionSelector() {
    var buttons = document.querySelectorAll(".md-version__current");
    Array.prototype.forEach.call(buttons, function (button) {
      var shown = button.textContent.trim();
      var name = button.getAttribute("aria-label") || "";
      if (shown && name.indexOf(shown) !== 0) {
        button.setAttribute("aria-label", shown + ": choose the Django series");
      }
    });
  }

  function update() {
    nameSearchDialog();
    nameVersionSelector();
    nameAnnotationMarkers();
    watchScrollingBoxes();
    queueCodeBlocks(false);
  }

  update();
  new MutationObserver(update).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", function () { queueCodeBlocks(true); });
})();
