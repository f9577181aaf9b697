"""No page, and no excerpt note, shows the content scope's internal codes (scripts/internal_codes.py)."""

from __future__ import annotations

from pathlib import Path

from scripts import internal_codes

ROOT = Path(__file__).resolve().parent.parent


def test_no_page_or_excerpt_note_shows_an_internal_code():
    assert internal_codes.check(ROOT) == []


def test_a_code_on_a_page_or_in_a_note_is_named_with_file_and_line(tmp_path):
    (tmp_path / "docs" / "launch").mkdir(parents=True)
    (tmp_path / "excerpts").mkdir()
    (tmp_path / "docs" / "launch" / "index.md").write_text(
        "# Launch\n\n| Section | Topics |\n|---|---|\n| [Watch it](a.md) | L6, L7 |\n"
        "The path `/caf%C3%A9`, HTTP/1.1 and `#A1B2C3` are not codes.\nThis answers question 3.\n"
    )
    (tmp_path / "excerpts" / "launch.toml").write_text(
        '# R11 in a comment is not shown to readers\n[one]\nqualname = "x.y"\n\n'
        '[[one.annotate]]\nanchor = "A1"\nnote = """\nThe first line.\nThis covers W3 and P3.\n"""\n'
        '[[one.annotate]]\nanchor = "b"\nnote = "See R11."\n'
    )
    found = internal_codes.check(tmp_path)
    assert [line.split(" is an internal code")[0] for line in found] == [
        "docs/launch/index.md:5: 'L6'",
        "docs/launch/index.md:5: 'L7'",
        "docs/launch/index.md:7: 'question 3'",
        "excerpts/launch.toml:9: 'W3'",
        "excerpts/launch.toml:9: 'P3'",
        "excerpts/launch.toml:13: 'R11'",
    ]
    assert all(line.endswith("say what it means in words (or link to docs/questions.md)") for line in found)
