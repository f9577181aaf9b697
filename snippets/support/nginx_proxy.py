"""nginx in front of an application server, as production puts it: a real nginx (Debian's
package), started by the snippet with a configuration of its own in a temporary folder,
on 127.0.0.1, in the foreground, and stopped again; never the system's nginx service.

    with nginx_proxy(upstream_port, buffering=False) as nginx:
        ...  # talk to http://127.0.0.1:<nginx.port>/

`buffering` is nginx's `proxy_buffering` (on by default, as in nginx), and `http_version`
its `proxy_http_version`, the HTTP version it speaks to the upstream ("1.0" by default, as
in nginx). Everything else is nginx's default too: the configuration is the smallest that
proxies, one server and one location.
"""

from __future__ import annotations

import contextlib
import os
import signal
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from support.server_process import ServerFailed, ServerProcess, free_port

# --8<-- [start:config]
CONFIG = """\
daemon off;
master_process on;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log stderr notice;
{user}
events {{
    worker_connections 64;
}}

http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;

    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_http_version {http_version};
            proxy_set_header Host $http_host;
            proxy_buffering {buffering};
        }}
    }}
}}
"""
# --8<-- [end:config]


def nginx_binary() -> str:
    found = os.environ.get("NGINX") or shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)
    if not found:
        raise ServerFailed("nginx is not installed: install Debian's nginx package "
                           "(`make test` does when run as root), or set NGINX=/path/to/nginx")
    return found


@contextlib.contextmanager
def nginx_proxy(upstream_port: int, buffering: bool = True, http_version: str = "1.0",
                ready_timeout: float = 30) -> Iterator[ServerProcess]:
    """nginx on a free port of 127.0.0.1, proxying to ``upstream_port``, until the block ends."""
    with tempfile.TemporaryDirectory(prefix="nginx-") as prefix:
        port = free_port()
        # As root, nginx's workers would switch to the unprivileged "nobody", who cannot
        # enter this private folder; they stay the user who started nginx instead.
        user = "user root;" if os.geteuid() == 0 else ""
        config = Path(prefix) / "nginx.conf"
        config.write_text(CONFIG.format(prefix=prefix, port=port, upstream=upstream_port, user=user,
                                        buffering="on" if buffering else "off", http_version=http_version))
        nginx = ServerProcess(
            "nginx", [nginx_binary(), "-p", prefix, "-c", str(config), "-e", "stderr"],
            ready=r"start worker process", ready_timeout=ready_timeout, stop_signal=signal.SIGTERM,
        )
        with nginx:
            nginx.port = port
            yield nginx
