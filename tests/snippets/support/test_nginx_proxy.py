"""snippets/support/nginx_proxy.py: a real nginx, in the foreground with a configuration
of its own, proxies to gunicorn on 127.0.0.1 and stops with its workers; a configuration
nginx rejects fails naming nginx and quoting its error."""

from __future__ import annotations

import pytest

from tests import process_tree
from tests.snippets.support.test_server_process import GUNICORN_READY, MYSITE, get, gunicorn
from tests.support_modules import load

server_process = load("server_process")
nginx_proxy = load("nginx_proxy")


@pytest.mark.parametrize("buffering", [True, False], ids=["proxy_buffering-on", "proxy_buffering-off"])
def test_nginx_proxies_to_gunicorn_and_stops(buffering):
    with server_process.ServerProcess("gunicorn", gunicorn("--bind", "127.0.0.1:0"), ready=GUNICORN_READY,
                                      cwd=MYSITE) as upstream:
        with nginx_proxy.nginx_proxy(upstream.port, buffering=buffering) as nginx:
            assert nginx.port != upstream.port
            assert get(nginx.port) == (200, b"Hello from the view.\n")
            group = [p.pid for p in process_tree.descendants(nginx.pid)] + [nginx.pid]
        assert nginx.returncode == 0
        assert process_tree.still_running_after(group, timeout=30) == []


def test_a_configuration_nginx_rejects_fails_with_nginxs_own_error(monkeypatch):
    monkeypatch.setattr(nginx_proxy, "CONFIG", nginx_proxy.CONFIG.replace("worker_connections 64;", "worker_connections;"))
    with pytest.raises(server_process.ServerFailed) as failure:
        with nginx_proxy.nginx_proxy(1):
            pass
    message = str(failure.value)
    assert message.startswith("nginx exited with code 1 before printing a line matching 'start worker process'")
    assert 'invalid number of arguments in "worker_connections" directive' in message
