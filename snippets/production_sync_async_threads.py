"""Which thread and which event loop run an async view under gunicorn, and a sync view
under uvicorn.

    python snippets/production_sync_async_threads.py

Starts real gunicorn (one sync worker) and then real uvicorn on the example project, on
127.0.0.1 and a port the system picks, with the seven middleware of `startproject` and
one sync-only middleware above them, ThreadWitness, which notes the thread it saw the
request in (support/sync_async_settings.py, support/sync_async_urls.py). To each it sends
two GETs to an async view and two to a sync view, one after the other; each view answers
with its process, its thread, and the event loop running in that thread, numbered in the
order the process first saw it.
"""

import json
import sys
from pathlib import Path

from support.client import get
from support.server_process import ServerProcess

SNIPPETS = Path(__file__).resolve().parent
MYSITE = SNIPPETS / "mysite"
ENV = {"DJANGO_SETTINGS_MODULE": "support.sync_async_settings", "PYTHONPATH": str(SNIPPETS),
       "SNIPPET_EXTRA_MIDDLEWARE": "support.sync_async_urls.ThreadWitness"}
SERVERS = {
    "gunicorn --workers 1 mysite.wsgi": (
        [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "--workers", "1", "mysite.wsgi"],
        r"Listening at: http://127\.0\.0\.1:(\d+)"),
    "uvicorn mysite.asgi:application": (
        [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", "0", "mysite.asgi:application"],
        r"Uvicorn running on http://127\.0\.0\.1:(\d+)"),
}
PATHS = ["/where/async/", "/where/async/", "/where/sync/", "/where/sync/"]


def get_json(port, path):
    response, body = get(port, path)
    assert response.status == 200, (path, response.status, body[:300])
    return json.loads(body)


def show(title, answers):
    """Print the answers with threads named by role: the main thread, or thread 1, 2, ...
    in the order they first appear (thread names are unique within a process)."""
    names = {"MainThread": "the main thread"}
    label = lambda name: names.setdefault(name, f"thread {len(names)}")  # noqa: E731
    print(f"$ {title}")
    for path, answer in answers:
        loop = f"event loop {answer['loop']}" if answer["loop"] else "no event loop"
        print(f"  GET {path:14} ThreadWitness in {label(answer['middleware thread'])};")
        print(f"  {'':18} the view in {label(answer['view thread'])}, {loop}")
    print()


results = {}
# --8<-- [start:ask]
for title, (command, ready) in SERVERS.items():
    with ServerProcess(title.split()[0], command, ready, cwd=MYSITE, env=ENV) as srv:
        answers = [(path, get_json(srv.port, path)) for path in PATHS]  # one at a time
    # --8<-- [end:ask]
    results[title] = answers
    show(title, answers)

(a1, a2, s1, s2) = (answer for _, answer in results["gunicorn --workers 1 mysite.wsgi"])
assert len({a["pid"] for a in (a1, a2, s1, s2)}) == 1  # one worker served all four
# Under WSGI the chain is sync: the middleware runs in the thread gunicorn called Django in.
assert {a["middleware thread"] for a in (a1, a2, s1, s2)} == {"MainThread"}
# The async view: async_to_sync runs it in a new thread, in a new event loop, per request.
assert a1["view thread"] != a2["view thread"] and "MainThread" not in (a1["view thread"], a2["view thread"])
assert (a1["loop"], a2["loop"]) == (1, 2)
# The sync view: called right there, no loop.
assert s1["view thread"] == s2["view thread"] == "MainThread" and s1["loop"] is s2["loop"] is None

(a1, a2, s1, s2) = (answer for _, answer in results["uvicorn mysite.asgi:application"])
# The async view runs on the server's event loop, the same one for every request...
assert a1["view thread"] == a2["view thread"] == "MainThread" and a1["loop"] == a2["loop"] == 1
# ...and the sync-only middleware, adapted with sync_to_async, in a thread that is not the loop's.
assert "MainThread" not in (a1["middleware thread"], a2["middleware thread"])
# The sync view: in a thread without a loop, the same thread as the request's sync
# middleware, and another thread for the next request.
for s in (s1, s2):
    assert s["view thread"] == s["middleware thread"] != "MainThread" and s["loop"] is None
assert s1["view thread"] != s2["view thread"]
