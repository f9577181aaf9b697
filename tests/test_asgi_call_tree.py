"""The call tree of one request under uvicorn (calltrees/asgi.md, on
docs/production/asgi.md) shows what the page says it shows.

The engine's check compares the committed tree with a fresh recording; these tests read
the committed tree and check the claims the page's prose makes about it, so that an
upgrade of Django, asgiref or uvicorn that changes the path fails here, naming the claim.
"""

from __future__ import annotations

import re

from scripts.includes import ROOT

TREE = ROOT / "calltrees" / "asgi.md"
_ITEM = re.compile(r"^(?P<indent> *)- (?:\[)?`(?P<name>[^`]+)`")


def calls() -> list[tuple[int, str]]:
    """(depth, short name) of every node, in the order the page lists them."""
    return [(len(m["indent"]) // 4, m["name"]) for line in TREE.read_text(encoding="utf-8").splitlines()
            if (m := _ITEM.match(line))]


def children(name: str) -> list[str]:
    """The names directly under the first node called ``name``."""
    found = calls()
    start = next(i for i, (_, n) in enumerate(found) if n == name)
    depth = found[start][0]
    below = []
    for d, n in found[start + 1:]:
        if d <= depth:
            break
        if d == depth + 1:
            below.append(n)
    return below


def test_uvicorn_parses_starts_the_task_and_sees_the_connection_close():
    assert [n for d, n in calls() if d == 0] == [
        "H11Protocol.connection_made", "H11Protocol.data_received",
        "H11Protocol.eof_received", "H11Protocol.connection_lost"]
    assert children("H11Protocol.handle_events") == ["RequestResponseCycle.run_asgi"]
    assert children("ProxyHeadersMiddleware.__call__") == ["ASGIHandler.__call__"]


def test_the_handler_reads_the_body_first_and_closes_last_inside_one_context():
    assert children("ASGIHandler.__call__") == [
        "ThreadSensitiveContext.__aenter__", "ASGIHandler.handle", "ThreadSensitiveContext.__aexit__"]
    assert children("ASGIHandler.handle") == [
        "ASGIHandler.read_body", "set_script_prefix", "Signal.asend", "ASGIHandler.create_request",
        "ASGIHandler.listen_for_disconnect", "ASGIHandler.run_get_response", "ASGIHandler.send_response",
        "SyncToAsync.__call__"]
    assert children("ASGIHandler.read_body") == children("ASGIHandler.listen_for_disconnect") == [
        "RequestResponseCycle.receive"]
    assert children("ASGIHandler.send_response") == ["RequestResponseCycle.send"] * 2


def test_every_sync_part_is_sent_through_sync_to_async():
    found = calls()
    for i, (depth, name) in enumerate(found):
        if re.match(r"\w+Middleware\.process_(request|response|view)$", name) or name in (
                "index", "HttpResponseBase.close", "log_request_started"):
            parent = next(n for d, n in reversed(found[:i]) if d == depth - 1)
            assert parent == "SyncToAsync.__call__", (name, parent)


def test_the_sync_middleware_calls_the_async_rest_of_the_chain_through_async_to_sync():
    assert children("TraceMiddleware.__call__") == ["AsyncToSync.__call__"]
    assert children("AsyncToSync.__call__") == ["AsyncToSync.main_wrap"]
    inner = children("AsyncToSync.main_wrap")
    assert inner.count("SyncToAsync.__call__") == 12 and "BaseHandler._get_response_async" in inner
