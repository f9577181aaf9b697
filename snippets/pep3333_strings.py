"""Native strings and bytes on the way out: what Django hands the server for a response
whose text is not all ASCII.

    python snippets/pep3333_strings.py

PEP 3333 wants the status and the headers as native strings (`str`) holding only
ISO-8859-1 characters, and the body as `bytes`. A one-file Django project (settings.configure,
this file as its URLconf) answers with a body and two headers that go beyond ASCII, one
of them beyond ISO-8859-1 too. It is served by wsgiref behind `wsgiref.validate.validator`
on 127.0.0.1 (port chosen by the system); `Recorder` notes what Django passes to
`start_response` and what the body yields, and `http.client` shows what arrived.
"""

import http.client
import threading
import warnings
from wsgiref.validate import WSGIWarning, validator

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="only-for-this-demonstration",
)


# --8<-- [start:view]
def menu(request):
    body = "Un café ☕\n"
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["X-Place"] = "café"  # é is in ISO-8859-1
    response["X-Drink"] = "café ☕"  # ☕ is not
    return response
# --8<-- [end:view]


urlpatterns = [path("menu", menu)]


class Recorder:
    """Note the types and values the application hands the server (changes nothing)."""

    def __init__(self, application):
        self.application = application
        self.calls, self.chunks = [], []

    def __call__(self, environ, start_response):
        def recording_start_response(status, headers, exc_info=None):
            self.calls.append((status, headers))
            return start_response(status, headers, exc_info)

        body = self.application(environ, recording_start_response)
        try:
            for chunk in body:
                self.chunks.append(chunk)
                yield chunk
        finally:  # runs when the server closes this generator: pass close() on
            if hasattr(body, "close"):
                body.close()


if __name__ == "__main__":
    from support.wsgiref_serving import QuietRequestHandler, serving

    warnings.simplefilter("error", WSGIWarning)  # a WSGI warning is a failure here
    django.setup()
    from django.core.wsgi import get_wsgi_application

    recorder = Recorder(validator(get_wsgi_application()))
    with serving(validator(recorder), handler_class=QuietRequestHandler) as port:
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        client.request("GET", "/menu")
        response = client.getresponse()
        body = response.read()
        client.close()

    [(status, headers)] = recorder.calls
    print(f"Django called start_response with status {status!r} ({type(status).__name__})")
    for name, value in headers:
        if name.startswith("X-") or name == "Content-Type":
            print(f"  header {name!r}: {value!r} ({type(value).__name__})")
    print(f"and its body yielded {recorder.chunks!r}")
    print("The client received:")
    for name in ("Content-Type", "X-Place", "X-Drink"):
        print(f"  {name}: {response.getheader(name)!r}")
    print(f"  body, decoded as UTF-8: {body.decode('utf-8')!r}")

    sent = dict(headers)
    assert type(status) is str and all(type(n) is str and type(v) is str for n, v in headers)
    assert all(v.encode("iso-8859-1") for _, v in headers), "every value fits ISO-8859-1"
    assert sent["X-Place"] == "café", "ISO-8859-1 text goes as it is"
    assert sent["X-Drink"] == "=?utf-8?b?Y2Fmw6kg4piV?=", "anything else is MIME-encoded"
    assert recorder.chunks == ["Un café ☕\n".encode("utf-8")] and all(type(c) is bytes for c in recorder.chunks)
    assert response.getheader("X-Place") == "café"  # http.client decodes headers as ISO-8859-1
    assert body.decode("utf-8") == "Un café ☕\n"
    assert threading.active_count() == 1, "the server thread has stopped"
