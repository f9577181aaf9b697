"""Every snippet's test runs once per supported Django series (django-series.txt), each
time with that series' interpreter: `run_snippet` inside a test of tests/snippets/ runs the
snippet in the environment of the series the test is for (ids end in `[django-6.0]`).

The tests of snippets/support/ import the modules in this process, the newest series'."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import django_series as series_file
from scripts.snippet_runs import on_interpreter

HERE = Path(__file__).resolve().parent
SERIES = series_file.supported()


def runs_per_series(path: Path) -> bool:
    return path.parent == HERE and path.name.startswith("test_")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if runs_per_series(Path(str(metafunc.definition.fspath))):
        metafunc.parametrize("django_series", SERIES, ids=[f"django-{s.name}" for s in SERIES], indirect=True)


@pytest.fixture(autouse=True)
def django_series(request):
    """The series this test runs its snippet on (the newest for support modules' tests)."""
    series = getattr(request, "param", SERIES[0])
    with on_interpreter(series.python()):
        yield series


@pytest.fixture
def runserver_banner(django_series) -> str:
    """How runserver's console line begins on this series: Django 6.1 names the WSGI server."""
    major, minor = (int(p) for p in django_series.name.split("."))
    return "Starting WSGI development server at" if (major, minor) >= (6, 1) else "Starting development server at"
