"""Reproducible builds: two clean builds of the site are identical, file for file and byte
for byte, so the site a reader gets depends on the sources and nothing else.

The second build runs in another folder, with another hash seed (the order of sets of
strings) and as if on another day (SOURCE_DATE_EPOCH), so that anything depending on the
folder, the process or the date shows up as a difference.

The one exception, by name: MkDocs writes the build date into `sitemap.xml` (each
`<lastmod>`) and into the gzip header of `sitemap.xml.gz`. Those two files are compared
with that date taken out; they may differ in the date and in nothing else.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from scripts import django_series, series_site

ROOT = Path(__file__).resolve().parent.parent
DATED = ("sitemap.xml", "sitemap.xml.gz")
LASTMOD = re.compile(rb"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>")
ANOTHER_DAY = int(datetime(2001, 2, 3, tzinfo=timezone.utc).timestamp())


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(first: dict[str, bytes], second: dict[str, bytes], exempt=()) -> list[str]:
    """What differs between two builds (as files_of returns them), one line per file."""
    lines = [f"only in the first build: {name}" for name in sorted(first.keys() - second.keys())]
    lines += [f"only in the second build: {name}" for name in sorted(second.keys() - first.keys())]
    for name in sorted(first.keys() & second.keys()):
        a, b = first[name], second[name]
        if name in exempt or a == b:
            continue
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        lines.append(f"{name}: differs from byte {at} ({len(a)} and {len(b)} bytes): {a[at:at + 60]!r} / {b[at:at + 60]!r}")
    return lines


def undated_sitemap(files: dict[str, bytes]) -> tuple[bytes, bytes]:
    """sitemap.xml, and the text inside sitemap.xml.gz, with every <lastmod> date taken out."""
    xml = LASTMOD.sub(b"<lastmod/>", files["sitemap.xml"])
    gz = LASTMOD.sub(b"<lastmod/>", gzip.decompress(files["sitemap.xml.gz"]))
    return xml, gz


def test_two_clean_builds_are_identical(built_site: Path, tmp_path: Path):
    env = {**os.environ, "PYTHONHASHSEED": "4242", "SOURCE_DATE_EPOCH": str(ANOTHER_DAY)}
    # The newest series' build again, as `make build` makes it (scripts/series_site.py).
    second_site = series_site.build_one(django_series.newest(ROOT), tmp_path / "another" / "folder", ROOT, env)
    first, second = files_of(built_site), files_of(second_site)
    assert len(first) > 50, f"the first build holds only {len(first)} files"

    problems = differences(first, second, exempt=DATED)
    assert problems == [], "the two builds differ:\n" + "\n".join(problems)
    # The exception is only the date: the sitemaps are otherwise the same ...
    assert undated_sitemap(first) == undated_sitemap(second)
    # ... and the second build's date really is the other day, so the check above is not idle.
    assert b"<lastmod>2001-02-03</lastmod>" in second["sitemap.xml"]


def test_a_difference_is_reported_with_the_file_and_the_byte():
    first = {"index.html": b"<p>same</p>", "a.css": b"x", "sitemap.xml": b"1"}
    second = {"index.html": b"<p>sane</p>", "b.js": b"y", "sitemap.xml": b"2"}
    assert differences(first, second, exempt=DATED) == [
        "only in the first build: a.css",
        "only in the second build: b.js",
        "index.html: differs from byte 5 (11 and 11 bytes): b'me</p>' / b'ne</p>'",
    ]
