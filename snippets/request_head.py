"""What the development server does with a HEAD request: the view runs, the whole body is
produced, and none of it is sent.

    python snippets/request_head.py

Serves the example project with a URLconf of this file: its own `/` view, and a
streaming view that reports each chunk it produces. On one connection it sends
`HEAD /`, `HEAD /stream/`, then `GET /`: if any byte of a HEAD response's body had been
sent, the client would read it as the start of the next response, and fail.
"""

import http.client

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import path

from support.devserver import serving

seen = []


# --8<-- [start:views]
def index(request):
    seen.append(f"  view index(): request.method = {request.method!r}")
    return HttpResponse("Hello from the view.\n", content_type="text/plain")


def chunks():
    for chunk in (b"first ", b"second\n"):
        seen.append(f"  stream: produced {chunk!r}")
        yield chunk


def stream(request):
    seen.append(f"  view stream(): request.method = {request.method!r}")
    return StreamingHttpResponse(chunks(), content_type="text/plain")
# --8<-- [end:views]


urlpatterns = [path("", index), path("stream/", stream)]
received = []

with serving(ROOT_URLCONF=__name__) as port:
    # --8<-- [start:client]
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for method, url in [("HEAD", "/"), ("HEAD", "/stream/"), ("GET", "/")]:
        client.request(method, url)
        response = client.getresponse()
        body = response.read()  # http.client reads no body for HEAD: the server must send none
        seen.append(f"{method} {url}: {response.status}, Content-Length: {response.getheader('Content-Length')}, "
                    f"Connection: {response.getheader('Connection')}, body {body!r}")
        received.append((method, response.status, response.getheader("Content-Length"), body))
    client.close()
    # --8<-- [end:client]

print("\n".join(seen))

# The view ran for HEAD as it runs for GET: Django passes the method on, and the view
# does not know it will have no body to send.
assert seen[0] == "  view index(): request.method = 'HEAD'"
assert seen[2] == "  view stream(): request.method = 'HEAD'"
# The whole streaming body was produced, and thrown away.
assert seen[3:5] == ["  stream: produced b'first '", "  stream: produced b'second\\n'"]
# The headers say what a GET would get (CommonMiddleware's Content-Length for the
# HttpResponse), and no byte of body followed them: the GET on the same connection
# was read correctly. A streaming HEAD response has no length, and no "Connection: close".
assert received == [
    ("HEAD", 200, "21", b""),
    ("HEAD", 200, None, b""),
    ("GET", 200, "21", b"Hello from the view.\n"),
]
assert seen[5] == "HEAD /stream/: 200, Content-Length: None, Connection: None, body b''"
