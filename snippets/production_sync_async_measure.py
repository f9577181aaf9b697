"""Do async views help under gunicorn? Twenty requests at once to a view that waits on I/O,
under gunicorn's sync worker, gunicorn's gthread worker and uvicorn, counted and timed.

    python snippets/production_sync_async_concurrency.py

Starts each server once, on 127.0.0.1 and a port the system picks, with one worker
process, serving the example project with the seven middleware of `startproject`
(support/sync_async_settings.py). To each, it sends 20 requests at once
(support/simultaneous_requests.py) to an async view that awaits `asyncio.sleep(0.1)`, then
20 to a sync view that calls `time.sleep(0.1)` (support/sync_async_urls.py). Each view
counts the requests in flight, so the most that were in the view at the same time is
exact, and asserted: 1 for the sync worker, the thread count for gthread, all 20 under
uvicorn. The wall times are printed; the asserts on them are only what the page's
conclusion rests on, with wide margins.

Then it measures what adapting the middleware chain costs per request: two ASGIHandlers
built in this process (support/asgi_in_process.py calls them as a server would, without
the network, whose share would hide the difference), one with the seven middleware (none
adapted), one with a sync-only middleware above them (two switches of thread per
request), each asked one request at a time, in alternating rounds.
"""

import asyncio
import http.client
import json
import logging
import os
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from support.asgi_in_process import asgi_get
from support.server_process import ServerProcess
from support.simultaneous_requests import simultaneous_gets

SNIPPETS = Path(__file__).resolve().parent
MYSITE = SNIPPETS / "mysite"
ENV = {"DJANGO_SETTINGS_MODULE": "support.sync_async_settings", "PYTHONPATH": str(SNIPPETS)}
REQUESTS, WAIT, THREADS = 20, 0.1, 4
GUNICORN_READY = r"Listening at: http://127\.0\.0\.1:(\d+)"
UVICORN_READY = r"Uvicorn running on http://127\.0\.0\.1:(\d+)"

# --8<-- [start:servers]
SERVERS = {
    "gunicorn, sync worker": (
        [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "--workers", "1",
         "mysite.wsgi"],
        GUNICORN_READY),
    f"gunicorn, gthread, {THREADS} threads": (
        [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "--workers", "1",
         "--threads", str(THREADS), "mysite.wsgi"],
        GUNICORN_READY),
    "uvicorn": (
        [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", "0",
         "mysite.asgi:application"],
        UVICORN_READY),
}
VIEWS = {"async, asyncio.sleep": "/wait/async/", "sync, time.sleep": "/wait/sync/"}
# --8<-- [end:servers]


def get_json(client, path):
    client.request("GET", path)
    response = client.getresponse()
    body = response.read()
    assert response.status == 200, (path, response.status, body[:300])
    return json.loads(body)


def start(stack, name, command, ready, env=ENV):
    return stack.enter_context(ServerProcess(name, command, ready=ready, cwd=MYSITE, env=env))


# --8<-- [start:measure]
def measure(port, path):
    """Most requests in the view at once, and the seconds until all were answered."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    get_json(client, f"{path}?seconds=0")  # so that nothing is imported during the run
    get_json(client, "/in-flight/")  # and the count starts from here
    client.close()
    statuses, _, seconds = simultaneous_gets(port, f"{path}?seconds={WAIT}", REQUESTS)
    assert statuses == [200] * REQUESTS
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    most = get_json(client, "/in-flight/")["most in flight"]
    client.close()
    return most, seconds
# --8<-- [end:measure]


results = {}
for server, (command, ready) in SERVERS.items():
    with ExitStack() as stack:
        port = start(stack, server.split(",")[0], command, ready).port
        for view, path in VIEWS.items():
            results[server, view] = measure(port, path)

print(f"{REQUESTS} requests at once, each waiting {WAIT} s, one worker process per server:")
print()
print(f"| server | view | most in flight at once | all {REQUESTS} answered in |")
print("|---|---|---|---|")
for (server, view), (most, seconds) in results.items():
    print(f"| {server} | {view} | {most} | {seconds:.2f} s |")
print()

sync_worker, gthread, uvicorn = SERVERS
for view in VIEWS:
    # Exact: what each server lets into the view at once.
    assert results[sync_worker, view][0] == 1
    assert results[gthread, view][0] == THREADS
    assert results[uvicorn, view][0] == REQUESTS
    # The waits of one sync worker add up, async view or not: at least 20 x 0.1 s.
    assert results[sync_worker, view][1] >= REQUESTS * WAIT
    assert results[gthread, view][1] >= REQUESTS / THREADS * WAIT
    # Wide margins: uvicorn answers all twenty in less than half the sync worker's time
    # (a twentieth, on an idle machine).
    assert results[uvicorn, view][1] < results[sync_worker, view][1] / 2
# The async view under the sync worker is no faster than the sync view there.
assert results[sync_worker, "async, asyncio.sleep"][1] >= REQUESTS * WAIT


# --8<-- [start:cost]
def per_request(handler, count):
    """Processor microseconds per request (this process, all its threads): ``count``
    GETs of the async view, one after another."""
    async def requests():
        for _ in range(count):
            status, _ = await asgi_get(handler, "/wait/async/", "seconds=0")
            assert status == 200

    start = time.process_time()  # the work done, not the wait for a busy processor
    asyncio.run(requests())
    return (time.process_time() - start) / count * 1e6
# --8<-- [end:cost]


import django  # noqa: E402 (the servers above set Django up in their own processes)
from django.core.handlers.asgi import ASGIHandler  # noqa: E402
from django.test import override_settings  # noqa: E402

sys.path.insert(0, str(MYSITE))
os.environ.update(ENV)
django.setup()
logging.getLogger("hello").setLevel(logging.WARNING)  # its line per signal would be most of the time
from django.conf import settings  # noqa: E402

CHAINS = {
    "the seven of startproject, none adapted": settings.MIDDLEWARE,
    "the same with a sync-only middleware above them": ["support.sync_async_urls.ThreadWitness",
                                                        *settings.MIDDLEWARE],
}
handlers = {}
for chain, middleware in CHAINS.items():
    with override_settings(MIDDLEWARE=middleware):
        handlers[chain] = ASGIHandler()
ROUNDS, COUNT = 5, 100
times = {chain: [] for chain in CHAINS}
for handler in handlers.values():
    per_request(handler, 20)  # warm up
for _ in range(ROUNDS):  # alternating, so that a busy moment of the machine slows both
    for chain, handler in handlers.items():
        times[chain].append(per_request(handler, COUNT))
cost = {chain: statistics.median(each) for chain, each in times.items()}

print(f"The ASGI handler called in this process, {ROUNDS} rounds of {COUNT} requests to the async")
print("view with no wait, one at a time, in processor time:")
print()
print("| MIDDLEWARE | per request (median of the rounds) |")
print("|---|---|")
for chain, microseconds in cost.items():
    print(f"| {chain} | {microseconds:.0f} µs |")

plain, adapted = cost.values()
# What the conclusion rests on, with wide margins: the adaptation costs a fraction of a
# millisecond, less than the chain itself, and nothing next to one 0.1 s wait.
assert adapted < plain * 2
assert adapted - plain < WAIT * 1e6 / 20
