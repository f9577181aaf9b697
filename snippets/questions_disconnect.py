"""What Django's code sees when a client disconnects in the middle of a streaming response,
under the development server.

    python snippets/questions_disconnect.py

The example project is served in this process (on 127.0.0.1, a port the system picks)
with a view that streams numbered chunks from a generator. The client, on a plain socket,
reads the first chunk and closes its socket; only then does the generator go on. The
snippet reports what the generator is asked for after that, how it ends, when
request_finished is sent (and what the server is handling then), and whether the
request gets an access log line.
"""

import socket
import sys
import threading
import traceback

from django.core.servers.basehttp import WSGIRequestHandler
from django.core.signals import request_finished
from django.http import StreamingHttpResponse
from django.urls import path

from support.devserver import serving

log = []
MOST = 1000  # chunks the generator would produce if no write ever failed


def say(line):
    log.append(line)
    print(line)


client_gone = threading.Event()
produced_after = []  # the chunks the generator produced after the client had closed


# --8<-- [start:view]
def numbers(request):
    def chunks():
        try:
            for n in range(1, MOST + 1):
                if client_gone.is_set():
                    produced_after.append(n)
                    if len(produced_after) == 1:
                        say(f"  the generator produces chunk {n}: nothing told it the client has gone")
                yield f"chunk {n}\n"
                if n == 1:
                    client_gone.wait(timeout=30)
        except GeneratorExit:
            say("  GeneratorExit in the generator, at its yield: the response is being closed")
            raise
        finally:
            say("  the generator's finally block runs")

    return StreamingHttpResponse(chunks(), content_type="text/plain")


urlpatterns = [path("numbers/", numbers)]
# --8<-- [end:view]


# --8<-- [start:watch]
def finished(sender, **kwargs):
    error = sys.exc_info()[1]  # what the server is handling while it closes the response
    calls = [frame.f_code.co_name for frame, _ in traceback.walk_tb(error.__traceback__)] if error else []
    failed_write = isinstance(error, ConnectionError) and calls[:2] == ["finish_response", "write"]
    say(f"  request_finished, while the server handles the error of a write to the socket: {failed_write}")


request_finished.connect(finished)


class Handler(WSGIRequestHandler):
    def log_request(self, *args):
        say("  the access log line")
        super().log_request(*args)
# --8<-- [end:watch]


def client(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(b"GET /numbers/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    received = b""
    while b"chunk 1\n" not in received:
        received += sock.recv(4096)
    say("  the client has read chunk 1, and closes its socket")
    sock.close()
    client_gone.set()


say("-- GET /numbers/: the client goes away after the first chunk")
ended = threading.Event()
request_finished.connect(lambda **kwargs: ended.set(), weak=False)
with serving(request_handler=Handler, ROOT_URLCONF=__name__) as port:
    client(port)
    assert ended.wait(timeout=30), "the response was never closed"
say("-- after the client had gone, the generator was asked for chunks until a write failed")

# Nothing stops the generator before a write fails: it produced at least one more chunk.
assert 1 <= len(produced_after) < MOST
events = [line.split(":")[0].split(",")[0].strip() for line in log[1:-1]]
assert events == [
    "the client has read chunk 1",
    "the generator produces chunk 2",
    "GeneratorExit in the generator",
    "the generator's finally block runs",
    "request_finished",
], events
assert log[-2].endswith("the error of a write to the socket: True"), log[-2]
assert "the access log line" not in log, "no access log line for a request whose client went away"
