"""The call-tree recorder follows coroutines as calls (scripts/call_tree_recorder.py).

Python enters a coroutine's frame again each time it resumes after an ``await``; the
recorder must count the coroutine once, nest what it awaits under it, hang a task under
the call that created it, and hang work sent to a thread pool under the call that sent
it, whether by a thread pool or by asgiref's bridges. The ASGI request's tree
(calltrees/asgi.md) relies on all of these.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import async_to_sync, sync_to_async

from scripts.call_tree_recorder import Node, Recorder, Rules

HERE = __name__
RULES = Rules(include=(f"{HERE}.*",), exclude=(f"{HERE}.record", f"{HERE}.record.*", f"{HERE}.shape"))


def record(coroutine_function) -> Node:
    """The tree of one run of ``coroutine_function``, on an event loop of its own in a new
    thread (the test session may have a loop running in this one)."""
    recorder = Recorder(RULES)
    failures = []

    def run():
        try:
            with recorder:
                asyncio.run(coroutine_function())
        except BaseException as error:  # raised again in the test's thread
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), f"{coroutine_function.__name__} did not finish"
    if failures:
        raise failures[0]
    return recorder.tree()


def shape(node: Node) -> list:
    """[name, count, [children...]] with names shortened to the function's own."""
    return [[child.name.removeprefix(f"{HERE}."), child.count, shape(child)] for child in node.children]


async def pause():
    await asyncio.sleep(0)


async def awaits_twice():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return 2


def test_a_coroutine_that_awaits_twice_is_one_call():
    assert shape(record(awaits_twice)) == [["awaits_twice", 1, []]]


async def inner():
    await pause()
    await pause()


async def outer():
    await inner()
    helper()  # called after two resumptions: still under outer


def helper():
    return 1


def test_nested_awaits_nest_and_calls_after_a_resumption_stay_under_their_coroutine():
    assert shape(record(outer)) == [["outer", 1, [["inner", 1, [["pause", 2, []]]], ["helper", 1, []]]]]


async def listens():
    await asyncio.sleep(3600)  # cancelled: resumed by throw(), still one call


async def with_a_task_group():
    async with asyncio.TaskGroup() as group:
        listener = group.create_task(listens())
        await pause()
        listener.cancel()


def test_a_task_hangs_under_the_call_that_created_it_even_when_cancelled():
    assert shape(record(with_a_task_group)) == [["with_a_task_group", 1, [["listens", 1, []], ["pause", 1, []]]]]


def in_a_thread():
    return helper()


async def sends_work_to_a_thread():
    with ThreadPoolExecutor(max_workers=1) as pool:
        await asyncio.get_running_loop().run_in_executor(pool, in_a_thread)


def test_work_in_a_pool_thread_hangs_under_the_call_that_submitted_it():
    assert shape(record(sends_work_to_a_thread)) == [
        ["sends_work_to_a_thread", 1, [["in_a_thread", 1, [["helper", 1, []]]]]]
    ]


def back_to_the_loop():
    return async_to_sync(inner)()


async def through_asgiref():
    await sync_to_async(back_to_the_loop)()


def test_asgirefs_bridges_keep_the_calls_in_one_branch():
    # sync_to_async sends back_to_the_loop to a thread; async_to_sync sends inner back to
    # the loop's thread as a task: both hang under the call that sent them.
    assert shape(record(through_asgiref)) == [
        ["through_asgiref", 1, [["back_to_the_loop", 1, [["inner", 1, [["pause", 2, []]]]]]]]
    ]
