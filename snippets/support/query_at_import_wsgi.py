"""The example project's wsgi.py, plus a query at import time, as some projects run one
(to warm a cache, or read a setting from the database), for the page on what a fork
shares.

    gunicorn --preload support.query_at_import_wsgi

With `--preload` gunicorn imports this module in the master, before it forks: the
connection the query opens is then in the master's memory, with its file descriptor, and
every worker starts as a copy of it. The module prints, on one line, which process opened
which connection and the file descriptors open on the database file; `OPENED` keeps the
connection object, so that a worker can compare its own with it
(support/gunicorn_connection_report.py).
"""

import json
import os

from django.db import connection

from mysite.wsgi import application  # noqa: F401 (what gunicorn serves)
from support.open_files import descriptors_open_on

# --8<-- [start:query]
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM sqlite_master")  # a query at import time
# --8<-- [end:query]
OPENED = connection.connection  # the sqlite3.Connection that query opened, in this process
print("[import] " + json.dumps({"pid": os.getpid(), "connection": id(OPENED),
                                "fds": descriptors_open_on(connection.settings_dict["NAME"])}), flush=True)
