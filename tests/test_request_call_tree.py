"""The call tree of one request (calltrees/request.md, on docs/request/index.md) shows what
the page says it shows.

tests/test_call_trees_on_pages.py checks that the committed tree is what a fresh recording
gives; these tests read the committed tree and check the claims the page's prose makes
about it, so that a Django upgrade that changes the path fails here, naming the claim.
"""

from __future__ import annotations

import re

from scripts.includes import ROOT

TREE = ROOT / "calltrees" / "request.md"
_ITEM = re.compile(r"^(?P<indent> *)- (?:\[)?`(?P<name>[^`]+)`")


def calls() -> list[tuple[int, str]]:
    """(depth, short name) of every node, in the order the page lists them."""
    found = []
    for line in TREE.read_text(encoding="utf-8").splitlines():
        if m := _ITEM.match(line):
            found.append((len(m["indent"]) // 4, m["name"]))
    return found


def names() -> list[str]:
    return [name for _, name in calls()]


def test_two_branches_the_servers_loop_and_the_connection_thread():
    top = [name for depth, name in calls() if depth == 0]
    assert top == ["BaseServer._handle_request_noblock", "ThreadingMixIn.process_request_thread"]
    loop = names()[: names().index("ThreadingMixIn.process_request_thread")]
    assert loop == ["BaseServer._handle_request_noblock", "TCPServer.get_request", "ThreadingMixIn.process_request"]


def test_the_thread_reads_a_second_request_on_the_kept_alive_connection():
    assert names().count("WSGIRequestHandler.handle_one_request") == 2
    assert names().count("BaseHTTPRequestHandler.parse_request") == 2
    assert names().count("WSGIHandler.__call__") == 1


def test_middleware_hooks_line_up_in_and_out_around_the_centre():
    order = names()
    hooks = [n for n in order if re.match(r"\w+Middleware\.process_(request|response)$", n) or n == "BaseHandler._get_response"]
    centre = hooks.index("BaseHandler._get_response")
    inward = [h.split(".")[0] for h in hooks[:centre]]
    outward = [h.split(".")[0] for h in hooks[centre + 1 :]]
    assert all(h.endswith("process_request") for h in hooks[:centre])
    assert all(h.endswith("process_response") for h in hooks[centre + 1 :])
    # The ones that have both hooks come out in the reverse of the order they went in.
    both = [m for m in inward if m in outward]
    assert [m for m in outward if m in both] == list(reversed(both))
    assert order.index("TraceMiddleware.__call__") < order.index(hooks[0])


def test_headers_go_out_inside_the_first_write_and_request_finished_comes_last():
    order = names()
    assert order.index("BaseHandler.start_response") < order.index("BaseHandler.write") < order.index("BaseHandler.send_headers")
    finished = max(i for i, n in enumerate(order) if n == "Signal.send")
    assert order.index("BaseHTTPRequestHandler.log_request") < order.index("HttpResponseBase.close") < finished
    assert "reset_urlconf" in order[finished:] and "close_old_connections" in order[finished:]
