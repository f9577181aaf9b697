"""404 and 500 with DEBUG on and off, the project's own handlers, and why a custom 404
page may not show.

    python snippets/request_error_pages.py

Serves the example project three times: as generated (DEBUG on); with DEBUG off and
ALLOWED_HOSTS set; and with DEBUG off and ALLOWED_HOSTS left empty. Each time it asks
for a URL no view matches and for /boom/, whose view raises. The project's
mysite/urls.py names its own handlers: `handler404` and `handler500`.
"""

from django.core.management import CommandError, call_command

from support.client import get, gist
from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


def ask(port):
    for path in ("/nowhere/", "/boom/"):
        response, body = get(port, path)
        say(f"  GET {path}: {response.status}, {gist(body)}")


# --8<-- [start:runs]
say("-- DEBUG = True (as generated)")
with serving() as port:
    ask(port)

say("-- DEBUG = False, ALLOWED_HOSTS = ['127.0.0.1']")
with serving(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"]) as port:
    ask(port)

say("-- DEBUG = False, ALLOWED_HOSTS = []")
with serving(DEBUG=False, ALLOWED_HOSTS=[]) as port:
    try:
        call_command("runserver", "127.0.0.1:0", use_reloader=False)
    except CommandError as exc:
        say(f"  runserver itself refuses to start: CommandError: {exc}")
    ask(port)
# --8<-- [end:runs]

assert log[1:3] == [
    "  GET /nowhere/: 404, page titled 'Page not found at /nowhere/'",
    "  GET /boom/: 500, page titled 'RuntimeError at /boom/'",
]
# With DEBUG off, the project's handlers answer instead of Django's debug pages.
assert log[4:6] == [
    "  GET /nowhere/: 404, 'hello: no page at /nowhere/\\n'",
    "  GET /boom/: 500, 'hello: something went wrong\\n'",
]
# With DEBUG off and no ALLOWED_HOSTS, every request is refused, whatever its URL.
assert log[7] == "  runserver itself refuses to start: CommandError: You must set settings.ALLOWED_HOSTS if DEBUG is False."
assert [line.split(": ", 1)[1] for line in log[8:]] == ["400, page titled 'Bad Request (400)'"] * 2
