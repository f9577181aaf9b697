/*
 * snippet-links.js: every snippet's code block title as a link to the whole file in the
 * site's repository.
 *
 * Why it exists: a page shows a section of a program, and the reader wants the whole of
 * it. A code block whose title starts with a path under snippets/ (written in Markdown as
 * ```python title="snippets/one_request.py (the request)"```) gets that path turned into a
 * link to <repo_url>/blob/main/<path>. The theme cannot put a link in a title, and the
 * site uses no template override or plugin, so it is done here, in the browser. The
 * repository's address is read from the header's repository link (mkdocs.yml's
 * `repo_url`, which a fork sets with SITE_REPO_URL), so the page holds it once. Titles
 * that name anything else are left as they are. scripts/snippet_titles.py checks that
 * every snippet block has such a title, tests/test_browser_snippet_links.py that every
 * one is a link.
 */
(function () {
  "use strict";

  var BRANCH = "main";
  var SNIPPET_PATH = /^(snippets\/[\w./-]+\.(?:py|html|txt|toml))(.*)$/;

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

  var repository = document.querySelector("a.md-source");
  if (repository) linkSnippetTitles(repository.getAttribute("href"));
})();
