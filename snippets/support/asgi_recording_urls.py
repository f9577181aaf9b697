"""The example project's URLs plus three views for the ASGI snippets (served through
support/asgi_recording.py): one that says which thread ran it, one that returns a large
plain HttpResponse, and one that says where ASGIHandler put the request's body.
"""

import threading

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from mysite.urls import urlpatterns as project_urlpatterns

LARGE = 150_000  # bytes: more than two of ASGIHandler's 64 KiB chunks


def which_thread(request):
    print(f"[asgi] view in {threading.current_thread().name}", flush=True)
    return HttpResponse("Hello from a sync view under ASGI.\n", content_type="text/plain")


def large(request):
    return HttpResponse(b"x" * LARGE, content_type="text/plain")


# --8<-- [start:body-file]
@csrf_exempt
def body_file(request):
    spooled = request._stream  # private: the file ASGIHandler.read_body() filled
    where = "on disk" if spooled._rolled else "in memory"
    received = len(request.read())  # read from that file, not from the network
    return HttpResponse(f"{received} bytes, {type(spooled).__name__} {where} "
                        f"({type(spooled._file).__name__})", content_type="text/plain")
# --8<-- [end:body-file]


urlpatterns = project_urlpatterns + [
    path("asgi/thread/", which_thread),
    path("asgi/large/", large),
    path("asgi/body/", body_file),
]
