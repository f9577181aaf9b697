"""A StreamingHttpResponse through the middleware and the development server: is each
chunk sent as it is produced, or is the response buffered?

    python snippets/request_streaming.py

A view of this file streams three lines from a generator. After yielding a line, the
generator does not produce the next one until the client has read that line from its
socket: if the server (or anything between) held chunks back, the snippet would fail
instead of printing. Then the same view is served again with a middleware that joins
the streamed content into one piece, as middleware that needs the whole body must.
"""

import http.client
import queue

from django.http import StreamingHttpResponse
from django.urls import path

from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


client_has = queue.Queue()  # each line, once the client has read it from its socket


# --8<-- [start:view]
def countdown(request):
    wait = request.GET.get("wait") == "yes"

    def lines():
        for line in ("3\n", "2\n", "1\n"):
            say(f"  the generator yields {line!r}")
            yield line
            if wait:
                say(f"  the generator resumes: the client has read {client_has.get(timeout=30)!r}")

    return StreamingHttpResponse(lines(), content_type="text/plain")


urlpatterns = [path("countdown/", countdown)]
# --8<-- [end:view]


# --8<-- [start:joining]
class JoiningMiddleware:
    """Needs the whole body (say, to compute a checksum): it joins the stream."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming:
            body = b"".join(response.streaming_content)  # runs the generator to its end
            say(f"  JoiningMiddleware has the whole body: {body!r}")
            response.streaming_content = [body]
        return response
# --8<-- [end:joining]


def fetch(port, query, read_line_by_line):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", f"/countdown/?{query}")
    response = client.getresponse()
    say(f"  the client has the status and headers: {response.status} {response.reason}, "
        f"Content-Length: {response.getheader('Content-Length')}, Transfer-Encoding: {response.getheader('Transfer-Encoding')}, "
        f"Connection: {response.getheader('Connection')}")
    body = b""
    if read_line_by_line:
        for _ in range(3):
            line = response.readline()
            body += line
            client_has.put(line.decode())
    body += response.read()  # the rest, up to the end of the stream: the server closes it
    say(f"  the client has the whole body: {body!r}")
    client.close()
    return body


settings = {"ROOT_URLCONF": __name__}
say("-- GET /countdown/?wait=yes: the generator waits for the client after each line")
with serving(**settings) as port:
    streamed = fetch(port, "wait=yes", read_line_by_line=True)

say("-- GET /countdown/ through JoiningMiddleware")
with serving(MIDDLEWARE=[f"{__name__}.JoiningMiddleware"], **settings) as port:
    joined = fetch(port, "", read_line_by_line=False)

assert streamed == joined == b"3\n2\n1\n"
first_run = log[1 : log.index("-- GET /countdown/ through JoiningMiddleware")]
second_run = log[len(first_run) + 2 :]
# Streamed: the client has the headers and each line before the next line exists.
assert [line.split(":")[0].strip() for line in first_run] == [
    "the generator yields '3\\n'", "the client has the status and headers",
    "the generator resumes", "the generator yields '2\\n'",
    "the generator resumes", "the generator yields '1\\n'",
    "the generator resumes", "the client has the whole body",
]
# No length is known in advance, so the server closes the connection to end the body.
assert "Content-Length: None, Transfer-Encoding: None, Connection: close" in first_run[1]
# Joined: all three lines are produced before the client gets even the status line.
assert [line.split(":")[0].strip() for line in second_run] == [
    "the generator yields '3\\n'", "the generator yields '2\\n'", "the generator yields '1\\n'",
    "JoiningMiddleware has the whole body", "the client has the status and headers",
    "the client has the whole body",
]
