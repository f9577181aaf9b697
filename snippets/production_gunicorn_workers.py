"""gunicorn loads wsgi.py: in every worker, or once in the master with --preload, and again
in a worker that replaces one.

    python snippets/production_gunicorn_workers.py

Starts real gunicorn three times on the example project, on 127.0.0.1 and a port the
system picks, and sends one GET each time:

1. two sync workers: each worker imports wsgi.py, so each runs django.setup() (with every
   AppConfig.ready()) and builds the middleware chain; the master does neither;
2. the same with --preload: the master imports wsgi.py once, before it forks, and the
   workers inherit the application already built;
3. one worker with --max-requests 1: after its one request the worker exits, the master
   starts another, and the new worker sets Django up again.

The hello app logs ready(), its middleware's __init__ and the request, each line tagged with
the pid of the process that logs it (support/pid_logging_settings.py); gunicorn logs the
pids of its master and of each worker it boots. The output labels the processes by role
and asserts who did what.
"""

import http.client
import re
import sys
from pathlib import Path

from support.server_process import ServerProcess

SNIPPETS = Path(__file__).resolve().parent
MYSITE = SNIPPETS / "mysite"
SETTINGS = {"DJANGO_SETTINGS_MODULE": "support.pid_logging_settings", "PYTHONPATH": str(SNIPPETS)}
HELLO = re.compile(r"^\[hello\] pid (\d+): (.*)$")
BOOTED = re.compile(r"Booting worker with pid: (\d+)")


def get(port):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", "/")
    response = client.getresponse()
    body = response.read()
    client.close()
    return response.status, body


def run(options, workers_to_wait_for, after_the_request=None):
    """gunicorn with ``options`` serving one GET; the master's pid and the whole log."""
    # --8<-- [start:command]
    command = [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", *options, "mysite.wsgi"]
    # --8<-- [end:command]
    with ServerProcess("gunicorn", command, ready=r"Listening at: http://127\.0\.0\.1:(\d+)",
                       cwd=MYSITE, env=SETTINGS) as gunicorn:
        # Ready to serve: each worker has built its middleware chain (or, with --preload,
        # has been booted with the master's).
        for _ in range(workers_to_wait_for):
            gunicorn.wait_for(r"TraceMiddleware.__init__\(\)" if "--preload" not in options else BOOTED, 60)
        status, body = get(gunicorn.port)
        gunicorn.wait_for(r"signal request_finished", 30)
        if after_the_request:
            gunicorn.wait_for(after_the_request, 60)
    assert (status, body) == (200, b"Hello from the view.\n")
    return gunicorn.pid, gunicorn.log


def roles(master, log):
    """{pid: 'master' | 'worker N'}, workers numbered in the order gunicorn booted them."""
    workers = [int(m[1]) for line in log if (m := BOOTED.search(line))]
    return {master: "master", **{pid: f"worker {n}" for n, pid in enumerate(workers, 1)}}


def hello_lines(log):
    """(pid, text) of every line the hello app logged."""
    return [(int(m[1]), m[2]) for line in log if (m := HELLO.match(line))]


def show(title, master, log, serving_workers):
    labels = roles(master, log)
    print(f"$ gunicorn {title} mysite.wsgi")
    for pid, label in labels.items():
        setup = [t for p, t in hello_lines(log) if p == pid and not t.startswith(("signal", "Trace", "view"))]
        setup += [t for p, t in hello_lines(log) if p == pid and t == "TraceMiddleware.__init__()"]
        print(f"  {label:9} set up: {', '.join(setup) or 'nothing'}")
    served = {labels[p] for p, t in hello_lines(log) if t.startswith("view ")}
    assert len(served) == 1 and served < set(labels.values()) - {"master"}, "one worker, never the master"
    # Which of two workers accepts the connection is up to the kernel, run by run.
    print(f"  the GET was served by: {served.pop() if serving_workers == 1 else 'one of the workers'}")
    print()
    return labels


def setups(labels, log, text):
    return sorted(labels[p] for p, t in hello_lines(log) if t == text)


master, log = run(["--workers", "2"], workers_to_wait_for=2)
labels = show("--workers 2", master, log, serving_workers=2)
assert setups(labels, log, "HelloConfig.ready()") == ["worker 1", "worker 2"]
assert setups(labels, log, "TraceMiddleware.__init__()") == ["worker 1", "worker 2"]

master, log = run(["--workers", "2", "--preload"], workers_to_wait_for=2)
labels = show("--workers 2 --preload", master, log, serving_workers=2)
assert setups(labels, log, "HelloConfig.ready()") == ["master"]
assert setups(labels, log, "TraceMiddleware.__init__()") == ["master"]
# The master built the application before it started listening, and before any fork.
first_setup = next(i for i, line in enumerate(log) if "HelloConfig.ready()" in line)
assert first_setup < next(i for i, line in enumerate(log) if "Listening at:" in line)
assert first_setup < next(i for i, line in enumerate(log) if BOOTED.search(line))
# The workers built nothing, yet the request went through the middleware: in a worker,
# with the chain it inherited from the master.
assert {labels[p] for p, t in hello_lines(log) if t.startswith("TraceMiddleware: in")} < {"worker 1", "worker 2"}

master, log = run(["--workers", "1", "--max-requests", "1"], workers_to_wait_for=1,
                  after_the_request=r"TraceMiddleware.__init__\(\)")
labels = show("--workers 1 --max-requests 1", master, log, serving_workers=1)
assert any("Autorestarting worker after current request." in line for line in log)
assert setups(labels, log, "HelloConfig.ready()") == ["worker 1", "worker 2"]
assert {labels[p] for p, t in hello_lines(log) if t.startswith("view ")} == {"worker 1"}
