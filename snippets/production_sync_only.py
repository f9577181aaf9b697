"""SynchronousOnlyOperation: the ORM called from an async view, under real uvicorn, and where
the error does not apply.

    python snippets/production_sync_only.py

Creates the example project's database in a temporary folder (`manage.py migrate`), then
starts real uvicorn with the project's ASGI application on 127.0.0.1 and a port the
system picks, twice: as it is, and with DJANGO_ALLOW_ASYNC_UNSAFE set. Each time it asks
three views (support/async_views_urls.py) to count the users: an async view querying
directly, an async view querying through sync_to_async, and a sync view.
"""

import http.client
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from support.child_processes import dies_with_this_process
from support.server_process import ServerProcess

SNIPPETS = Path(__file__).resolve().parent
MYSITE = SNIPPETS / "mysite"
PATHS = ["/async/", "/async/sync-to-async/", "/sync/"]


def get(port, path):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", path)
    response = client.getresponse()
    body = response.read().decode()
    client.close()
    return response.status, body


# --8<-- [start:ask]
def ask_each_view(env, title):
    command = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", "0", "mysite.asgi:application"]
    with ServerProcess("uvicorn", command, ready=r"Uvicorn running on http://127\.0\.0\.1:(\d+)",
                       cwd=MYSITE, env=env) as uvicorn:
        answers = {path: get(uvicorn.port, path) for path in PATHS}
    # --8<-- [end:ask]
    print(f"$ {title}uvicorn mysite.asgi:application")
    for path, (status, body) in answers.items():
        print(f"  GET {path}\n      {status} {body}")
    print()
    return answers


with tempfile.TemporaryDirectory() as folder:
    env = {
        "DJANGO_SETTINGS_MODULE": "support.async_views_settings",
        "PYTHONPATH": str(SNIPPETS),
        "SNIPPET_DATABASE": str(Path(folder) / "db.sqlite3"),
    }
    migrate = subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=MYSITE,
                             env={**os.environ, **env}, capture_output=True, text=True,
                             preexec_fn=dies_with_this_process(), timeout=120)
    assert migrate.returncode == 0, f"manage.py migrate failed:\n{migrate.stderr}"
    plain = ask_each_view(env, "")
    unsafe = ask_each_view({**env, "DJANGO_ALLOW_ASYNC_UNSAFE": "true"}, "DJANGO_ALLOW_ASYNC_UNSAFE=true ")

ERROR = ("SynchronousOnlyOperation: You cannot call this from an async context - "
         "use a thread or sync_to_async.")
IN_A_THREAD = (200, "0 users (no event loop in this thread)")
assert plain["/async/"] == (200, ERROR)
assert plain["/async/sync-to-async/"] == plain["/sync/"] == IN_A_THREAD
# The switch only skips the check: the query then runs on the event loop's own thread.
assert unsafe["/async/"] == (200, "0 users (an event loop runs in this thread)")
assert unsafe["/async/sync-to-async/"] == unsafe["/sync/"] == IN_A_THREAD
