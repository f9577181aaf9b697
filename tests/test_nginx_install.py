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
