"""snippets/support/wsgiref_serving.py: the harness serves on 127.0.0.1 with a port the
system picked, and leaves no thread or listening socket behind, also when the block fails."""

import http.client
import socket

import pytest

from tests.support_modules import load, threads_left


@pytest.fixture(scope="module")
def serving():
    return load("wsgiref_serving").serving


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hi"]


def test_serves_on_a_free_port_of_127_0_0_1_and_stops(serving, capsys):
    with serving(hello) as port:
        assert port > 0
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        client.request("GET", "/")
        assert client.getresponse().read() == b"hi"
        client.close()
    assert threads_left() == []
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)
    assert capsys.readouterr().out == 'server: "GET / HTTP/1.1" 200 2\n'


def test_stops_when_the_block_raises(serving):
    with pytest.raises(RuntimeError):
        with serving(hello):
            raise RuntimeError("the snippet failed")
    assert threads_left() == []
