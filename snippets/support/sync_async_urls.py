"""Views that report where they run, for the page on sync and async code across servers.

- `/where/async/` and `/where/sync/` answer, as JSON, with the process, the thread the view
  ran in, and the event loop running there (numbered in the order this process first saw
  each loop), and the thread in which `ThreadWitness`, a sync-only middleware, saw the
  request when it is in `MIDDLEWARE`.
- `/wait/async/` and `/wait/sync/` wait on I/O for `?seconds=` (`asyncio.sleep` and
  `time.sleep`, the stand-ins for a slow backend) and count the requests in flight;
  `/in-flight/` answers with the most that were in flight at once since it last answered,
  and starts counting again.
- `/db/` waits until a second request is inside it too (a barrier: it needs two threads of
  one process), then queries the database and says which thread and which connection
  object ran the query.
"""

import asyncio
import os
import threading
import time

from django.db import connection, connections
from django.http import JsonResponse
from django.urls import path

_lock = threading.Lock()
_loops = []  # every loop a view ran in, kept alive so that no two share a number
_in_flight = {"now": 0, "most": 0}
_two_at_once = threading.Barrier(2, timeout=20)


def where(request, loop):
    if loop is not None:
        with _lock:
            if not any(seen is loop for seen in _loops):
                _loops.append(loop)
            loop = next(n for n, seen in enumerate(_loops, 1) if seen is loop)
    return JsonResponse({
        "pid": os.getpid(),
        "view thread": threading.current_thread().name,
        "loop": loop,
        "middleware thread": getattr(request, "witnessed_in", None),
    })


class ThreadWitness:
    """A sync-only middleware (no flags: `sync_capable = True`, `async_capable = False`)
    that notes the thread it sees the request in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.witnessed_in = threading.current_thread().name
        return self.get_response(request)


# --8<-- [start:where]
async def where_async(request):
    return where(request, loop=asyncio.get_running_loop())


def where_sync(request):
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None  # no event loop runs in this thread
    return where(request, loop)
# --8<-- [end:where]


def entering():
    with _lock:
        _in_flight["now"] += 1
        _in_flight["most"] = max(_in_flight["most"], _in_flight["now"])


def leaving():
    with _lock:
        _in_flight["now"] -= 1


# --8<-- [start:wait]
async def wait_async(request):
    entering()
    try:
        await asyncio.sleep(float(request.GET["seconds"]))  # the I/O: a slow API, say
    finally:
        leaving()
    return JsonResponse({"pid": os.getpid()})


def wait_sync(request):
    entering()
    try:
        time.sleep(float(request.GET["seconds"]))  # the same wait, blocking this thread
    finally:
        leaving()
    return JsonResponse({"pid": os.getpid()})
# --8<-- [end:wait]


def in_flight(request):
    with _lock:
        most, _in_flight["most"] = _in_flight["most"], 0
    return JsonResponse({"most in flight": most})


# --8<-- [start:db]
def query_two_at_once(request):
    _two_at_once.wait()  # returns once two requests are here, each in its own thread
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({
        "pid": os.getpid(),
        "thread": threading.current_thread().name,
        "wrapper": id(connections["default"]),  # this thread's DatabaseWrapper
    })
# --8<-- [end:db]


urlpatterns = [
    path("where/async/", where_async),
    path("where/sync/", where_sync),
    path("wait/async/", wait_async),
    path("wait/sync/", wait_sync),
    path("in-flight/", in_flight),
    path("db/", query_two_at_once),
]
