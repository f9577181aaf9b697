"""Three views that count the project's users, for the snippet on SynchronousOnlyOperation:
an async view that queries the database directly, one that does it through
`sync_to_async`, and a plain sync view. Each answers with what happened, as text.
"""

import asyncio

from asgiref.sync import sync_to_async
from django.contrib.auth.models import User
from django.core.exceptions import SynchronousOnlyOperation
from django.http import HttpResponse
from django.urls import path


def event_loop_here():
    """What Django's check looks at: is an event loop running in this thread?"""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return "no event loop in this thread"
    return "an event loop runs in this thread"


# --8<-- [start:views]
async def orm_in_async_view(request):
    try:
        count = User.objects.count()  # a query, called on the event loop's thread
    except SynchronousOnlyOperation as error:
        return HttpResponse(f"SynchronousOnlyOperation: {error}")
    return HttpResponse(f"{count} users ({event_loop_here()})")


async def orm_through_sync_to_async(request):
    def count_users():
        return f"{User.objects.count()} users ({event_loop_here()})"

    return HttpResponse(await sync_to_async(count_users)())  # the query runs in a thread


def orm_in_sync_view(request):  # under ASGI, Django calls a sync view in a thread too
    return HttpResponse(f"{User.objects.count()} users ({event_loop_here()})")
# --8<-- [end:views]


urlpatterns = [
    path("async/", orm_in_async_view),
    path("async/sync-to-async/", orm_through_sync_to_async),
    path("sync/", orm_in_sync_view),
]
