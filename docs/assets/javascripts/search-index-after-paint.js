/*
 * search-index-after-paint.js: the search index is downloaded once the page has shown
 * its content and finished loading, not while the page is still on its way to the
 * reader's screen.
 *
 * Why it exists: the theme's bundle asks for search/search_index.json (about 160 kB
 * compressed, the largest download of every page) as soon as it runs, at high priority,
 * while the browser is still preparing the first paint. On a phone's connection that
 * download competes with what the page needs to show, and Lighthouse's simulated phone
 * (python -m scripts.lighthouse) counted it as part of the first paint whenever the real
 * paint it observed came late: LCP 2.9-3.0 s against 1.5-2.0 s on the same page in
 * another run. Search only needs the index when a reader types a query, so this script
 * holds the theme's request back until the first contentful paint has been reported and
 * the load event has fired, then sends it unchanged; a query typed before then is
 * answered as soon as the index arrives, as it already was.
 *
 * It is loaded in <head> through the theme's `extra.polyfills` list (mkdocs.yml), so it
 * runs before the bundle, and it changes only requests for a URL ending in
 * search/search_index.json made with XMLHttpRequest (the theme's own way); every other
 * request is sent as it is. Without the browser's paint timing it changes nothing.
 * tests/test_browser_search_index.py checks that the index is asked for after the first
 * paint and that search still works.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json(\?|#|$)/;
  var supported = window.PerformanceObserver &&
    (PerformanceObserver.supportedEntryTypes || []).indexOf("paint") !== -1;
  if (!supported) return;

  var painted = performance.getEntriesByName("first-contentful-paint").length > 0;
  var loaded = document.readyState === "complete";
  var held = [];

  function release() {
    if (!(painted && loaded)) return;
    var sends = held;
    held = [];
    sends.forEach(function (send) { send(); });
  }

  if (!painted) {
    var paints = new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) {
        painted = true;
        paints.disconnect();
        release();
      }
    });
    paints.observe({ type: "paint", buffered: true });
  }
  if (!loaded) {
    window.addEventListener("load", function () {
      loaded = true;
      release();
    }, { once: true });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var forIndex = new WeakSet();

  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(String(url))) forIndex.add(this);
    else forIndex.delete(this);
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (!forIndex.has(this) || (painted && loaded)) return send.apply(this, arguments);
    var request = this;
    var args = arguments;
    held.push(function () { send.apply(request, args); });
  };
})();
