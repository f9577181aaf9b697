"""The example project's ASGI application, wrapped so that a snippet can watch one request
go through it under a real ASGI server: `support.asgi_recording:application`, with
support/asgi_recording_settings.py as the settings.

Each step prints one line, `[asgi] <step> in <thread name>`, to the server's log: the
server calling the application, `request_started` and `request_finished` (receivers
connected here), the views of support/asgi_recording_urls.py, and every message the
application sends to the server, with the size of its body. The snippet reads these lines
from the log, in the order they happened.
"""

import os
import threading

from django.core.asgi import get_asgi_application
from django.core.signals import request_finished, request_started

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "support.asgi_recording_settings")
django_application = get_asgi_application()


def report(step):
    print(f"[asgi] {step} in {threading.current_thread().name}", flush=True)


def on_request_started(sender, scope=None, **kwargs):
    report(f"request_started {scope['path']}")


def on_request_finished(sender, **kwargs):
    report("request_finished")


request_started.connect(on_request_started)
request_finished.connect(on_request_finished)


# --8<-- [start:wrapper]
async def application(scope, receive, send):
    if scope["type"] != "http":  # uvicorn's lifespan messages: not a request
        return await django_application(scope, receive, send)

    async def recorded_send(message):  # what ASGIHandler hands to uvicorn
        if message["type"] == "http.response.body":
            more = message.get("more_body", False)
            report(f"send http.response.body {len(message.get('body', b''))} bytes more_body={more}")
        else:
            report(f"send {message['type']} {message.get('status', '')}")
        await send(message)

    report(f"application called {scope['method']} {scope['path']}")
    await django_application(scope, receive, recorded_send)
    report("application returned")
# --8<-- [end:wrapper]
