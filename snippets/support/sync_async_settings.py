"""The example project's settings with the seven middleware of `startproject` (without the
hello app's TraceMiddleware) and support/sync_async_urls.py as the URLconf, for the page
on sync and async code across servers. A snippet selects it, with snippets/ on the path:
`DJANGO_SETTINGS_MODULE=support.sync_async_settings`.

Two environment variables let one snippet vary what it serves without a settings module
per case: `SNIPPET_EXTRA_MIDDLEWARE`, dotted paths (comma-separated) put above the seven,
and `SNIPPET_DATABASE`, the SQLite file to use (a snippet's temporary file; without it, a
database in memory, so that nothing is ever written into the project).
"""

import os

from mysite.settings import *  # noqa: F401,F403 (the project's settings, unchanged)
from mysite.settings import MIDDLEWARE as PROJECT_MIDDLEWARE

STARTPROJECT_MIDDLEWARE = [path for path in PROJECT_MIDDLEWARE if not path.startswith("hello.")]
EXTRA_MIDDLEWARE = [path for path in os.environ.get("SNIPPET_EXTRA_MIDDLEWARE", "").split(",") if path]
MIDDLEWARE = [*EXTRA_MIDDLEWARE, *STARTPROJECT_MIDDLEWARE]
ROOT_URLCONF = "support.sync_async_urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("SNIPPET_DATABASE", ":memory:")}}
