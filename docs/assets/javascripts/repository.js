/*
 * repository.js: the link to the site's repository, without asking GitHub about it,
 * and every snippet's code block title as a link to its whole file there.
 *
 * Why it exists: with `repo_url` set in mkdocs.yml, the theme (Material, and Zensical,
 * which uses the same header) shows a link to the repository and, once the page has
 * loaded, asks api.github.com for its stars, forks and latest release. The site makes no
 * request to any host but its own, so this script takes the theme's component marker
 * (data-md-component="source") off that link before the theme looks for it: the link
 * stays, the request is never made. The theme mounts its components when the document
 * has been parsed (DOMContentLoaded), and a script listed in extra_javascript runs
 * before that, so the marker is always gone in time.
 *
 * The same link is where the repository's address is in the page: a code block whose
 * title starts with a path under snippets/ (written in Markdown as
 * ```python title="snippets/one_request.py (the request)"```) gets its title's path
 * turned into a link to <repo_url>/blob/main/<path>, so a reader can open the whole
 * program the block shows part of. Titles that name anything else are left as they are.
 * tests/test_browser_snippet_links.py checks both on every page.
 */
(function () {
  "use strict";

  var BRANCH = "main";
  var SNIPPET_PATH = /^(snippets\/[\w./-]+\.(?:py|html|txt|toml))(.*)$/;

  function repositoryLinks() {
    return document.querySelectorAll("a.md-source");
  }

  function withoutFacts(links) {
    Array.prototype.forEach.call(links, function (link) {
      link.removeAttribute("data-md-component");
    });
  }

  function linkSnippetTitles(repository) {
    var base = repository.replace(/\/+$/, "") + "/blob/" + BRANCH + "/";
    var titles = document.querySelectorAll(".highlight > span.filename");
    Array.prototype.forEach.call(titles, function (title) {
      if (title.querySelector("a")) return;
      var match = SNIPPET_PATH.exec(title.textContent);
      if (!match) return;
      var link = document.createElement("a");
      link.href = base + match[1];
      link.textContent = match[1];
      link.className = "snippet-source";
      link.title = "The whole file in the repository";
      title.textContent = match[2];
      title.insertBefore(link, title.firstChild);
    });
  }

  var links = repositoryLinks();
  withoutFacts(links);
  if (links.length) linkSnippetTitles(links[0].getAttribute("href"));
})();
