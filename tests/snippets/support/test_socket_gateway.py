"""snippets/support/socket_gateway.py: the gateway written from a socket, exercised with
small WSGI applications for what pep3333_gateway.py's two requests do not reach: a POST
body, HEAD, a mount point, an application that fails, and when the headers are sent.
"""

import http.client
from wsgiref.validate import validator

import pytest

from tests.support_modules import SNIPPETS, load, threads_left

SOURCE = SNIPPETS / "support" / "socket_gateway.py"


def test_the_gateway_is_about_a_hundred_lines():
    text = SOURCE.read_text()
    section = text.split("# --8<-- [start:gateway]\n")[1].split("# --8<-- [end:gateway]")[0]
    code = [line for line in section.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(code) <= 105, f"the gateway has {len(code)} lines of code"


@pytest.fixture(scope="module")
def gateway_module():
    return load("socket_gateway")


def request(port, method, target, body=None, headers=None):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request(method, target, body=body, headers=headers or {})
    response = client.getresponse()
    data = response.read()
    client.close()
    return response, data


def echo(environ, start_response):
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response("200 OK", [("Content-Type", "application/octet-stream")])
    return [environ["SCRIPT_NAME"].encode(), b"|", environ["PATH_INFO"].encode("iso-8859-1"), b"|", body]


def test_post_body_head_and_mount_point(gateway_module):
    gateway = gateway_module.Gateway(validator(echo), script_name="/app", log=lambda line: None)
    with gateway_module.running(gateway) as port:
        posted, data = request(port, "POST", "/app/x%C3%A9?q=1", body=b"payload")
        head, head_body = request(port, "HEAD", "/app/")
        outside, _ = request(port, "GET", "/elsewhere")
    assert posted.status == 200 and data == "/app|/xé|payload".encode()
    assert head.status == 200 and head_body == b""
    assert outside.status == 404
    assert threads_left() == []


def test_an_application_that_fails_before_its_headers_gets_a_500(gateway_module, capsys):
    def fails(environ, start_response):
        raise RuntimeError("broken application")

    with gateway_module.running(gateway_module.Gateway(fails, log=lambda line: None)) as port:
        response, _ = request(port, "GET", "/")
    assert response.status == 500
    assert "RuntimeError: broken application" in capsys.readouterr().err
    assert threads_left() == []


def test_headers_wait_for_the_first_non_empty_chunk_and_close_is_called(gateway_module):
    events = []

    class Body:
        def __iter__(self):
            events.append("first chunk asked")
            yield b""
            events.append("second chunk asked")
            yield b"data"

        def close(self):
            events.append("closed")

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return Body()

    def log(line):
        if "sent the status line" in line:
            events.append("headers sent")

    with gateway_module.running(gateway_module.Gateway(validator(app), log=log)) as port:
        response, data = request(port, "GET", "/")
    assert data == b"data"
    assert events == ["first chunk asked", "second chunk asked", "headers sent", "closed"]
