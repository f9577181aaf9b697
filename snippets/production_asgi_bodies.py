"""Where a request's body waits under ASGI, and what a large response becomes on its way
out: ASGIHandler reads the whole body into a SpooledTemporaryFile before anything else (in
memory up to FILE_UPLOAD_MAX_MEMORY_SIZE, on disk past it), and cuts a plain HttpResponse
into http.response.body messages of 64 KiB.

    python snippets/production_asgi_bodies.py

Starts real uvicorn on 127.0.0.1 and a port the system picks, serving the example project
through support/asgi_recording.py, which prints every message the application sends. POSTs
two bodies, one of exactly FILE_UPLOAD_MAX_MEMORY_SIZE bytes and one a byte longer, to a
view that says where its body is (support/asgi_recording_urls.py), then GETs a response of
150,000 bytes and prints the messages it became.
"""

import http.client
import re
import sys
from pathlib import Path

from django.conf import global_settings

from support.server_process import ServerProcess

SNIPPETS = Path(__file__).resolve().parent
SITE = {"PYTHONPATH": str(SNIPPETS)}
MAX_MEMORY = 2_621_440  # FILE_UPLOAD_MAX_MEMORY_SIZE: Django's default, 2.5 MiB
assert global_settings.FILE_UPLOAD_MAX_MEMORY_SIZE == MAX_MEMORY
LARGE = 150_000  # the size of /asgi/large/'s response
BODY_MESSAGE = re.compile(r"\[asgi\] send http\.response\.body (\d+) bytes more_body=(\w+)")


def ask(port, method, path, body=None):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request(method, path, body=body, headers={"Content-Type": "application/octet-stream"})
    response = client.getresponse()
    answer = response.read()
    client.close()
    return response.status, answer


command = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", "0",
           "support.asgi_recording:application"]
with ServerProcess("uvicorn", command, ready=r"Uvicorn running on http://127\.0\.0\.1:(\d+)",
                   cwd=SNIPPETS / "mysite", env=SITE) as uvicorn:
    # --8<-- [start:bodies]
    spooled = {}
    for size in (MAX_MEMORY, MAX_MEMORY + 1):
        status, answer = ask(uvicorn.port, "POST", "/asgi/body/", body=b"b" * size)
        assert status == 200, (status, answer)
        spooled[size] = answer.decode()
    status, content = ask(uvicorn.port, "GET", "/asgi/large/")
    # --8<-- [end:bodies]
    uvicorn.wait_for(r"\[asgi\] application called GET /asgi/large/", 30)
    messages = []
    while not messages or messages[-1][1] == "True":
        line = uvicorn.wait_for(BODY_MESSAGE, 30)
        messages.append((int(line[1]), line[2]))

print("request bodies, as the view found them:")
for size, answer in spooled.items():
    print(f"  POST {size:,} bytes: {answer}")
print(f"GET /asgi/large/: {status}, {len(content):,} bytes, sent as:")
for size, more in messages:
    print(f"  http.response.body  {size:>6,} bytes  more_body={more}")

assert spooled[MAX_MEMORY] == f"{MAX_MEMORY} bytes, SpooledTemporaryFile in memory (BytesIO)"
assert spooled[MAX_MEMORY + 1].startswith(f"{MAX_MEMORY + 1} bytes, SpooledTemporaryFile on disk (")
assert "BytesIO" not in spooled[MAX_MEMORY + 1]
assert status == 200 and content == b"x" * LARGE
# Chunks of 2**16 bytes, the last one shorter; only the last says there is no more.
assert messages == [(65_536, "True"), (65_536, "True"), (LARGE - 2 * 65_536, "False")], messages
