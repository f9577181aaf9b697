"""Every call tree a page shows (calltrees/*.md) is what a fresh recording produces."""

from scripts import call_tree


def test_every_call_tree_matches_a_fresh_recording(project_root):
    specs = call_tree.load_specs(project_root)
    problems = [p for s in specs if (p := call_tree.problem(s, project_root))]
    assert not problems, "\n\n".join(problems)
