"""snippets/mysite: the example project every snippet uses, as `startproject` lays it out.

The site tells readers the project is what `django-admin startproject mysite` and
`manage.py startapp hello` generate, with three additions to the settings, the hello app's
views, middleware, signal receivers and template, and the routes and error handlers in
mysite/urls.py (docs/about.md, "The example project"); these tests generate a fresh
project with the pinned Django and hold the example to that description.
"""

import difflib
import os
import subprocess
import sys
from pathlib import Path

MYSITE = Path(__file__).resolve().parents[2] / "snippets" / "mysite"


def generated_project(tmp_path: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "django", "startproject", "mysite", str(tmp_path)], check=True
    )
    return tmp_path


def test_manage_py_runs_and_the_project_passes_its_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=MYSITE, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_project_files_are_the_ones_startproject_writes_plus_the_hello_app(tmp_path):
    fresh = generated_project(tmp_path)
    ours = {p.relative_to(MYSITE).as_posix() for p in MYSITE.rglob("*.py")}
    theirs = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*.py")}
    assert theirs <= ours
    assert ours - theirs == {
        "hello/__init__.py", "hello/apps.py", "hello/middleware.py", "hello/views.py",
    }
    for name in ("manage.py", "mysite/wsgi.py", "mysite/asgi.py"):
        assert (MYSITE / name).read_text() == (fresh / name).read_text(), name


def test_settings_differ_from_startproject_only_by_the_three_documented_additions(tmp_path):
    fresh = generated_project(tmp_path)
    generated = (fresh / "mysite/settings.py").read_text().splitlines()
    ours = (MYSITE / "mysite/settings.py").read_text().splitlines()
    changes = [
        line for line in difflib.unified_diff(generated, ours, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    removed = [l for l in changes if l.startswith("-")]
    added = [l[1:] for l in changes if l.startswith("+")]
    assert [l for l in removed if not l.startswith("-SECRET_KEY")] == []
    assert added[1:3] == ["    'hello',", "    'hello.middleware.TraceMiddleware',"]
    assert added[0].startswith("SECRET_KEY = ") and "LOGGING = {" in added


def test_besides_python_files_the_project_has_only_the_hello_template():
    others = {
        p.relative_to(MYSITE).as_posix() for p in MYSITE.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and p.name != "db.sqlite3"
    }
    assert others == {"hello/templates/hello/page.html"}


def test_urls_route_the_hello_views_and_name_the_error_handlers():
    """What docs/about.md says mysite/urls.py routes; the views exist and are importable."""
    program = (
        "import django; django.setup()\n"
        "from django.urls import get_resolver\n"
        "resolver = get_resolver()\n"
        "for p in resolver.url_patterns:\n"
        "    print(str(p.pattern) or '/', getattr(p, 'lookup_str', 'include'))\n"
        "for code in (404, 500):\n"
        "    h = resolver.resolve_error_handler(code)\n"
        "    print(code, h.__module__ + '.' + h.__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=MYSITE, capture_output=True, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "mysite.settings"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "/ hello.views.index",
        "page/ hello.views.page",
        "boom/ hello.views.boom",
        "forgetful/ hello.views.forgetful",
        "admin/ include",
        "404 hello.views.not_found",
        "500 hello.views.server_error",
    ]
