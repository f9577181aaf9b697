/*
 * scroll-hints.js: say which way a box that scrolls sideways has more to show.
 *
 * Why it exists: a diagram or a call tree wider than the screen scrolls sideways
 * inside its own box, and on a phone (whose scroll bars show only while scrolling)
 * nothing told the reader that there was more to the right. This script sets
 * data-scroll-hint on each such box to "right" (at its start), "both" or "left"
 * (at its end), and removes it when the box fits; stylesheets/diagrams.css and
 * site.css fade the edges that hide more, and name the gesture. It styles only
 * the box (div.diagram, div.call-tree), never what is drawn inside it, so a
 * diagram drawn in the browser and one drawn beforehand are treated alike.
 *
 * The boxes are re-checked when they change size (a diagram being drawn, the
 * window turning), when they scroll, and when the document changes (a diagram
 * added or drawn again). Loaded on every page through extra_javascript in
 * mkdocs.yml.
 */
(function () {
  "use strict";

  var BOXES = "div.diagram, div.call-tree";
  var watched = new WeakSet();

  function mark(box) {
    var hidden = box.scrollWidth - box.clientWidth;
    var hint = null;
    if (hidden > 1) {
      var left = Math.abs(box.scrollLeft); // negative in right-to-left boxes
      hint = left <= 1 ? "right" : left >= hidden - 1 ? "left" : "both";
    }
    if (hint === null) {
      if (box.hasAttribute("data-scroll-hint")) box.removeAttribute("data-scroll-hint");
    } else if (box.getAttribute("data-scroll-hint") !== hint) {
      box.setAttribute("data-scroll-hint", hint);
    }
  }

  var resized = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      mark(entry.target);
    });
  });

  function update() {
    Array.prototype.forEach.call(document.querySelectorAll(BOXES), function (box) {
      if (!watched.has(box)) {
        watched.add(box);
        box.addEventListener("scroll", function () { mark(box); }, { passive: true });
        resized.observe(box);
      }
      mark(box);
    });
  }

  update();
  new MutationObserver(update).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", update);
})();
