"""gunicorn's gthread worker: one process, several threads, each with its own database
connection.

    python snippets/production_gunicorn_gthread.py

Starts real gunicorn with one worker and `--threads 2` on the example project (on
127.0.0.1 and a port the system picks, its database in a temporary folder), then sends
two requests at once, twice, to a view that waits until both requests are inside it (so
it answers only if two threads serve them at the same time) and then queries the
database (support/sync_async_urls.py). Each answer names the process, the thread and the
`DatabaseWrapper` object that ran the query.
"""

import sys
import tempfile
from pathlib import Path

from support.server_process import ServerProcess
from support.simultaneous_requests import simultaneous_gets

SNIPPETS = Path(__file__).resolve().parent
MYSITE = SNIPPETS / "mysite"

with tempfile.TemporaryDirectory() as folder:
    env = {"DJANGO_SETTINGS_MODULE": "support.sync_async_settings", "PYTHONPATH": str(SNIPPETS),
           "SNIPPET_DATABASE": str(Path(folder) / "db.sqlite3")}
    # --8<-- [start:command]
    command = [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0",
               "--workers", "1", "--threads", "2", "mysite.wsgi"]
    # --8<-- [end:command]
    with ServerProcess("gunicorn", command, ready=r"Listening at: http://127\.0\.0\.1:(\d+)",
                       cwd=MYSITE, env=env) as gunicorn:
        rounds = []
        for _ in range(2):
            statuses, answers, _ = simultaneous_gets(gunicorn.port, "/db/", 2)
            assert statuses == [200, 200], statuses
            rounds.append(sorted(answers, key=lambda answer: answer["thread"]))
    log = gunicorn.log  # all of it, now that gunicorn has stopped

workers = [line.split("pid: ")[1] for line in log if "Booting worker with pid: " in line]
names = {}
label = lambda kind, value: names.setdefault((kind, value), f"{kind} {sum(k == kind for k, _ in names) + 1}")  # noqa: E731

print("$ gunicorn --workers 1 --threads 2 mysite.wsgi")
print(f"  gunicorn logged: {next(line.split('] ')[-1] for line in log if 'Using worker:' in line)}")
for number, answers in enumerate(rounds, 1):
    print(f"  two GET /db/ at once, round {number}:")
    for answer in answers:
        pid = "the worker" if [str(answer["pid"])] == workers else f"pid {answer['pid']}"
        print(f"    {pid}, {label('thread', answer['thread'])}, {label('DatabaseWrapper', answer['wrapper'])}")

assert any(line.endswith("Using worker: gthread") for line in log)
everything = [answer for answers in rounds for answer in answers]
assert {str(answer["pid"]) for answer in everything} == set(workers) and len(workers) == 1
for answers in rounds:  # in each round, two threads at once, each with its own connection
    assert len({answer["thread"] for answer in answers}) == 2
    assert len({answer["wrapper"] for answer in answers}) == 2
# The same thread, the same DatabaseWrapper, round after round.
assert {(a["thread"], a["wrapper"]) for a in rounds[0]} == {(a["thread"], a["wrapper"]) for a in rounds[1]}
