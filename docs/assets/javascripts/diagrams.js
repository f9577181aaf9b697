/*
 * diagrams.js: render ```mermaid fences with the site's own copy of mermaid.
 *
 * Why it exists: the site must load nothing from any host but its own, and
 * Material for MkDocs would fetch mermaid from a CDN for fences of class
 * "mermaid". So mkdocs.yml has pymdownx.superfences emit the fences as
 *
 *     <pre class="diagram"><code>...mermaid source...</code></pre>
 *
 * which Material leaves alone, and this script turns them into SVG with the
 * vendored ESM build in ../vendor/mermaid/ (re-created by
 * scripts/vendor_mermaid.py). Pages without a diagram never import mermaid.
 *
 * A classic script, not a module: it is listed in extra_javascript and loads
 * mermaid with a dynamic import() only when a page needs it.
 */
(function () {
  "use strict";

  // Resolve mermaid against this script's own URL, captured now: document.currentScript
  // is null once the script has run. Works at any page depth and under `mkdocs serve`.
  var script =
    document.currentScript ||
    document.querySelector('script[src$="assets/javascripts/diagrams.js"]');
  var MERMAID_URL = new URL("../vendor/mermaid/mermaid.esm.min.mjs", script.src).href;

  // mermaid shrinks a wide diagram to fit the column; below this scale its text
  // is too small to read, so the diagram stops shrinking and scrolls sideways.
  var MIN_SCALE = 0.6;

  var mermaidPromise = null; // the imported module, loaded once per page session
  var renderQueue = Promise.resolve(); // renders run one after another
  var renderedTheme = null; // the mermaid theme the diagrams on this page were drawn with
  var counter = 0; // for unique SVG ids

  // Material's colour scheme: "slate" is its dark scheme.
  function currentTheme() {
    return document.body.dataset.mdColorScheme === "slate" ? "dark" : "default";
  }

  function loadMermaid() {
    if (!mermaidPromise) {
      mermaidPromise = import(MERMAID_URL).then(function (module) {
        return module.default;
      });
      mermaidPromise.catch(function () {
        mermaidPromise = null; // let the next page try again
      });
    }
    return mermaidPromise;
  }

  // The accessible name: the diagram's accTitle if it has one, else a generic one.
  function accessibleName(source) {
    var match = /^\s*accTitle\s*:\s*(.+?)\s*$/m.exec(source);
    return match ? match[1] : "Diagram";
  }

  // Wrap each new <pre class="diagram"> in a container that keeps the source
  // (for re-rendering when the colour scheme changes) and will hold the SVG.
  // The <pre> stays inside, visible, until the diagram is drawn.
  function adoptNewDiagrams() {
    var pres = document.querySelectorAll("pre.diagram");
    Array.prototype.forEach.call(pres, function (pre) {
      if (pre.parentElement.matches("div.diagram")) return; // already adopted
      var code = pre.querySelector("code");
      var container = document.createElement("div");
      container.className = "diagram";
      container.dataset.diagramSource = (code || pre).textContent;
      pre.replaceWith(container);
      container.appendChild(pre);
    });
    return document.querySelectorAll("div.diagram[data-diagram-source]");
  }

  function keepReadable(svg) {
    var viewBox = svg && svg.viewBox && svg.viewBox.baseVal;
    if (viewBox && viewBox.width) {
      svg.style.minWidth = Math.round(viewBox.width * MIN_SCALE) + "px";
    }
  }

  function showError(container, source, error) {
    console.error("diagrams.js: could not render a diagram:", error, "\nSource:\n" + source);
    container.classList.add("diagram--error");
    container.removeAttribute("role");
    container.removeAttribute("aria-label");
    var message = document.createElement("p");
    message.className = "diagram__error";
    message.setAttribute("role", "alert");
    message.textContent =
      "This diagram could not be rendered: " + ((error && error.message) || String(error));
    var pre = document.createElement("pre");
    var code = document.createElement("code");
    code.textContent = source;
    pre.appendChild(code);
    container.replaceChildren(message, pre);
  }

  // Draw the containers with the theme of the moment. When onlyIfThemeChanged is
  // set (a colour-scheme toggle), skip the work if they already have that theme.
  async function renderAll(containers, onlyIfThemeChanged) {
    var mermaid;
    try {
      mermaid = await loadMermaid();
    } catch (error) {
      containers.forEach(function (container) {
        showError(container, container.dataset.diagramSource, error);
      });
      return;
    }
    var theme = currentTheme(); // read after the import, which may take a while
    if (onlyIfThemeChanged && theme === renderedTheme) return;
    // suppressErrorRendering: throw on bad syntax instead of drawing mermaid's
    // own error picture, so showError() can say what went wrong.
    mermaid.initialize({
      startOnLoad: false,
      theme: theme,
      securityLevel: "strict",
      suppressErrorRendering: true,
      // Narrower actors and gaps than mermaid's defaults, so that a sequence of six
      // participants fits Material's content column at a readable size.
      sequence: { width: 110, actorMargin: 24, messageMargin: 32, noteMargin: 8 },
    });
    renderedTheme = theme;
    for (var i = 0; i < containers.length; i++) {
      var container = containers[i];
      var source = container.dataset.diagramSource;
      try {
        var result = await mermaid.render("diagram-svg-" + ++counter, source);
        container.classList.remove("diagram--error");
        container.innerHTML = result.svg;
        keepReadable(container.querySelector("svg"));
        if (result.bindFunctions) result.bindFunctions(container);
        container.setAttribute("role", "img");
        container.setAttribute("aria-label", accessibleName(source));
      } catch (error) {
        showError(container, source, error);
      }
    }
  }

  function schedule(containers, onlyIfThemeChanged) {
    if (containers.length === 0) return; // nothing to draw: do not import mermaid
    containers = Array.prototype.slice.call(containers);
    renderQueue = renderQueue
      .then(function () {
        return renderAll(containers, onlyIfThemeChanged);
      })
      .catch(function (error) {
        console.error("diagrams.js:", error);
      });
  }

  // On every page load (including Material's instant navigation, if enabled).
  function onPage() {
    renderedTheme = null;
    schedule(adoptNewDiagrams());
  }

  // Re-draw when the reader toggles light/dark (Material sets this attribute).
  new MutationObserver(function () {
    if (renderedTheme !== null && currentTheme() !== renderedTheme) {
      schedule(document.querySelectorAll("div.diagram[data-diagram-source]"), true);
    }
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
