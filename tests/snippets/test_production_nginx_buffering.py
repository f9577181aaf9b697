"""snippets/production_nginx_buffering.py: behind real nginx with its defaults, a stream
arrives all at the end; X-Accel-Buffering: no, proxy_buffering off and proxy_http_version
1.1 each let every line through before the next is produced."""

import pytest

from scripts.snippet_runs import run_snippet

# Its runs come first in the session, with no other background work: it tells a stream
# from a held-back one by when lines 0.4 s apart arrive.
pytestmark = pytest.mark.quiet_machine


def test_nginx_holds_a_stream_back_only_with_its_defaults():
    run = run_snippet("snippets/production_nginx_buffering.py")
    assert run.returncode == 0, run.stderr
    results = dict(line.split(":  ", 1) for line in run.stdout.splitlines())
    assert {k.strip(): v.strip() for k, v in results.items()} == {
        "gunicorn, no proxy": "each line before the next was produced",
        "nginx with its defaults": "all at the end, after the last was produced",
        "the same, X-Accel-Buffering: no": "each line before the next was produced",
        "nginx, proxy_buffering off": "each line before the next was produced",
        "nginx, proxy_http_version 1.1": "each line before the next was produced",
    }
