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
 * - The version selector (one site per Django series, extra.version in the build's
 *   configuration) is a button showing the series ("Django 6.1.3") but named
 *   "Select version", so its name leaves out what it shows (axe rule
 *   label-content-name-mismatch). It is named "Django 6.1.3: choose the Django
 *   series".
 *
 * The script watches the document, so it also covers what appears later, and
 * re-checks the diagrams when the window is resized. Loaded on every page through extra_javascript in
 * mkdocs.yml, after the theme's bundle.
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

  function letScrollingBoxesTakeFocus() {
    var diagrams = document.querySelectorAll("div.diagram, div.call-tree");
    Array.prototype.forEach.call(diagrams, function (diagram) {
      var scrolls = diagram.scrollWidth > diagram.clientWidth;
      if (scrolls && !diagram.hasAttribute("tabindex")) {
        diagram.setAttribute("tabindex", "0");
      } else if (!scrolls && diagram.getAttribute("tabindex") === "0") {
        diagram.removeAttribute("tabindex");
      }
    });
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
    letScrollingBoxesTakeFocus();
  }

  update();
  new MutationObserver(update).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", update);
})();
