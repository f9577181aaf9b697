"""snippets/production_gunicorn_preload_connection.py: with --preload, a connection the
master opened at import time is in every worker, same object and same descriptor; closed
at the end of the import, no worker holds one."""

from scripts.snippet_runs import run_snippet


def test_workers_inherit_the_masters_connection_unless_it_is_closed():
    run = run_snippet("snippets/production_gunicorn_preload_connection.py")
    assert run.returncode == 0, run.stderr
    inherited, fixed = run.stdout.split("\n\n")[:2]
    assert inherited.count("holds connection: A, the master's; fd on db.sqlite3: 3") == 2
    assert "  master    then connections.close_all(): no connection; fd on db.sqlite3: none" in fixed
    assert fixed.count("holds connection: none; fd on db.sqlite3: none") == 2
    assert inherited.count("after a query: A, the master's") == 2
    assert fixed.count("after a query: one of its own") == 2
