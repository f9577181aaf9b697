"""The example project's settings, with every line the hello app logs tagged with the id
of the process that logs it.

A production server runs the project in several processes: a gunicorn master and its
workers. The hello app narrates `ready()`, its middleware's `__init__` and each request;
with the process id on each line, a snippet can tell which process did what. Nothing else
changes. A snippet selects it as a server's settings module (with snippets/ on the path):
`DJANGO_SETTINGS_MODULE=support.pid_logging_settings`.
"""

from mysite.settings import *  # noqa: F401,F403 (the project's settings, unchanged)
from mysite.settings import LOGGING

LOGGING = {
    **LOGGING,
    "formatters": {"hello": {"format": "[hello] pid {process}: {message}", "style": "{"}},
}
