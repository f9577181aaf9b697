"""snippets/launch_which_runserver.py: staticfiles' runserver is the one that runs."""

from scripts.snippet_runs import run_snippet


def test_the_which_runserver_snippet_runs_standalone_and_its_asserts_hold():
    run = run_snippet("snippets/launch_which_runserver.py")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "get_commands()['runserver'] = 'django.contrib.staticfiles'\n" in out
    assert "fetch_command('runserver') loads django.contrib.staticfiles.management.commands.runserver.Command\n" in out
    assert "  get_commands()['runserver'] = 'django.core'\n" in out
