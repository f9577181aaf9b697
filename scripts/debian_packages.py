"""Install Debian packages the tests need (Chromium, its fonts, nginx), the one way.

`make test` installs what is missing when it runs as root on Debian, as CI does. A
package that ships a service (nginx) must not start it: while packages install, a
`policy-rc.d` that refuses every service start is in place (Debian's own mechanism),
unless the machine already has one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

POLICY = Path("/usr/sbin/policy-rc.d")


def can_install() -> bool:
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def install(*packages: str, check: bool = True) -> None:
    """apt-get install ``packages``, non-interactively, starting no service."""
    placed = not POLICY.exists()
    if placed:
        POLICY.write_text("#!/bin/sh\n# no service starts while packages install (scripts/debian_packages.py)\nexit 101\n")
        POLICY.chmod(0o755)
    try:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=check, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=check, env=env)
    finally:
        if placed:
            POLICY.unlink()
