/*
 * a11y.js: accessible names for controls that Material for MkDocs builds in
 * the browser without one.
 *
 * Why it exists: a code annotation's marker is a link whose only content is
 * an empty <span data-md-annotation-id="N">; the number shows through CSS, so
 * a screen reader announces a nameless link (axe rule link-name). Material
 * creates the markers with JavaScript after the page loads, so this script
 * watches the document and names each marker as it appears:
 * "Annotation N".
 *
 * Loaded on every page by overrides/main.html, after Material's bundle.
 */
(function () {
  "use strict";

  function nameControls(root) {
    var markers = root.querySelectorAll("a.md-annotation__index:not([aria-label])");
    Array.prototype.forEach.call(markers, function (marker) {
      var id = marker.querySelector("[data-md-annotation-id]");
      var number = id ? id.getAttribute("data-md-annotation-id") : "";
      marker.setAttribute("aria-label", ("Annotation " + number).trim());
    });
  }

  nameControls(document);
  new MutationObserver(function () {
    nameControls(document);
  }).observe(document.body, { childList: true, subtree: true });
})();
