"""The example project's URLs plus `/stream/`: a StreamingHttpResponse that a slow producer
writes, for the snippets that watch a stream cross a proxy or a server
(support/streaming_settings.py selects this URLconf).

The views yield `CHUNKS` lines, one every `INTERVAL` seconds: the pause is the workload, a producer slower than the network, so a
client can see whether each line reaches it when it is produced or only at the end. Each
line says when it was produced, on the system's monotonic clock, which every process on
the machine shares. `?accel=off` adds the `X-Accel-Buffering: no` header, nginx's
per-response switch for proxy buffering. `/stream/async/` is the same stream from an
asynchronous iterator (the view itself is a plain function: the iterator decides).
`/stream/endless/` and `/stream/endless/async/` go on until the client leaves, and then
print what stopped them.
"""

import asyncio
import time

from django.http import StreamingHttpResponse
from django.urls import path

from mysite.urls import urlpatterns as project_urlpatterns

CHUNKS = 4
INTERVAL = 0.4  # seconds between two lines: the producer's pace


# --8<-- [start:view]
def stream(request):
    def lines():
        for number in range(1, CHUNKS + 1):
            if number > 1:
                time.sleep(INTERVAL)  # a slow producer: a query, a render, a remote call
            yield f"line {number} produced at {time.monotonic():.3f}\n"

    response = StreamingHttpResponse(lines(), content_type="text/plain")
    if request.GET.get("accel") == "off":
        response["X-Accel-Buffering"] = "no"  # nginx: do not buffer this response
    return response
# --8<-- [end:view]


# --8<-- [start:async-view]
def async_stream(request):
    async def lines():
        for number in range(1, CHUNKS + 1):
            if number > 1:
                await asyncio.sleep(INTERVAL)  # the same slow producer, awaiting
            yield f"line {number} produced at {time.monotonic():.3f}\n"

    return StreamingHttpResponse(lines(), content_type="text/plain")
# --8<-- [end:async-view]


# --8<-- [start:until-the-client-leaves]
def endless(request):
    """Lines until the client goes away; then it says what stopped it, and after which line."""
    def lines():
        number = 0
        try:
            while True:
                number += 1
                yield f"line {number} produced at {time.monotonic():.3f}\n"
                time.sleep(INTERVAL)
        except BaseException as stopped:  # GeneratorExit, CancelledError, ...: whatever ends it
            print(f"the sync generator stopped after line {number}: {type(stopped).__name__}", flush=True)
            raise

    return StreamingHttpResponse(lines(), content_type="text/plain")


def endless_async(request):
    async def lines():
        number = 0
        try:
            while True:
                number += 1
                yield f"line {number} produced at {time.monotonic():.3f}\n"
                await asyncio.sleep(INTERVAL)
        except BaseException as stopped:
            print(f"the async generator stopped after line {number}: {type(stopped).__name__}", flush=True)
            raise

    return StreamingHttpResponse(lines(), content_type="text/plain")
# --8<-- [end:until-the-client-leaves]


urlpatterns = [
    *project_urlpatterns,
    path("stream/", stream),
    path("stream/async/", async_stream),
    path("stream/endless/", endless),
    path("stream/endless/async/", endless_async),
]
