"""The Questions page (docs/questions.md) answers exactly the readers' fifteen questions,
each under a heading in the reader's words, and every answer leads to its evidence: a
section of the site and a snippet shown in the section it links to.

Why it exists: the page is a way into the site, so an answer whose link leads nowhere, or
to a section that does not show what it claims, fails here rather than misleading a
reader. Links and anchors are also checked site-wide in the built HTML of both builders
(tests/test_builders_agree.py); this module makes sure the page is among those pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.html_links import broken_links
from tests.browser_support import built_file

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "questions.md"

# The questions readers ask, in their words: the headings must be these, in this order.
QUESTIONS = [
    "Why does my code run twice under runserver?",
    "Where is the WSGI application created, and what are wsgi.py and WSGI_APPLICATION for?",
    "When does django.setup() run, and why does a script get AppRegistryNotReady?",
    "In what order does middleware run, and where do CORS, WhiteNoise, sessions and auth go?",
    "process_request vs process_view: when to use which?",
    "Is middleware __init__ called per request?",
    "How does Django turn exceptions into 404/500, and why is my custom 404 page not shown?",
    "Why doesn't process_exception catch errors raised in other middleware?",
    "Why is my StreamingHttpResponse buffered?",
    "How do I notice a client disconnect while streaming?",
    "Do async views help under gunicorn/WSGI?",
    "What causes SynchronousOnlyOperation, and when does it not apply?",
    "When do request_started / request_finished fire, and why is my receiver never called?",
    "Is the development server threaded, and can it serve production?",
    "What happens, step by step, when a browser requests a page?",
]

HEADING = re.compile(r"^(#{1,6}) (.+?)(?: \{#([\w-]+)\})?$", re.MULTILINE)
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
SNIPPET_LINK_TEXT = re.compile(r"^`(snippets/\w+\.py)`$")


def answers() -> list[tuple[str, str, str]]:
    """(question as shown, its anchor, the Markdown of its answer) for each ## heading."""
    text = PAGE.read_text(encoding="utf-8")
    headings = [m for m in HEADING.finditer(text) if len(m[1]) == 2]
    found = []
    for m, following in zip(headings, [*headings[1:], None]):
        body = text[m.end() : following.start() if following else len(text)]
        found.append((m[2].replace("`", ""), m[3], body))
    return found


def section_of(html: str, anchor: str) -> str:
    """The HTML from the heading with this id to the next heading of the same or a higher level."""
    m = re.search(rf'<h([1-6])[^>]* id="{re.escape(anchor)}"', html)
    assert m, f"no heading with id {anchor!r}"
    following = re.compile(rf"<h[1-{m[1]}][ >]").search(html, m.end())
    return html[m.start() : following.start() if following else len(html)]


def url_path_of(link: str) -> tuple[str, str]:
    """A link of docs/questions.md as the built site's URL path, and its #fragment."""
    target, _, fragment = link.partition("#")
    if not target:
        return "/questions/", fragment
    rel = target.removesuffix(".md")
    if rel == "index":
        return "/", fragment
    return "/" + (rel.removesuffix("index") if rel.endswith("/index") else rel + "/"), fragment


def test_the_page_has_exactly_the_fifteen_questions_as_headings():
    text = PAGE.read_text(encoding="utf-8")
    assert [m[2] for m in HEADING.finditer(text) if len(m[1]) == 1] == ["Questions readers ask"]
    assert [question for question, _, _ in answers()] == QUESTIONS
    assert not [m[0] for m in HEADING.finditer(text) if len(m[1]) > 2], "only the questions are headings"
    assert all(anchor for _, anchor, _ in answers()), "every question has an anchor of its own: {#...}"


@pytest.mark.parametrize("question, anchor, body", answers(), ids=[a for _, a, _ in answers()])
def test_every_answer_is_short_and_leads_to_a_section_and_a_snippet(question, anchor, body):
    prose = body.split("\nShown", 1)[0]
    assert "\nShown" in body, f"{question}: no 'Shown in ...' line naming the evidence"
    sentences = re.findall(r"[^.?!]+(?:[.?!](?=\s|$))", re.sub(r"`[^`]*`", "code", prose).strip())
    assert 2 <= len(sentences) <= 5, f"{question}: {len(sentences)} sentences; an answer has two to five"
    links = LINK.findall(body)
    # A section elsewhere on the site, or this answer itself when its evidence is shown here.
    sections = [href for text, href in links if "#" in href and (href.startswith("#") or not SNIPPET_LINK_TEXT.match(text))]
    snippets = [(SNIPPET_LINK_TEXT.match(text)[1], href) for text, href in links if SNIPPET_LINK_TEXT.match(text)]
    assert sections, f"{question}: no link to a section (page.md#anchor)"
    assert snippets, f"{question}: no link to a snippet ([`snippets/<name>.py`](page.md#section))"
    for name, href in snippets:
        assert (ROOT / name).is_file(), f"{question}: {name} does not exist"
        assert "#" in href, f"{question}: the link to {name} names no section"


def test_every_snippet_an_answer_names_is_shown_in_the_section_it_links_to(built_site):
    for question, _, body in answers():
        for text, href in LINK.findall(body):
            if m := SNIPPET_LINK_TEXT.match(text):
                path, fragment = url_path_of(href)
                html = built_file(built_site, path).read_text(encoding="utf-8")
                assert f'<span class="filename">{m[1]}' in section_of(html, fragment), (
                    f"{question}: {href} shows no code of {m[1]}"
                )


def test_the_link_check_covers_the_page(built_site, built_site_url):
    page = built_file(built_site, "/questions/")
    assert page.is_file()
    links = re.findall(r'<a href="([^"]+)"', section_of(page.read_text(encoding="utf-8"), "questions-readers-ask"))
    assert len([href for href in links if not href.startswith(("http", "#"))]) >= 2 * len(QUESTIONS)
    assert [line for line in broken_links(built_site, built_site_url) if line.startswith("questions/")] == []
