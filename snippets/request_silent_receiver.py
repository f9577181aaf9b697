"""Signal receivers that are never called, and why: a receiver nothing else refers to,
and a receiver waiting for a sender that never sends.

    python snippets/request_silent_receiver.py

Connects five receivers, then serves the example project and sends three requests:
/boom/, whose view raises; a URL no view matches; and a static file of the admin app,
which runserver serves itself. Two receivers report every signal with its sender; the
other three are the ones that stay silent.
"""

import queue

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception, request_finished, request_started

from support.client import get
from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


def sender_name(sender):
    return getattr(sender, "__name__", repr(sender))


def report(signal_name):
    def receiver(sender, **kwargs):
        say(f"  {signal_name} (sender: {sender_name(sender)})")

    return receiver


# --8<-- [start:connect]
def connect_in_a_function():
    def on_request_started(sender, **kwargs):
        say("  the receiver connected in a function")

    request_started.connect(on_request_started)  # weak=True: Django keeps a weak reference


def on_exception_from_the_handler(sender, **kwargs):
    say("  the got_request_exception receiver for sender=WSGIHandler")


def on_finished_from_the_handler(sender, **kwargs):
    say("  the request_finished receiver for sender=WSGIHandler")


connect_in_a_function()  # when it returns, nothing refers to its receiver any more
got_request_exception.connect(on_exception_from_the_handler, sender=WSGIHandler)
request_finished.connect(on_finished_from_the_handler, sender=WSGIHandler)

reporters = [report(name) for name in ("request_started", "got_request_exception", "request_finished")]
for signal, reporter in zip((request_started, got_request_exception, request_finished), reporters):
    signal.connect(reporter)  # the list `reporters` keeps them alive
# --8<-- [end:connect]

finished = queue.Queue()
request_finished.connect(lambda sender, **kwargs: finished.put(True), weak=False)  # connected last: runs last

with serving() as port:
    for path in ("/boom/", "/nowhere/", "/static/admin/css/base.css"):
        say(f"-- GET {path}")
        response, body = get(port, path)
        finished.get(timeout=30)  # the server has finished with the request
        say(f"  client: {response.status} {response.reason}")


def requests():
    marks = [i for i, line in enumerate(log) if line.startswith("-- ")] + [len(log)]
    return [[line.strip() for line in log[a + 1 : b]] for a, b in zip(marks, marks[1:])]


boom, nowhere, static = requests()
# The receiver connected in a function was garbage-collected when the function returned.
assert not any("connected in a function" in line for line in log)
# got_request_exception is sent with sender=None: a receiver for another sender never runs.
assert "got_request_exception (sender: None)" in boom
assert not any("got_request_exception receiver for sender=WSGIHandler" in line for line in log)
# A 404 is not an uncaught exception: no got_request_exception at all.
assert not any("got_request_exception" in line for line in nowhere)
# request_started and request_finished name the handler class. Under runserver a static
# file is served by StaticFilesHandler: a receiver for sender=WSGIHandler misses it.
assert boom[0] == "request_started (sender: WSGIHandler)"
assert static[:2] == ["request_started (sender: StaticFilesHandler)", "request_finished (sender: StaticFilesHandler)"]
assert "the request_finished receiver for sender=WSGIHandler" in boom
assert "the request_finished receiver for sender=WSGIHandler" not in static
