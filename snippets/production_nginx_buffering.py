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

import sys
from pathlib import Path

from support.nginx_proxy import nginx_proxy
from support.server_process import ServerProcess
from support.stream_timing import HELD_BACK, STREAMED, arrivals, describe

SNIPPETS = Path(__file__).resolve().parent
SITE = {"DJANGO_SETTINGS_MODULE": "support.streaming_settings", "PYTHONPATH": str(SNIPPETS)}


# --8<-- [start:runs]
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
# --8<-- [end:runs]

for lines in (direct, buffered, accel, unbuffered, http11):
    assert len(lines) == 4
assert describe(direct) == describe(accel) == describe(unbuffered) == describe(http11) == STREAMED
assert describe(buffered) == HELD_BACK
