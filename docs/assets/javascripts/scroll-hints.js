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
 * window turning), when they scroll, and when the document changes inside them (a
 * diagram drawn again); boxes added later are watched too. The layout is read
 * where the browser has just laid it out (a ResizeObserver's callback), or once per
 * frame for changed content, never after each change: the theme changes the
 * document many times while a page loads. Loaded on every page through
 * extra_javascript in mkdocs.yml.
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

  function watch(box) {
    if (watched.has(box)) return;
    watched.add(box);
    box.addEventListener("scroll", function () { mark(box); }, { passive: true });
    resized.observe(box); // its first callback marks it
  }

  // Boxes whose content changed, marked together at the next frame.
  var changed = new Set();
  var frame = 0;

  function markChanged() {
    frame = 0;
    changed.forEach(mark);
    changed.clear();
  }

  function noticeChanges(records) {
    records.forEach(function (record) {
      var target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      var box = target && target.closest(BOXES);
      if (box && watched.has(box)) changed.add(box);
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.matches(BOXES)) watch(node);
        Array.prototype.forEach.call(node.querySelectorAll(BOXES), watch);
      });
    });
    if (changed.size && !frame) frame = requestAnimationFrame(markChanged);
  }

  Array.prototype.forEach.call(document.querySelectorAll(BOXES), watch);
  new MutationObserver(noticeChanges).observe(document.body, { childList: true, subtree: true });
})();
