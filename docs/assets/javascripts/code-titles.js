/*
 * code-titles.js: let a code block's title wrap where a reader expects it to.
 *
 * Why it exists: an excerpt's title names the object, its file and the release
 * ("BaseHandler.get_response · django/core/handlers/base.py · Django 6.1.3").
 * A dotted name or a path has no space to wrap at, so on a phone a long one ran
 * past the edge of the code block and made the whole page scroll sideways. The
 * theme renders the title (the fence's title="...") as the text of
 * <span class="filename">, where no markup can be written, so this script adds a
 * break opportunity (<wbr>) after each "/" and before each "." that starts a name
 * or a file extension (not inside a version number such as 6.1.3). The text, and
 * so what the title reads and copies as, is unchanged. stylesheets/site.css lets
 * a title break anywhere as a last resort.
 *
 * Loaded on every page through extra_javascript in mkdocs.yml.
 */
(function () {
  "use strict";

  // A break goes after a slash, or before a dot followed by a letter or an underscore.
  var BREAK = /\/|\.(?=[A-Za-z_])/g;

  function breakPoints(text) {
    var points = [];
    var match;
    BREAK.lastIndex = 0;
    while ((match = BREAK.exec(text))) {
      var at = match[0] === "/" ? match.index + 1 : match.index;
      if (at > 0 && at < text.length) points.push(at);
    }
    return points;
  }

  function addBreaks(title) {
    if (title.hasAttribute("data-breaks")) return; // done already
    title.setAttribute("data-breaks", "");
    var texts = [];
    var walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) texts.push(walker.currentNode);
    texts.forEach(function (node) {
      var text = node.nodeValue;
      var points = breakPoints(text);
      if (!points.length) return;
      var parts = document.createDocumentFragment();
      var last = 0;
      points.forEach(function (at) {
        parts.appendChild(document.createTextNode(text.slice(last, at)));
        parts.appendChild(document.createElement("wbr"));
        last = at;
      });
      parts.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(parts, node);
    });
  }

  function onPage() {
    Array.prototype.forEach.call(document.querySelectorAll(".highlight span.filename"), addBreaks);
  }

  // On every page load (including Material's instant navigation, if enabled).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
