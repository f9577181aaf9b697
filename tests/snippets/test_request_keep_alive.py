"""snippets/request_keep_alive.py: one thread per connection, several requests per
connection, the cases in which the development server closes it, and an HTTP/1.0
connection kept open because its requests ask for keep-alive."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_keep_alive_and_the_connections_the_server_closes():
    run = run_snippet("snippets/request_keep_alive.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("runserver's server class: django.core.servers.basehttp.WSGIServer\n")
    first, stream, http10, http10_keep_alive, without_common = out.split("-- connection ")[1:]
    assert first.count("in daemon thread 'Thread-1 (process_request_thread)'") == 3
    assert first.count("client: 200 OK, Content-Length: 21, Connection: None") == 3
    assert first.endswith("client: the server has closed the connection\n")
    assert "Content-Length: None, Connection: close" in stream and "Thread-2" in stream
    assert "GET / HTTP/1.0 in daemon thread 'Thread-3" in http10
    # HTTP/1.0 with "Connection: keep-alive": three requests, one thread, one connection,
    # closed only after the last request, which did not ask for keep-alive; no response
    # says "Connection: keep-alive".
    assert http10_keep_alive.count("GET / HTTP/1.0 in daemon thread 'Thread-4 (process_request_thread)'") == 3
    assert http10_keep_alive.count("client: 200 OK, Content-Length: 21, Connection: None") == 3
    assert http10_keep_alive.count("the server has closed the connection") == 1
    assert http10_keep_alive.endswith("client: the server has closed the connection\n")
    assert "Content-Length: None, Connection: close" in without_common
    assert out.count("the server has closed the connection") == 5
