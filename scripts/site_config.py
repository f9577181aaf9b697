"""Read mkdocs.yml as plain data, without MkDocs.

Both builders (MkDocs and Zensical) read mkdocs.yml, and the checks that must hold under
either (every page in `nav`, the accessibility fixes listed, no template override) read it
too; they cannot rely on MkDocs' own loader being installed. Python tags such as
``!!python/name:...`` come back as their name (a string), not as the object.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

CONFIG = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps tagged values (``!!python/name:x``, ``!ENV``) as text."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    return suffix + loader.construct_scalar(node)


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_Loader.add_multi_constructor("!", _tagged)


def load_config(root: Path, name: str = CONFIG) -> dict:
    with open(root / name, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader) or {}


def env_value(value):
    """A value as MkDocs resolves it: ``!ENV [NAME, default]`` (read here as the list
    ``[NAME, default]``) is the variable NAME when it is set, else the default."""
    if isinstance(value, list):
        *names, default = value
        return next((os.environ[name] for name in names if name in os.environ), default)
    return value


def repo_url(config: dict) -> str:
    """The repository the build links to: ``repo_url``, with its ``!ENV`` resolved."""
    return env_value(config["repo_url"])


def site_url(config: dict) -> str:
    """Where the build says it is published: ``site_url``, with its ``!ENV`` resolved."""
    return env_value(config["site_url"])


def nav_pages(nav) -> list[str]:
    """Every page path (relative to docs/) that ``nav`` names, in order; links to other
    sites (``https://...``) are not pages."""
    found: list[str] = []
    for entry in nav or []:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            found += nav_pages(value)
        elif isinstance(value, str) and "://" not in value:
            found.append(value)
    return found
