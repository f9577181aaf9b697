"""The example project's settings with one more app, support/run_once_app.py.

launch_run_once.py runs `manage.py runserver --settings=support.run_once_settings` (with
snippets/ on PYTHONPATH) and sets up Django with it in its own process, so that the app's
ready() runs in every process that imports the settings. Nothing else changes.
"""

from mysite.settings import *  # noqa: F403 (the project's settings, unchanged)

# The AppConfig by its path: Django looks for one itself only in an app's apps.py.
INSTALLED_APPS = [*INSTALLED_APPS, "support.run_once_app.RunOnceConfig"]  # noqa: F405
