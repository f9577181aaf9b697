"""When Django raises SynchronousOnlyOperation, and when the same call is allowed.

    python snippets/questions_async_unsafe.py

A standalone script with the example project's settings (no server). It opens a database
cursor, one of the calls Django marks async-unsafe, four ways: in a plain function, in a
coroutine run by an event loop, through asgiref's sync_to_async from that coroutine, and
in the coroutine again with DJANGO_ALLOW_ASYNC_UNSAFE set. It prints the thread of each
call and what happened, and checks that only the second one is refused.
"""

import asyncio
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "mysite"))
sys.stderr = sys.stdout  # one console, as in a terminal: the project logs to stderr
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")

import django
import mysite.settings

# An in-memory database, so that the example project's db.sqlite3 is not created.
mysite.settings.DATABASES["default"]["NAME"] = ":memory:"
django.setup()

# --8<-- [start:calls]
from asgiref.sync import sync_to_async
from django.core.exceptions import SynchronousOnlyOperation
from django.db import connection


def query():
    """A synchronous use of the ORM's connection: `connection.cursor()` is async-unsafe."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return f"{cursor.fetchone()[0]} (in {threading.current_thread().name})"


def attempt(label, call):
    try:
        print(f"{label}: {call()}")
        return "ran"
    except SynchronousOnlyOperation as exc:
        print(f"{label}: SynchronousOnlyOperation: {exc}")
        return "refused"


async def in_a_coroutine():
    inside = attempt("called in the coroutine       ", query)
    result = await sync_to_async(query)()
    print(f"through sync_to_async          : {result}")
    return inside


outcomes = [attempt("called in a plain function    ", query)]
print("-- an event loop runs the coroutine:")
outcomes.append(asyncio.run(in_a_coroutine()))
print("-- the same, with DJANGO_ALLOW_ASYNC_UNSAFE set:")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
outcomes.append(asyncio.run(in_a_coroutine()))
# --8<-- [end:calls]

del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
assert outcomes == ["ran", "refused", "ran"], outcomes
