"""snippets/pep3333_strings.py: native strings for status and headers, bytes for the body."""

from scripts.snippet_runs import run_snippet


def test_headers_are_iso_8859_1_strings_and_the_body_is_bytes():
    run = run_snippet("snippets/pep3333_strings.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    assert "  header 'X-Drink': '=?utf-8?b?Y2Fmw6kg4piV?=' (str)\n" in out
    assert "and its body yielded [b'Un caf\\xc3\\xa9 \\xe2\\x98\\x95\\n']\n" in out
