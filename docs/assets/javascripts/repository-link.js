/*
 * repository-link.js: the header's link to the site's repository, without the theme's
 * request to api.github.com.
 *
 * Why it exists: with `repo_url` set in mkdocs.yml, the theme (Material, and Zensical,
 * whose header is the same) shows a link to the repository and asks api.github.com for
 * its stars, forks and latest release. The site makes no request to any host but its
 * own. The theme finds that link by its marker, data-md-component="source", as soon as
 * its bundle runs at the end of the page, so a script listed in extra_javascript (which
 * runs after the bundle) is too late. This one is loaded in <head> through the theme's
 * `extra.polyfills` list, before the page's body exists: it watches the document being
 * parsed and takes the marker off each repository link as it appears. The browser
 * delivers those observations before it runs the next script of the page, so the marker
 * is gone before the bundle looks. The link itself stays, a plain link.
 * tests/test_browser_snippet_links.py checks it on every page.
 */
(function () {
  "use strict";

  var SELECTOR = 'a.md-source[data-md-component="source"]';

  function unmark() {
    var links = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < links.length; i++) links[i].removeAttribute("data-md-component");
  }

  var watcher = new MutationObserver(unmark);
  watcher.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    unmark();
    watcher.disconnect();
  });
})();
