"""The diagrams kind: sources checked for what a page needs, drawn the same bytes every time,
and merged into one SVG that serves both colour schemes (scripts/diagrams.py,
scripts/diagram_renderer.py, scripts/diagram_svg.py).

The committed drawings themselves are compared with fresh ones by
tests/test_generated_files.py, like every generated file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import diagram_svg, generate
from scripts.diagram_renderer import render_all
from scripts.diagrams import DIAGRAMS, parse_source
from scripts.generated_files import ItemError

SMALL = """sequenceDiagram
    accTitle: A small exchange
    accDescr: The client asks the server, and the server answers.
    participant C as Client
    participant S as Server
    C->>S: GET /
    Note over S: thinks
    S-->>C: 200 OK
"""


# --- sources -------------------------------------------------------------------------


def test_a_source_gives_its_accessible_name():
    assert parse_source("diagrams/small.mmd", SMALL) == "A small exchange"


@pytest.mark.parametrize(
    ("manifest", "text", "message"),
    [
        ("diagrams/small.mmd", SMALL.replace("    accTitle: A small exchange\n", ""),
         r"diagrams/small\.mmd:2: a diagram needs exactly one `accTitle: <its name>` line \(found 0\)"),
        ("diagrams/small.mmd", SMALL.replace("    accDescr: The client asks the server, and the server answers.\n", ""),
         r"diagrams/small\.mmd:3: a diagram needs exactly one `accDescr: .*\(found 0\)"),
        ("diagrams/small.mmd", SMALL + "    accTitle: again\n",
         r"diagrams/small\.mmd:9: a diagram needs exactly one `accTitle"),
        ("diagrams/Small_One.mmd", SMALL, r"diagrams/Small_One\.mmd:1: the file name 'Small_One' is not a diagram name"),
        ("diagrams/empty.mmd", "\n%% only a comment\n", r"diagrams/empty\.mmd:1: the file is empty"),
    ],
)
def test_a_source_missing_what_a_page_needs_fails_naming_file_and_line(manifest, text, message):
    with pytest.raises(ItemError, match=message):
        parse_source(manifest, text)


# --- drawing -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def drawn():
    """SMALL drawn twice in one browser, and once more in another."""
    first, again = render_all([("diagram-small", SMALL)] * 2)
    (other,) = render_all([("diagram-small", SMALL)])
    return first, again, other


def test_a_drawing_is_the_same_bytes_every_time(drawn):
    first, again, other = drawn
    assert first == again == other
    light, dark = first
    assert light != dark, "the light and dark themes drew the same stylesheet"


def test_one_svg_serves_both_schemes_and_is_a_named_image(drawn):
    light, dark = drawn[0]
    svg = diagram_svg.merge(light, dark, "diagram-small")
    tag = re.match(r"<svg\b[^>]*>", svg).group(0)
    assert 'role="img"' in tag and "graphics-document" not in tag
    assert 'aria-labelledby="chart-title-diagram-small"' in tag
    assert 'aria-describedby="chart-desc-diagram-small"' in tag
    assert '<title id="chart-title-diagram-small">A small exchange</title>' in svg
    assert '<desc id="chart-desc-diagram-small">The client asks the server, and the server answers.</desc>' in svg
    assert re.search(r'style="max-width: (\d+)px; min-width: (\d+)px;"', tag)
    # The light rule as mermaid wrote it, and the dark one scoped to Material's dark scheme.
    assert "#diagram-small .actor{stroke:#9370DB;fill:#ECECFF;" in svg
    assert '[data-md-color-scheme="slate"] #diagram-small .actor{stroke:#ccc;fill:#1f2020;' in svg
    # No id twice, none left that nothing refers to but mermaid's own prefixed ones.
    ids = re.findall(r'\sid="([^"]+)"', svg)
    assert len(ids) == len(set(ids))
    assert all(i == "diagram-small" or i.startswith(("diagram-small-", "chart-")) for i in ids), ids
    assert "data-from=" not in svg and "<symbol" not in svg


def test_a_source_mermaid_cannot_parse_fails_with_its_message(tmp_path: Path):
    (tmp_path / "diagrams").mkdir()
    (tmp_path / "diagrams" / "broken.mmd").write_text(SMALL.replace("C->>S: GET /", "C->>>: GET /"), encoding="utf-8")
    report = generate.check(tmp_path, "diagrams", available={"diagrams": DIAGRAMS})
    (problem,) = report.problems
    assert problem.startswith("diagrams/broken.mmd:1: mermaid could not draw it: ")
    assert "Parse error on line 6" in problem
    assert "To fix: correct diagrams/broken.mmd" in problem


def test_a_drawing_without_its_source_is_an_orphan(tmp_path: Path):
    (tmp_path / "diagrams").mkdir()
    (tmp_path / "diagrams" / "gone.md").write_text("<div class=\"diagram\"></div>\n", encoding="utf-8")
    (orphan,) = generate.orphans(tmp_path, {"diagrams": DIAGRAMS})
    assert orphan.startswith("diagrams/gone.md: an orphaned diagrams file: no entry in diagrams/*.mmd produces it.")


# --- merging, without a browser -------------------------------------------------------


def test_the_dark_rules_are_only_those_that_differ():
    light = "#d{fill:#333;}@keyframes k{to{x:0;}}#d .a,#d .b{fill:#fff;}#d .c{stroke:#000;}"
    dark = "#d{fill:#ccc;}@keyframes k{to{x:0;}}#d .a,#d .b{fill:#111;}#d .c{stroke:#000;}"
    assert diagram_svg.dark_overrides(light, dark) == (
        '[data-md-color-scheme="slate"] #d{fill:#ccc;}'
        '[data-md-color-scheme="slate"] #d .a,[data-md-color-scheme="slate"] #d .b{fill:#111;}'
    )


def test_renders_that_differ_beyond_their_style_are_refused():
    light = '<svg id="d" viewBox="0 0 10 10"><style>#d{fill:#333;}</style><rect x="1"/></svg>'
    dark = '<svg id="d" viewBox="0 0 10 10"><style>#d{fill:#ccc;}</style><rect x="2"/></svg>'
    with pytest.raises(diagram_svg.DiagramSvgError, match="differ beyond their styles"):
        diagram_svg.merge(light, dark, "d")
