"""snippets/production_sync_async_middleware.py: startproject's middleware can all run
async; one sync-only middleware makes load_middleware(is_async=True) adapt the chain
around it, and below the others it takes them all into sync mode."""

from scripts.snippet_runs import run_snippet


def test_flags_and_adapted_chains():
    run = run_snippet("snippets/production_sync_async_middleware.py")
    assert run.returncode == 0, run.stderr
    flags, plain, above, below = run.stdout.split("\n\n")[:4]
    assert flags.splitlines()[2] == "| hello.middleware.TraceMiddleware | True | False |"
    assert flags.count("| True | True |") == 7
    assert "Django logged" not in plain
    assert "Django logged: Asynchronous handler adapted for middleware hello.middleware.TraceMiddleware." in above
    assert above.splitlines()[2:5] == ["    sync_to_async(...)", "    TraceMiddleware (sync only)", "    async_to_sync(...)"]
    assert below.count("(sync)") == 7 and "(async)" not in below
