"""The example project's settings with one change: the URLconf is support/streaming_urls.py,
the project's URLs plus a streaming view. A snippet selects it as a server's settings
module, with snippets/ on the path: `DJANGO_SETTINGS_MODULE=support.streaming_settings`.
"""

from mysite.settings import *  # noqa: F401,F403 (the project's settings, unchanged)

ROOT_URLCONF = "support.streaming_urls"
