"""Which `runserver` command runs in a project made by startproject, and why.

    python snippets/launch_which_runserver.py

Asks Django the questions ManagementUtility asks when you type `python manage.py
runserver`: which app provides the command (get_commands()), and which class
fetch_command() loads. Then it asks again with django.contrib.staticfiles taken out of
INSTALLED_APPS, to show that this one app is the reason.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "mysite"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
sys.stderr = sys.stdout  # one console, as in a terminal: the project logs to stderr

import django

django.setup()

# --8<-- [start:ask]
from django.apps import apps
from django.conf import settings
from django.core.management import ManagementUtility, find_commands, get_commands
from django.core.management.commands.runserver import Command as CoreRunserver
from django.test.utils import override_settings

providers = [c.name for c in apps.get_app_configs() if "runserver" in find_commands(Path(c.path) / "management")]
print("installed apps with a management/commands/runserver.py:", providers)
print(f"get_commands()['runserver'] = {get_commands()['runserver']!r}")

command = ManagementUtility(["manage.py", "runserver"]).fetch_command("runserver")
print(f"fetch_command('runserver') loads {type(command).__module__}.{type(command).__qualname__}")
print(f"  a subclass of {CoreRunserver.__module__}.{CoreRunserver.__qualname__}: {isinstance(command, CoreRunserver)}")
print(f"  its help: {command.help!r}")


def options(cmd):
    return {o for action in cmd.create_parser("manage.py", "runserver")._actions for o in action.option_strings}


print("  options it adds:", " ".join(sorted(options(command) - options(CoreRunserver()))))

without = [app for app in settings.INSTALLED_APPS if app != "django.contrib.staticfiles"]
print("with INSTALLED_APPS overridden to leave staticfiles out (a new registry: ready() runs again):")
with override_settings(INSTALLED_APPS=without):
    get_commands.cache_clear()  # get_commands() is cached: make it look again
    app_without_staticfiles = get_commands()["runserver"]
    print(f"  get_commands()['runserver'] = {app_without_staticfiles!r}")
get_commands.cache_clear()
# --8<-- [end:ask]

assert providers == ["django.contrib.staticfiles"]
assert app_without_staticfiles == "django.core"
assert get_commands()["runserver"] == "django.contrib.staticfiles"
assert type(command).__module__ == "django.contrib.staticfiles.management.commands.runserver"
assert isinstance(command, CoreRunserver) and type(command) is not CoreRunserver
assert options(command) - options(CoreRunserver()) == {"--nostatic", "--insecure"}
