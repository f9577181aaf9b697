"""Why a StreamingHttpResponse arrives all at once behind nginx, and the two ways to stop it.

    python snippets/production_nginx_buffering.py

Starts real gunicorn with the example project plus a streaming view
(support/streaming_urls.py: four lines, one every 0.4 s), and a real nginx in front of it
(Debian's package, in the foreground with a configuration of its own), both on 127.0.0.1.
A client asks for the stream and records when each line arrives:

1. straight from gunicorn, so that any bunching later is nginx's doing;
2. through nginx with its defaults (`proxy_buffering on`, `proxy_http_version 1.0`);
3. the same, but the response carries `X-Accel-Buffering: no`;
4. through nginx with `proxy_buffering off`;
5. through nginx with buffering on and `proxy_http_version 1.1`.
"""

import http.client
import re
import sys
import time
from pathlib import Path

from support.nginx_proxy import nginx_proxy
from support.server_process import ServerProcess

SNIPPETS = Path(__file__).resolve().parent
SITE = {"DJANGO_SETTINGS_MODULE": "support.streaming_settings", "PYTHONPATH": str(SNIPPETS)}
PRODUCED = re.compile(r"produced at (\d+\.\d+)")
STREAMED = "each line before the next was produced"


# --8<-- [start:client]
def arrivals(port, path):
    """(produced, arrived) for each line of the stream, on the shared monotonic clock."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", path)
    response = client.getresponse()
    lines = []
    while line := response.readline():  # returns as soon as a whole line has arrived
        lines.append((float(PRODUCED.search(line.decode())[1]), time.monotonic()))
    client.close()
    return response, lines
# --8<-- [end:client]


def describe(lines):
    """Whether each line reached the client before the next was even produced (streamed),
    or the first reached it only after the last was produced (held back to the end)."""
    produced = [p for p, _ in lines]
    arrived = [a for _, a in lines]
    if all(a < p for a, p in zip(arrived, produced[1:])):
        return "each line before the next was produced"
    if arrived[0] >= produced[-1]:
        return "all at the end, after the last was produced"
    return "bunched in some other way: " + ", ".join(f"{a - p:.2f} s late" for p, a in lines)


with ServerProcess("gunicorn", [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "mysite.wsgi"],
                   ready=r"Listening at: http://127\.0\.0\.1:(\d+)", cwd=SNIPPETS / "mysite", env=SITE) as gunicorn:
    response, direct = arrivals(gunicorn.port, "/stream/")
    print(f"gunicorn, no proxy:                {describe(direct)}")
    with nginx_proxy(gunicorn.port, buffering=True) as nginx:
        response, buffered = arrivals(nginx.port, "/stream/")
        print(f"nginx with its defaults:           {describe(buffered)}")
        response, accel = arrivals(nginx.port, "/stream/?accel=off")
        print(f"  the same, X-Accel-Buffering: no:  {describe(accel)}")
        assert response.getheader("X-Accel-Buffering") is None, "nginx consumes the header"
    with nginx_proxy(gunicorn.port, buffering=False) as nginx:
        response, unbuffered = arrivals(nginx.port, "/stream/")
        print(f"nginx, proxy_buffering off:        {describe(unbuffered)}")
    with nginx_proxy(gunicorn.port, http_version="1.1") as nginx:
        response, http11 = arrivals(nginx.port, "/stream/")
        print(f"nginx, proxy_http_version 1.1:     {describe(http11)}")
        assert response.getheader("Transfer-Encoding") == "chunked"

for lines in (direct, buffered, accel, unbuffered, http11):
    assert len(lines) == 4
assert describe(direct) == describe(accel) == describe(unbuffered) == describe(http11) == STREAMED
assert describe(buffered) == "all at the end, after the last was produced"
