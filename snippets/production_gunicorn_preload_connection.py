"""What a fork shares: a database connection opened in gunicorn's master with --preload is
inherited by every worker, and closing it before the fork fixes that.

    python snippets/production_gunicorn_preload_connection.py

Starts real gunicorn twice with two workers and --preload (on 127.0.0.1, a port the
system picks, the database in a temporary folder), serving a wsgi module that runs a query
at import time (support/query_at_import_wsgi.py): first as it is, then with
`connections.close_all()` at the end of the import (support/query_at_import_closed_wsgi.py).
The master says which connection it opened and its file descriptor on the database file;
each worker, from gunicorn's post_worker_init hook (support/gunicorn_connection_report.py),
says which connection it holds and its descriptors on that file, before and after a query.
"""

import json
import re
import sys
import tempfile
from pathlib import Path

from support.server_process import ServerProcess

SNIPPETS = Path(__file__).resolve().parent
MYSITE = SNIPPETS / "mysite"
REPORT = re.compile(r"\[(import|closed|worker)\] (\{.*\})$")


def run(module, folder):
    env = {"DJANGO_SETTINGS_MODULE": "support.sync_async_settings", "PYTHONPATH": str(SNIPPETS),
           "SNIPPET_DATABASE": str(Path(folder) / "db.sqlite3")}
    # --8<-- [start:command]
    command = [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0",
               "--workers", "2", "--preload",
               "-c", str(SNIPPETS / "support" / "gunicorn_connection_report.py"),
               module]
    # --8<-- [end:command]
    with ServerProcess("gunicorn", command, ready=r"Listening at: http://127\.0\.0\.1:(\d+)",
                       cwd=MYSITE, env=env) as gunicorn:
        for _ in range(2):
            gunicorn.wait_for(r"\[worker\] ", 60)
        master = gunicorn.pid
    reports = [(m[1], json.loads(m[2])) for line in gunicorn.log if (m := REPORT.search(line))]
    return master, reports


def held(report):
    if report["connection"] is None:
        return "none"
    return "A, the master's" if report["the imported one"] else "one of its own"


def show(title, master, reports):
    print(f"$ gunicorn --workers 2 --preload {title}")
    workers = 0
    for kind, report in reports:
        assert (report["pid"] == master) == (kind != "worker")
        who = "master  " if kind != "worker" else f"worker {(workers := workers + 1)}"
        fds = ", ".join(map(str, report["fds"])) or "none"
        if kind == "import":
            print(f"  {who}  a query at import: opened connection A; fd on db.sqlite3: {fds}")
        elif kind == "closed":
            print(f"  {who}  then connections.close_all(): no connection; fd on db.sqlite3: {fds}")
        else:
            print(f"  {who}  holds connection: {held(report)}; fd on db.sqlite3: {fds}")
            after = report["after a query"]
            print(f"  {'':8}  after a query: {held(after)}; fd on db.sqlite3: {', '.join(map(str, after['fds']))}")
    print()


with tempfile.TemporaryDirectory() as folder:
    master, reports = run("support.query_at_import_wsgi", folder)
show("support.query_at_import_wsgi", master, reports)
(_, imported), *workers = reports
assert len(workers) == 2 and imported["fds"]
for kind, worker in workers:
    # The very object the master created, and the same descriptor, open on the same file.
    assert kind == "worker" and worker["the imported one"] and worker["connection"] == imported["connection"]
    assert worker["fds"] == imported["fds"]
    # A query in the worker runs on it.
    assert worker["after a query"] == {key: worker[key] for key in ("connection", "the imported one", "fds")}

with tempfile.TemporaryDirectory() as folder:
    master, reports = run("support.query_at_import_closed_wsgi", folder)
show("support.query_at_import_closed_wsgi", master, reports)
(_, imported), (_, closed), *workers = reports
assert imported["fds"] and closed == {"pid": master, "connection": None, "fds": []}
for kind, worker in workers:
    assert kind == "worker" and worker["connection"] is None and worker["fds"] == []
    # Its first query opens a connection of its own.
    assert not worker["after a query"]["the imported one"] and worker["after a query"]["fds"]
