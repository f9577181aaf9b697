"""The call-tree engine's ``imports`` and ``root`` options, which the launch trees rely on.

Launching Django imports hundreds of modules, and their bodies call registration
functions, decorators and constructors at import time. With ``imports`` set, those calls
are left out, except in the modules it names, whose import becomes a ``<module>`` node.
Without the key, the engine behaves as before (tests/test_call_tree.py).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scripts import call_trees as call_tree

LIBRARY = '''
def register(fn):
    return fn

@register
def used_at_import_time():
    return 1
'''

PROJECT_MODULE = '''
import lib

def build():
    return lib.used_at_import_time()

built = build()
'''

SCENARIO = '''
import importlib
from scripts.call_tree_recorder import Recorder

def main():
    importlib.import_module("lib")
    importlib.import_module("project")

def run(rules):
    with Recorder(rules) as recorder:
        main()
    return recorder.tree()
'''


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "calltrees").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "lib.py").write_text(LIBRARY)
    (tmp_path / "project.py").write_text(PROJECT_MODULE)
    (tmp_path / "scenario.py").write_text(SCENARIO)
    return tmp_path


def configure(project: Path, extra: str = "") -> call_tree.TreeSpec:
    (project / "calltrees" / "tiny.toml").write_text(textwrap.dedent('''
        scenario = "scenario"
        include = ["scenario.main", "lib.*", "project.*"]
    ''') + extra)
    [spec] = call_tree.load_specs(project)
    return spec


def rendered_names(project: Path, spec: call_tree.TreeSpec) -> list[str]:
    tree = call_tree.record_in_subprocess(spec, project)
    lines = call_tree.render(spec, tree).splitlines()
    return [line.split(" <span")[0] for line in lines if line.lstrip().startswith("- ")]


def test_without_imports_calls_made_at_import_time_hang_under_the_caller(project):
    assert rendered_names(project, configure(project)) == [
        "- `main`",
        "    - `register`",
        "    - `build`",
        "        - `used_at_import_time`",
    ]


def test_with_imports_only_the_named_modules_imports_are_shown(project):
    assert rendered_names(project, configure(project, 'imports = ["project"]\n')) == [
        "- `main`",
        "    - `<module>`",
        "        - `build`",
        "            - `used_at_import_time`",
    ]


def test_with_an_empty_imports_list_every_import_time_call_is_left_out(project):
    assert rendered_names(project, configure(project, "imports = []\n")) == ["- `main`"]


ROOTED_SCENARIO = '''
from scripts.call_tree_recorder import Recorder

def inner():
    return leaf()

def leaf():
    return 1

def outer():
    leaf()
    inner()

def run(rules):
    with Recorder(rules) as recorder:
        outer()
    return recorder.tree()
'''


def test_with_root_only_the_calls_inside_that_function_are_recorded(tmp_path):
    """``root`` cuts one long recording into trees of readable depth (the launch has two)."""
    (tmp_path / "calltrees").mkdir()
    (tmp_path / "rooted.py").write_text(ROOTED_SCENARIO)
    (tmp_path / "calltrees" / "tiny.toml").write_text(
        'scenario = "rooted"\ninclude = ["rooted.*"]\nexclude = ["rooted.run"]\n'
        'root = "rooted.inner"\n'
    )
    [spec] = call_tree.load_specs(tmp_path)
    assert rendered_names(tmp_path, spec) == ["- `inner`", "    - `leaf`"]
