"""Connecting a receiver once with dispatch_uid, and how send() and asend() run
asynchronous receivers (Django 5.0 and later).

    python snippets/request_signal_dispatch.py

Without a server first: a signal of this file gets a receiver connected the way code that
runs twice connects it (a new function each time), with and without `dispatch_uid`. Then
a signal with two plain receivers and two `async def` ones is sent with send() and with
asend(), and each receiver reports the thread it runs in and whether an event loop is
running there; the two async receivers wait for each other, which only works if they run
at the same time. Last, the example project is served (on 127.0.0.1, a port the system
picks) with an async receiver of request_started, and gets one GET.
"""

import asyncio
import threading

import django

from django.core.signals import request_started
from django.dispatch import Signal

from support.client import get
from support.devserver import serving

log = []
held = None  # while asend() runs: its lines, printed once it returns


def say(line):
    log.append(line)
    if held is not None:
        held.append(line)
    else:
        print(line)


def where():
    try:
        asyncio.get_running_loop()
        loop = "an event loop is running"
    except RuntimeError:
        loop = "no event loop"
    return f"thread {threading.current_thread().name!r}, {loop}"


# --8<-- [start:dispatch-uid]
order_paid = Signal()


def connect_receipt(dispatch_uid=None):
    """What a ready() that runs twice does: a new function object each time."""

    def send_receipt(sender, **kwargs):
        say(f"  send_receipt (dispatch_uid={dispatch_uid!r})")

    order_paid.connect(send_receipt, weak=False, dispatch_uid=dispatch_uid)


connect_receipt()
connect_receipt()  # a second function: a second receiver
connect_receipt(dispatch_uid="shop.send_receipt")
connect_receipt(dispatch_uid="shop.send_receipt")  # the same key: not connected again
# --8<-- [end:dispatch-uid]

say("-- order_paid.send()")
order_paid.send(sender=None)


# --8<-- [start:async-receivers]
ping = Signal()
both_started = {}  # per sending: an asyncio.Event, made in the loop that runs the receivers


def sync_one(sender, **kwargs):
    say(f"  sync_one:  {where()}")


def sync_two(sender, **kwargs):
    say(f"  sync_two:  {where()}")


async def async_one(sender, **kwargs):
    say(f"  async_one: {where()}; waits for async_two")
    await both_started.setdefault(asyncio.get_running_loop(), asyncio.Event()).wait()
    say("  async_one: async_two has run, so the two ran at the same time")


async def async_two(sender, **kwargs):
    say(f"  async_two: {where()}")
    both_started.setdefault(asyncio.get_running_loop(), asyncio.Event()).set()


for receiver in (async_one, sync_one, async_two, sync_two):  # connected in this order
    ping.connect(receiver)
# --8<-- [end:async-receivers]

# --8<-- [start:send]
say(f"-- ping.send(), called from {where()}")
ping.send(sender=None)


async def main():
    say(f"-- await ping.asend(), called from {where()}")
    await ping.asend(sender=None)


held = []  # asend()'s lines are printed once it returns (below)
asyncio.run(main())
# --8<-- [end:send]
# Before Django 6.1, asend() runs the sync receivers' thread and the async receivers at the
# same time, so the two groups' lines arrive in no fixed order: each group is printed whole,
# the sync one first (from Django 6.1 that is the order they ran in).
lines, held = held, None
print("\n".join([lines[0]] + [l for l in lines[1:] if l.startswith("  sync_")]
                 + [l for l in lines[1:] if not l.startswith("  sync_")]))


# --8<-- [start:request]
def sync_started(sender, **kwargs):
    say(f"  sync receiver of request_started:  {where()}")


async def async_started(sender, **kwargs):
    say(f"  async receiver of request_started: {where()}")


request_started.connect(async_started)
request_started.connect(sync_started)
with serving() as port:
    say("-- GET /")
    response, _ = get(port, "/")
    say(f"  client: {response.status}")
# --8<-- [end:request]

sections = [s.splitlines() for s in "\n".join(log).split("-- ")[1:]]
# dispatch_uid: two function objects without one, two receivers; with one, one receiver.
assert sections[0][1:] == ["  send_receipt (dispatch_uid=None)"] * 2 + ["  send_receipt (dispatch_uid='shop.send_receipt')"]
# send(): the sync receivers first, in the caller's thread; then the async ones, together,
# in an event loop that async_to_sync() runs for the call.
send = sections[1]
assert [line.split(":")[0].strip() for line in send[1:]] == ["sync_one", "sync_two", "async_one", "async_two", "async_one"]
assert send[1] == "  sync_one:  thread 'MainThread', no event loop"
assert "an event loop is running" in send[3] and "an event loop is running" in send[4]
# asend(): the sync receivers in a thread of sync_to_async()'s, away from the caller's loop;
# from Django 6.1 they run first, then the async ones in the caller's loop (before 6.1, the
# two groups run at the same time, so their lines interleave).
asend = sections[2]
order = [line.split(":")[0].strip() for line in asend[1:]]
sync_lines = [line for line in asend[1:] if line.strip().startswith("sync_")]
assert sync_lines and all("no event loop" in line and "MainThread" not in line for line in sync_lines)
assert any(line.startswith("  async_one: thread 'MainThread', an event loop is running; waits for async_two") for line in asend[1:])
if django.VERSION >= (6, 1):
    assert order == ["sync_one", "sync_two", "async_one", "async_two", "async_one"]
else:
    assert sorted(order) == sorted(["sync_one", "sync_two", "async_one", "async_two", "async_one"])
# Under runserver (WSGI), request_started is sent with send(): the async receiver runs
# in an event loop, outside the request's thread.
request = sections[3]
assert request[1].startswith("  sync receiver of request_started:  thread 'Thread-") and "no event loop" in request[1]
assert request[2].startswith("  async receiver of request_started: thread 'ThreadPoolExecutor-")
assert "an event loop is running" in request[2] and request[-1] == "  client: 200"
