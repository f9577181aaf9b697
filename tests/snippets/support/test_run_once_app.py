"""snippets/support/run_once_app.py: which process the RUN_MAIN guard takes for the reloader's
parent (launch_run_once.py runs it for real, under runserver)."""

import pytest

from tests.support_modules import load

run_once_app = load("run_once_app")


@pytest.mark.parametrize(
    ("argv", "run_main", "parent"),
    [
        (["manage.py", "runserver", "127.0.0.1:0"], None, True),  # the reloader's parent
        (["manage.py", "runserver", "127.0.0.1:0"], "true", False),  # its child, which serves
        (["manage.py", "runserver", "--noreload"], None, False),  # one process, which serves
        (["gunicorn", "mysite.wsgi"], None, False),  # another server
        (["manage.py", "migrate"], None, False),  # another command
    ],
)
def test_only_runserver_with_the_reloader_and_no_run_main_is_the_parent(monkeypatch, argv, run_main, parent):
    monkeypatch.setattr(run_once_app.sys, "argv", argv)
    if run_main is None:
        monkeypatch.delenv("RUN_MAIN", raising=False)
    else:
        monkeypatch.setenv("RUN_MAIN", run_main)
    assert run_once_app.in_the_reloaders_parent() is parent
