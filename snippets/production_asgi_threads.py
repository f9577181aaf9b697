"""Which thread runs each step of a request under uvicorn: the event loop's thread for
ASGIHandler and the messages it sends, one thread of its own per request for every sync
part (request_started's receivers, the sync view, close() and request_finished).

    python snippets/production_asgi_threads.py

Starts real uvicorn on 127.0.0.1 and a port the system picks, serving the example project
through support/asgi_recording.py, which prints each step and the thread it ran in. Sends
two requests, one after the other, to a sync view, and prints each one's steps.
"""

import re
import sys
from pathlib import Path

from support.client import get
from support.server_process import ServerProcess

SNIPPETS = Path(__file__).resolve().parent
SITE = {"PYTHONPATH": str(SNIPPETS)}
STEP = re.compile(r"\[asgi\] (.+) in (.+)$")


# --8<-- [start:two-requests]
command = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", "0",
           "support.asgi_recording:application"]
requests = []
with ServerProcess("uvicorn", command, ready=r"Uvicorn running on http://127\.0\.0\.1:(\d+)",
                   cwd=SNIPPETS / "mysite", env=SITE) as uvicorn:
    for _ in range(2):
        response, body = get(uvicorn.port, "/asgi/thread/")
        assert response.status == 200, (response.status, body)
        steps = []
        while not steps or steps[-1][0] != "application returned":
            line = uvicorn.wait_for(STEP, 30)
            steps.append((line[1], line[2]))
        requests.append(steps)
# --8<-- [end:two-requests]

names = {}  # each sync thread, by order of appearance
for number, steps in enumerate(requests, 1):
    print(f"request {number}: GET /asgi/thread/")
    for step, thread in steps:
        if thread != "MainThread":
            thread = names.setdefault(thread, f"sync thread {chr(ord('A') + len(names))} ({thread})")
        print(f"  {step:<48} {thread}")

loop_thread = {"application called GET /asgi/thread/", "send http.response.start 200",
               "send http.response.body 35 bytes more_body=False", "application returned"}
sync_parts = ["request_started /asgi/thread/", "view", "request_finished"]
for steps in requests:
    order = [step for step, _ in steps]
    # The order of one request: started, view, the response's two messages, then finished.
    assert order == ["application called GET /asgi/thread/", "request_started /asgi/thread/", "view",
                     "send http.response.start 200", "send http.response.body 35 bytes more_body=False",
                     "request_finished", "application returned"], order
    threads = dict(steps)
    assert {threads[step] for step in loop_thread} == {"MainThread"}  # the event loop's thread
    assert len({threads[step] for step in sync_parts}) == 1  # every sync part: one thread
    assert threads["view"] != "MainThread"
# Each request had a sync thread of its own.
assert dict(requests[0])["view"] != dict(requests[1])["view"]
