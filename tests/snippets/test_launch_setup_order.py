"""snippets/launch_setup_order.py: settings, then the app registry's three phases, in order."""

from scripts.snippet_runs import run_snippet


def test_the_setup_order_snippet_runs_standalone_and_its_asserts_hold(django_series):
    run = run_snippet("snippets/launch_setup_order.py")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    order = ["import mysite.settings", "phase 1", "import hello.apps", "phase 2",
             "import django.contrib.auth.models", "phase 3", "HelloConfig.ready()", django_series.release]
    assert [out.index(step) for step in order] == sorted(out.index(step) for step in order)
