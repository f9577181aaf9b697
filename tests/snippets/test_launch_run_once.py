"""snippets/launch_run_once.py: under the autoreloader ready() runs in two processes and the
RUN_MAIN guard skips the parent; with --noreload the one process does the work; a second
ready() in one process is skipped by the class's flag."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_the_work_runs_once_in_each_process_that_serves():
    run = run_snippet("snippets/launch_run_once.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    reloading, noreload, twice = run.stdout.split("-- ")[1:]
    assert reloading.count("ready() in") == 2
    assert "the process started, RUN_MAIN=None: the reloader's parent, which never serves: skipped" in reloading
    assert "the process that serves, RUN_MAIN='true': the work runs" in reloading
    assert noreload.count("ready() in") == 1 and "which serves, RUN_MAIN=None: the work runs" in noreload
    assert twice.count("the work runs") == 1 and twice.count("already done in this process: skipped") == 1
    # In the snippet's own process every app's ready() ran twice, the example project's too.
    # (The servers' consoles are read by the snippet, and only their ready() lines printed.)
    assert run.stderr.count("[hello] HelloConfig.ready()") == 2
