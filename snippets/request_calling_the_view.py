"""Calling the view: the transaction ATOMIC_REQUESTS wraps it in, the check on what it
returns, and the database connection closed when the request is finished.

    python snippets/request_calling_the_view.py

Serves the example project with ATOMIC_REQUESTS turned on for its database (a fresh
SQLite file in a temporary folder), and with the views of this file, which each insert a
row and then fail if asked to. The last request goes to the example project's
`forgetful` view, which returns None.
"""

import queue
import sys
import tempfile
from pathlib import Path

from django.core.signals import got_request_exception, request_finished
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path

from support.client import get
from support.devserver import serving  # first: it puts the example project on the path

import mysite.settings  # noqa: E402
from hello import views  # noqa: E402

log = []


def say(line):
    log.append(line)
    print(line)


folder = tempfile.TemporaryDirectory()
# --8<-- [start:settings]
# The example project's settings, before Django reads them: every view in a transaction.
mysite.settings.DATABASES["default"].update(NAME=Path(folder.name) / "notes.sqlite3", ATOMIC_REQUESTS=True)
# --8<-- [end:settings]


# --8<-- [start:views]
def add(request, text):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO note (text) VALUES (%s)", [text])
    say(f"  view inserted {text!r}; in a transaction: {connection.in_atomic_block}")
    if request.GET.get("fail") == "yes":
        raise RuntimeError("failed after the insert")
    return HttpResponse(f"added {text}\n")


@transaction.non_atomic_requests
def add_outside(request, text):
    return add(request, text)


urlpatterns = [
    path("add/<str:text>/", add),
    path("add-outside/<str:text>/", add_outside),
    path("forgetful/", views.forgetful),
]
# --8<-- [end:views]
finished = queue.Queue()


def on_got_request_exception(sender, request, **kwargs):
    say(f"  got_request_exception: {sys.exc_info()[1]!r}")


def on_request_finished(sender, **kwargs):  # connected after Django's own receivers
    say(f"  request_finished: this thread's database connection is closed: {connection.connection is None}")
    finished.put(True)


got_request_exception.connect(on_got_request_exception)
request_finished.connect(on_request_finished)

with serving(ROOT_URLCONF=__name__) as port:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE note (text TEXT)")
    for url in ("/add/one/", "/add/two/?fail=yes", "/add-outside/three/?fail=yes", "/forgetful/"):
        say(f"-- GET {url}")
        response, body = get(port, url)
        finished.get(timeout=30)  # the server has finished with the request
        say(f"  client: {response.status} {response.reason}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM note")
        rows = [text for (text,) in cursor.fetchall()]
    say(f"rows in the table: {rows}")
connection.close()
folder.cleanup()

requests = "\n".join(log).split("-- GET ")[1:]
# Under ATOMIC_REQUESTS the view runs in a transaction: its insert is rolled back when
# it raises. A view marked non_atomic_requests runs in autocommit: its row stays.
assert rows == ["one", "three"]
assert "in a transaction: True" in requests[1] and "in a transaction: False" in requests[2]
# A view that returns None fails in check_response, after it has returned: a 500.
assert "didn't return an HttpResponse object. It returned None instead." in requests[3]
assert [r.splitlines()[-1] for r in requests[:3]] == [
    "  client: 200 OK", "  client: 500 Internal Server Error", "  client: 500 Internal Server Error",
]
assert "  client: 500 Internal Server Error" in requests[3]
# Each view opened a connection in its thread; request_finished closes it (CONN_MAX_AGE 0).
assert all("database connection is closed: True" in r for r in requests[:3])
