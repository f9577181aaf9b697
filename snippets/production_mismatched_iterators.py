"""A streaming response whose iterator does not match the server: an async iterator under
WSGI (gunicorn) and a sync iterator under ASGI (uvicorn). Django warns, then reads the
whole iterator before sending anything.

    python snippets/production_mismatched_iterators.py

Starts real gunicorn and then real uvicorn on the example project plus two streaming
views (support/streaming_urls.py: the same four lines, one every 0.4 s, from a sync
generator and from an async one), on 127.0.0.1 and a port the system picks. A client
reads each stream from each server and records when each line arrives; the snippet also
waits for the warning Django writes in the server's log.
"""

import sys
from pathlib import Path

from support.server_process import ServerProcess
from support.stream_timing import HELD_BACK, STREAMED, arrivals, describe

SNIPPETS = Path(__file__).resolve().parent
SITE = {"DJANGO_SETTINGS_MODULE": "support.streaming_settings", "PYTHONPATH": str(SNIPPETS)}
SERVERS = {
    "gunicorn (WSGI)": ([sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "mysite.wsgi"],
                        r"Listening at: http://127\.0\.0\.1:(\d+)"),
    "uvicorn (ASGI)": ([sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", "0",
                        "mysite.asgi:application"], r"Uvicorn running on http://127\.0\.0\.1:(\d+)"),
}
WARNING = r"StreamingHttpResponse must consume (a?synchronous) iterators in order to serve them (a?synchronously)"

# --8<-- [start:runs]
results, warnings = {}, {}
for name, (command, ready) in SERVERS.items():
    with ServerProcess(name.split()[0], command, ready=ready, cwd=SNIPPETS / "mysite", env=SITE) as server:
        for kind, path in (("sync iterator", "/stream/"), ("async iterator", "/stream/async/")):
            results[name, kind] = describe(arrivals(server.port, path)[1])
        warnings[name] = server.wait_for(WARNING, 30)[0]
# --8<-- [end:runs]

for (name, kind), result in results.items():
    print(f"{name:16} {kind:15} {result}")
print()
for name, warning in warnings.items():
    print(f"{name} logged: {warning}")

assert results["gunicorn (WSGI)", "sync iterator"] == results["uvicorn (ASGI)", "async iterator"] == STREAMED
assert results["gunicorn (WSGI)", "async iterator"] == results["uvicorn (ASGI)", "sync iterator"] == HELD_BACK
assert "consume asynchronous iterators in order to serve them synchronously" in warnings["gunicorn (WSGI)"]
assert "consume synchronous iterators in order to serve them asynchronously" in warnings["uvicorn (ASGI)"]
