"""A gunicorn configuration file whose `post_worker_init` hook reports, from each worker
once it has loaded the application, the database connection the worker holds: whether it
is the very object the module imported at `--preload` time opened (in the master), and
the worker's file descriptors open on the database file; then it runs one query and
reports the same again.

    gunicorn -c snippets/support/gunicorn_connection_report.py --preload support.query_at_import_wsgi

The report is one line of JSON on gunicorn's log, after `[worker]`.
"""

import json
import os
import sys


def held():
    from django.db import connection

    from support.open_files import descriptors_open_on

    imported = sys.modules["support.query_at_import_wsgi"]
    return {
        "connection": id(connection.connection) if connection.connection else None,
        "the imported one": connection.connection is imported.OPENED,
        "fds": descriptors_open_on(connection.settings_dict["NAME"]),
    }


def post_worker_init(worker):
    from django.db import connection

    before = held()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    worker.log.info("[worker] " + json.dumps({"pid": os.getpid(), **before, "after a query": held()}))
