"""support/query_at_import_wsgi.py with the fix: the connection closed before gunicorn
forks.

    gunicorn --preload support.query_at_import_closed_wsgi

The same query at import time, then `connections.close_all()` at the end of the import,
still in the master: there is no connection left for a worker to inherit, and each worker
opens its own at its first query.
"""

import json
import os

from django.db import connection, connections

from support.open_files import descriptors_open_on
from support.query_at_import_wsgi import application  # noqa: F401 (the same import, the same query)

# --8<-- [start:fix]
connections.close_all()  # in the master, before any fork: nothing left to inherit
# --8<-- [end:fix]
print("[closed] " + json.dumps({"pid": os.getpid(), "connection": connection.connection,
                                "fds": descriptors_open_on(connection.settings_dict["NAME"])}), flush=True)
