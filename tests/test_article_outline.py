"""The article comparison ignores only what legitimately differs between the builders,
and catches a difference in anything a reader reads (scripts/article_outline.py)."""

from __future__ import annotations

from scripts.article_outline import difference, outline

PAGE = """<html><body><nav>theme</nav>
<article class="md-content__inner md-typeset">
<h2 id="the-handler">The handler<a class="headerlink" href="#the-handler" title="Permanent link">&para;</a></h2>
<p>Text   with
  spaces.</p>
<div class="highlight"><span class="filename">base.py</span><table class="highlighttable"><tr>
<td class="linenos"><div class="linenodiv"><pre><span></span><span class="normal"><a href="#__codelineno-0-142">142</a></span></pre></div></td>
<td class="code"><div><pre><span></span><code><span id="__span-0-142"><a id="__codelineno-0-142" name="__codelineno-0-142"></a><span class="k">def</span> <span class="nf">get_response</span><span class="p">(</span><span class="bp">self</span><span class="p">):</span>  <span class="c1"># (1)!</span>
</span></code></pre></div></td></tr></table></div>
<ol><li><p>The note.</p></li></ol>
</article><footer>theme</footer></body></html>"""


def test_the_outline_is_the_article_only():
    lines = outline(PAGE)
    assert lines[0] == "<article class='md-content__inner md-typeset'>"
    assert not any("theme" in line for line in lines)


def test_the_search_indexers_attribute_does_not_count():
    page = PAGE.replace("<ol>", '<div class="diagram" data-search-exclude><svg role="img"></svg></div><ol>')
    theirs = PAGE.replace("<ol>", '<div class="diagram"><svg role="img"></svg></div><ol>')
    assert difference(page, theirs, "a", "b") == ""
    assert difference(page, PAGE, "a", "b") != ""


def test_whitespace_attribute_order_permalinks_and_the_skip_link_do_not_count():
    theirs = (
        PAGE.replace('<article class="md-content__inner md-typeset">', '<article class="md-typeset md-content__inner">\n  <a id="__skip" tabindex="-1"></a>')
        .replace("Text   with\n  spaces.", "Text with spaces.")
        .replace('title="Permanent link">&para;', 'title="Link to this section">#')
        .replace('<a id="__codelineno-0-142" name="__codelineno-0-142">', '<a name="__codelineno-0-142" id="__codelineno-0-142">')
    )
    assert difference(PAGE, theirs, "a", "b") == ""


def test_a_changed_code_line_shows_in_the_diff():
    diff = difference(PAGE, PAGE.replace("get_response", "get_respons"), "page (MkDocs)", "page (Zensical)")
    assert diff.startswith("--- page (MkDocs)\n+++ page (Zensical)")
    removed = [line for line in diff.splitlines() if line.startswith("-") and "get_response" in line]
    added = [line for line in diff.splitlines() if line.startswith("+") and "get_respons'" in line]
    assert removed and added, diff


def test_whitespace_inside_code_counts():
    assert difference(PAGE, PAGE.replace("</span> <span class=\"nf\">", "</span>  <span class=\"nf\">"), "a", "b")


def test_headings_line_numbers_excerpt_titles_and_annotations_count():
    for before, after in [
        ('id="the-handler"', 'id="the-handler-1"'),  # a heading's anchor
        ("The handler<a", "The Handler<a"),  # its text
        (">142</a>", ">143</a>"),  # a line number
        ('href="#__codelineno-0-142"', 'href="#__codelineno-0-143"'),  # its link
        ('"filename">base.py', '"filename">handler.py'),  # an excerpt's title
        ("# (1)!", "# (2)!"),  # an annotation marker
        ("The note.", "Another note."),  # an annotation
        ('href="#the-handler"', 'href="#elsewhere"'),  # the permalink's target
    ]:
        assert before in PAGE, before
        assert difference(PAGE, PAGE.replace(before, after), "a", "b"), f"{before} -> {after} went unnoticed"
