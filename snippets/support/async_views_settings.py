"""The example project's settings, with its database in the file `$SNIPPET_DATABASE` (a
snippet's temporary copy, never the project's own) and support/async_views_urls.py as the
URLconf. A snippet selects it, with snippets/ on the path:
`DJANGO_SETTINGS_MODULE=support.async_views_settings`.
"""

import os

from mysite.settings import *  # noqa: F401,F403 (the project's settings, unchanged)

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["SNIPPET_DATABASE"]}}
ROOT_URLCONF = "support.async_views_urls"
