"""snippets/support/simultaneous_requests.py: every request reaches the server before any
response is read, and each answer comes back with its status and JSON body.

The server here, in the test's process, holds every request until all of them have
arrived (a barrier), so the test passes only if the client really sends them together.
"""

from __future__ import annotations

import http.server
import json
import threading

from tests.support_modules import load

simultaneous_requests = load("simultaneous_requests")


def test_all_requests_are_at_the_server_at_once():
    count = 5
    arrived = threading.Barrier(count, timeout=10)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            index = arrived.wait()  # raises BrokenBarrierError unless all five are here
            body = json.dumps({"path": self.path, "index": index}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, name="test server")
    thread.start()
    try:
        statuses, bodies, seconds = simultaneous_requests.simultaneous_gets(server.server_port, "/x/", count)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    assert statuses == [200] * count
    assert sorted(body["index"] for body in bodies) == list(range(count))
    assert {body["path"] for body in bodies} == {"/x/"}
    assert seconds > 0
