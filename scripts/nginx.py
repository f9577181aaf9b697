"""Find (or install) the nginx that the production snippets put in front of gunicorn.

The snippets start nginx themselves, in the foreground with a configuration of their own
(snippets/support/nginx_proxy.py); all they need is the program. It is Debian's `nginx`
package: `$NGINX` if set, else `nginx` on the PATH or in /usr/sbin.

    python -m scripts.nginx ensure   # find it; as root on Debian, install it if missing

Installing never starts the system's nginx service (scripts/debian_packages.py).
"""

from __future__ import annotations

import os
import shutil
import sys

from scripts import debian_packages


def find_nginx() -> str | None:
    candidates = [os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx", "/usr/local/sbin/nginx"]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def ensure() -> int:
    found = find_nginx()
    if found:
        print(f"nginx for the production snippets: {found}")
        return 0
    if debian_packages.can_install():
        print("No nginx found: installing Debian's nginx package (its service is not started)")
        debian_packages.install("nginx")
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
