"""scripts/nginx.py: `make test` finds nginx, or installs it as root, or says what to install."""

from __future__ import annotations

from scripts import nginx


def test_nginx_is_found_for_the_production_snippets():
    assert nginx.find_nginx(), "make test installs nginx as root; otherwise install Debian's nginx package"


def test_NGINX_points_at_another_binary(monkeypatch, tmp_path):
    binary = tmp_path / "nginx"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.setenv("NGINX", str(binary))
    assert nginx.find_nginx() == str(binary)


def test_without_nginx_and_without_root_it_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(nginx, "find_nginx", lambda: None)
    monkeypatch.setattr(nginx.os, "geteuid", lambda: 1000)
    assert nginx.ensure() == 1
    assert "Install your system's nginx package (Debian: sudo apt-get install nginx" in capsys.readouterr().err


def test_installing_a_package_refuses_service_starts_while_it_installs(monkeypatch, tmp_path):
    from scripts import debian_packages

    policy = tmp_path / "policy-rc.d"
    monkeypatch.setattr(debian_packages, "POLICY", policy)
    seen = []

    def apt_get(command, check, env):
        seen.append((command, policy.read_text().strip().splitlines()[-1], env["DEBIAN_FRONTEND"]))

    monkeypatch.setattr(debian_packages.subprocess, "run", apt_get)
    debian_packages.install("nginx")
    assert seen == [
        (["apt-get", "update", "-qq"], "exit 101", "noninteractive"),
        (["apt-get", "install", "-y", "-qq", "nginx"], "exit 101", "noninteractive"),
    ]
    assert not policy.exists(), "the policy the install placed is taken away again"
    policy.write_text("#!/bin/sh\nexit 101\n")
    debian_packages.install("nginx")
    assert policy.exists(), "a policy the machine had is left as it was"
