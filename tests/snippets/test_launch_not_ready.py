"""snippets/launch_not_ready.py: AppRegistryNotReady before django.setup(), none after."""

from scripts.snippet_runs import run_snippet


def test_the_not_ready_snippet_runs_standalone_and_its_asserts_hold():
    run = run_snippet("snippets/launch_not_ready.py")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "AppRegistryNotReady: Apps aren't loaded yet." in out
    assert "AppRegistryNotReady: Models aren't loaded yet." in out
    assert out.index("[hello] HelloConfig.ready()") < out.index("<class 'django.contrib.auth.models.User'>")
