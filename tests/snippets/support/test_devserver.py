"""snippets/support/devserver.py: Django's development server in a snippet's own process,
on 127.0.0.1 and a port the system picks, stopped again, and no thread it started left
running once its clients have gone.

It runs in a program of its own, as a snippet would use it: importing it puts the example
project on the path and names its settings, which the test process must not inherit.
"""

from pathlib import Path

from scripts.snippet_runs import run_snippet
from tests.support_modules import SNIPPETS

PROGRAM = f"""
import sys, threading
sys.path.insert(0, {str(SNIPPETS)!r})  # as for a script in snippets/
from support.client import get, gist
from support.devserver import serving

with serving() as port:
    response, body = get(port, "/")
print(f"GET / on 127.0.0.1:{{port}}: {{response.status}} {{response.reason}}, {{gist(body)}}")
with serving(ROOT_URLCONF="no.such.module") as port:  # settings for this server only
    broken, _ = get(port, "/")
print("with a broken ROOT_URLCONF:", broken.status)
# serving() waits for the server's own thread; a connection's thread is a daemon thread
# that ends once its client has closed the connection, perhaps a moment later.
for thread in threading.enumerate():
    if thread is not threading.main_thread():
        thread.join(timeout=30)
assert threading.active_count() == 1, "every thread the servers started has ended"
"""


def test_serves_on_a_free_port_with_the_settings_given_and_leaves_no_thread(tmp_path: Path):
    (tmp_path / "serve_once.py").write_text(PROGRAM)
    run = run_snippet("serve_once.py", tmp_path)
    assert run.returncode == 0, run.stderr
    first, second = run.stdout.splitlines()
    assert first.startswith("GET / on 127.0.0.1:") and not first.startswith("GET / on 127.0.0.1:0:")
    assert first.endswith(": 200 OK, 'Hello from the view.\\n'")
    assert second == "with a broken ROOT_URLCONF: 500"
    # The server's console (the example project logs to standard error) shows the request
    # went through the project's middleware and view, in a connection thread.
    assert "[hello] view hello.views.index(), in thread 'Thread-1 (process_request_thread)'" in run.stderr
