"""snippets/questions_async_unsafe.py: SynchronousOnlyOperation only where an event loop runs."""

from scripts.snippet_runs import run_snippet


def test_the_async_unsafe_snippet_runs_standalone_and_its_asserts_hold():
    run = run_snippet("snippets/questions_async_unsafe.py")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    refused = [line for line in lines if "SynchronousOnlyOperation" in line]
    # Refused once: called in the coroutine, while the event loop runs, without the variable.
    assert refused == [
        "called in the coroutine       : SynchronousOnlyOperation: You cannot call this from an async"
        " context - use a thread or sync_to_async."
    ]
    assert "called in a plain function    : 1 (in MainThread)" in lines
    # sync_to_async ran the call in a thread of its own, with and without the variable.
    through = [line for line in lines if line.startswith("through sync_to_async")]
    assert len(through) == 2 and all(": 1 (in " in line and "MainThread" not in line for line in through)
    assert lines.index("-- the same, with DJANGO_ALLOW_ASYNC_UNSAFE set:") < lines.index(
        "called in the coroutine       : 1 (in MainThread)"
    )
