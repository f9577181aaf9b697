"""The Django series the site supports, read from the one file that lists them.

``django-series.txt`` names each supported series and its exact release, newest first. The
Makefile, the engine (generated files per series), the snippet tests and the build read
it through this module (the Makefile with awk), so that adding, retiring or bumping a
series is an edit there, then ``make lock`` and ``make update``.

Each series has an environment and a folder of generated files:

* the newest is the tool environment, ``.venv`` (the interpreter running the tools), and
  its generated files are where pages name them (``excerpts/<id>.md``);
* every other series has ``.venv-django-<series>`` (the same pins, that series' Django)
  and its generated files under ``series/<series>/`` (``series/6.0/excerpts/<id>.md``),
  which the build of that series finds first (pymdownx.snippets' ``base_path``).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scripts.includes import ROOT

SERIES_FILE = "django-series.txt"
_LINE = re.compile(r"^(?P<series>\d+\.\d+)\s+(?P<release>(?P=series)(\.\d+)?)$")


class SeriesError(Exception):
    """A bad django-series.txt, an unknown series, or a missing or drifted environment."""


@dataclass(frozen=True)
class Series:
    name: str  # "6.0"
    release: str  # "6.0.10"
    newest: bool

    @property
    def label(self) -> str:
        return f"Django {self.release}"

    @property
    def folder(self) -> str:
        """Where this series' generated files live, relative to the project ("" or "series/6.0/")."""
        return "" if self.newest else f"series/{self.name}/"

    @property
    def venv(self) -> str:
        return ".venv" if self.newest else f".venv-django-{self.name}"

    @property
    def lock_file(self) -> str:
        return "requirements.txt" if self.newest else f"requirements-django-{self.name}.txt"

    def python(self, root: Path = ROOT) -> str:
        """The interpreter that runs this series' Django: this one for the newest series
        (the tools run in its environment), else the series' own environment's."""
        if self.newest:
            return sys.executable
        python = root / self.venv / "bin" / "python"
        if not python.is_file():
            raise SeriesError(
                f"{self.venv} does not exist, so nothing can run on Django {self.name}: run "
                f"`make {self.venv}/.installed` (make test, check and update do)"
            )
        return str(python)

    def site_packages(self, root: Path = ROOT) -> Path:
        """The folder holding this series' installed ``django/`` (older series only)."""
        found = sorted((root / self.venv / "lib").glob("python*/site-packages/django/__init__.py"))
        if not found:
            raise SeriesError(
                f"{self.venv} has no Django installed: run `make {self.venv}/.installed` "
                f"(make check and make update do), which installs {self.lock_file}"
            )
        return found[-1].parent.parent


def parse(text: str, where: str = SERIES_FILE) -> list[Series]:
    """The series of ``text`` (django-series.txt's format), newest first."""
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = _LINE.match(" ".join(line.split()))
        if not m:
            raise SeriesError(f"{where}:{number}: expected `SERIES RELEASE` (e.g. `6.0 6.0.10`), got {line!r}")
        rows.append((number, m["series"], m["release"]))
    if not rows:
        raise SeriesError(f"{where}: lists no series; add one line per series, newest first")
    keys = [tuple(int(p) for p in s.split(".")) for _, s, _ in rows]
    if keys != sorted(keys, reverse=True) or len(set(keys)) != len(keys):
        raise SeriesError(f"{where}: list each series once, newest first (found {[s for _, s, _ in rows]})")
    return [Series(s, r, i == 0) for i, (_, s, r) in enumerate(rows)]


@cache
def _supported(root: Path) -> tuple[Series, ...]:
    return tuple(parse((root / SERIES_FILE).read_text(encoding="utf-8")))


def supported(root: Path = ROOT) -> list[Series]:
    """Every supported series, newest first."""
    return list(_supported(Path(root).resolve()))


def newest(root: Path = ROOT) -> Series:
    return supported(root)[0]


def named(name: str, root: Path = ROOT) -> Series:
    for series in supported(root):
        if series.name == name:
            return series
    names = ", ".join(s.name for s in supported(root))
    raise SeriesError(f"{name!r} is not a series {SERIES_FILE} lists; the series are: {names}")


def previous(series: Series, root: Path = ROOT) -> Series | None:
    """The supported series just older than ``series`` (None for the oldest)."""
    every = supported(root)
    at = every.index(series)
    return every[at + 1] if at + 1 < len(every) else None


def selected(name: str | None, root: Path = ROOT) -> list[Series]:
    """``name``'s series alone, or every series when ``name`` is None."""
    return [named(name, root)] if name else supported(root)


def bump(name: str, release: str, root: Path = ROOT) -> Series:
    """Move series ``name`` to ``release`` in django-series.txt, keeping every other line
    (comments included); refuse a release of another series or a series not listed."""
    path = root / SERIES_FILE
    series = named(name, root)
    if not _LINE.match(f"{name} {release}"):
        raise SeriesError(f"{release!r} is not a release of the {name} series (for example {name}.1)")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        m = _LINE.match(line.strip())
        if m and m["series"] == name:
            lines[i] = line.replace(m["release"], release, 1)
    path.write_text("".join(lines), encoding="utf-8")
    _supported.cache_clear()
    return Series(series.name, release, series.newest)


def main(argv: list[str] | None = None) -> int:
    """``python -m scripts.django_series``: one line per series; ``bump SERIES RELEASE``:
    move one series to another release (``make bump`` then re-locks and regenerates)."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["bump"] and len(argv) == 3:
            bumped = bump(argv[1], argv[2])
            print(f"{SERIES_FILE}: {bumped.name} is now {bumped.release}")
        elif not argv:
            for s in supported():
                print(s.name, s.release, s.venv, s.folder or ".")
        else:
            print("usage: python -m scripts.django_series [bump SERIES RELEASE]", file=sys.stderr)
            return 2
    except SeriesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
