"""The call-tree engine: what it records, how it renders, and how a stale tree fails.

The walkthroughs' own trees are checked by tests of their pages; these tests drive the
engine with a tiny scenario in a temporary project so every rule is visible.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scripts import call_trees as call_tree, generate

SCENARIO = '''
from scripts.call_tree_recorder import Recorder, StopRecording

class Greeter:
    def greet(self, name):
        return helper(name) + helper(name) + helper(name)

def helper(name):
    return name.upper()

def noisy():
    return 1

def serve():
    raise AssertionError("recording should have stopped before this line")

def main():
    Greeter().greet("x")
    noisy()
    serve()

def run(rules):
    recorder = Recorder(rules, stop_at="tiny.serve")
    try:
        with recorder:
            main()
    except StopRecording:
        pass
    return recorder.tree()
'''


def problems(root: Path) -> list[str]:
    return generate.check(root, "calltrees").problems


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "calltrees").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "tiny.py").write_text(SCENARIO)
    (tmp_path / "calltrees" / "tiny.toml").write_text(textwrap.dedent('''
        scenario = "tiny"
        include = ["tiny.*"]
        exclude = ["tiny.noisy", "tiny.run"]
        [links]
        "tiny.Greeter.greet" = "#greeting"
    '''))
    (tmp_path / "docs" / "page.md").write_text('# Page\n\n--8<-- "calltrees/tiny.md"\n')
    return tmp_path


def test_records_selected_calls_folds_repeats_and_stops_where_told(project):
    [spec] = call_tree.load_specs(project)
    tree = call_tree.record_in_subprocess(spec, project)
    rendered = call_tree.render(spec, tree)
    assert "- `main` <span" in rendered
    assert "    - [`Greeter.greet`](#greeting) <span" in rendered
    assert "        - `helper` ×3 <span" in rendered
    assert "noisy" not in rendered
    assert "    - `serve` <span" in rendered  # recorded, then the run stopped


def test_missing_and_stale_trees_fail_with_a_diff_naming_the_page(project):
    [spec] = call_tree.load_specs(project)
    [message] = problems(project)
    assert message.startswith("calltrees/tiny.md is missing")
    fresh = call_tree.render(spec, call_tree.record_in_subprocess(spec, project))
    (project / spec.output_path).write_text(fresh)
    assert problems(project) == []
    (project / spec.output_path).write_text(fresh.replace("×3", "×2"))
    [message] = problems(project)
    assert message.startswith("calltrees/tiny.md is stale")
    assert "Pages that include it: docs/page.md:3" in message
    assert "-        - `helper` ×2" in message and "python -m scripts.generate update calltrees tiny" in message


def test_a_link_to_a_function_the_tree_lacks_is_an_error(project):
    config = project / "calltrees" / "tiny.toml"
    config.write_text(config.read_text() + '"tiny.vanished" = "#gone"\n')
    assert problems(project) == [
        "calltrees/tiny.toml:1: [links] names functions the recorded tree does not contain: ['tiny.vanished']"
    ]


def test_a_failing_scenario_is_an_error_naming_the_config(project):
    (project / "tiny.py").write_text("def run(rules):\n    raise RuntimeError('boom')\n")
    [message] = problems(project)
    assert message.startswith("calltrees/tiny.toml:1: recording with tiny failed")
    assert "RuntimeError: boom" in message


def test_unknown_config_key_is_an_error(project):
    (project / "calltrees" / "tiny.toml").write_text('scenario = "tiny"\npage = "p.md"\ninclude = []\n')
    [message] = problems(project)
    assert message.startswith("calltrees/tiny.toml:1: unknown keys ['page'], missing keys []")
