"""Find (or install) the nginx that the production snippets put in front of gunicorn.

The snippets start nginx themselves, in the foreground with a configuration of their own
(snippets/support/nginx_proxy.py); all they need is the program. It is Debian's `nginx`
package: `$NGINX` if set, else `nginx` on the PATH or in /usr/sbin.

    python -m scripts.nginx ensure   # find it; as root on Debian, install it if missing

Installing never starts the system's nginx service: while the package installs, a
`policy-rc.d` that refuses every service start is in place (Debian's own mechanism),
unless the machine already has one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

POLICY = Path("/usr/sbin/policy-rc.d")


def find_nginx() -> str | None:
    candidates = [os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx", "/usr/local/sbin/nginx"]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def install() -> None:
    placed = not POLICY.exists()
    if placed:
        POLICY.write_text("#!/bin/sh\n# no service starts while packages install (scripts/nginx.py)\nexit 101\n")
        POLICY.chmod(0o755)
    try:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    finally:
        if placed:
            POLICY.unlink()


def ensure() -> int:
    found = find_nginx()
    if found:
        print(f"nginx for the production snippets: {found}")
        return 0
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("No nginx found: installing Debian's nginx package (its service is not started)")
        install()
        if find_nginx():
            return ensure()
    print(
        "error: the production snippets need nginx. Install your system's nginx package "
        "(Debian: sudo apt-get install nginx; its service need not run), or set NGINX=/path/to/nginx.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    if sys.argv[1:] != ["ensure"]:
        sys.exit(__doc__)
    sys.exit(ensure())
