"""The series-texts kind: words on a page that are true for some Django series only.

Pages are shared by every supported series, but a few sentences are not: the banner
``runserver`` prints, the name of the mechanism a release uses. Such a sentence is written
once per series in ``texts/<part>.toml``, and the page includes it where it belongs, on a
line of its own (inside a paragraph is fine): ``--8<-- "texts/<id>.md"``. Each series'
build finds its own ``texts/<id>.md`` (the newest series' at the top, an older one's under
``series/<series>/``), so the page reads right in every series::

    [runserver-banner]
    output = "one_request"     # optional: console text the texts quote is checked in it
    [runserver-banner.series]
    "6.1" = "the console says `Starting WSGI development server at http://127.0.0.1:8000/`"
    "6.0" = "the console says `Starting development server at http://127.0.0.1:8000/`"

A text that differs between the series only by the series' name is written once, as
``every-series``, with ``{series}`` where the name goes (``6.1``, ``5.2``)::

    [django-docs]
    every-series = "[django:ref/signals/]: https://docs.djangoproject.com/en/{series}/ref/signals/"

Every supported series needs its text, and a text for a series ``django-series.txt`` does
not list is an error (retiring a series means deleting its texts). With ``output``, each
inline code span of a series' text is console text: after the output's own replacements
(ports become ``<port>``), it must appear in that series' captured
``outputs/<output>.txt``, which the outputs kind checks against a fresh run in turn.

Checked and rewritten by the engine: ``python -m scripts.generate check|update texts``.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.django_series import Series
from scripts.django_series import newest as newest_series
from scripts.django_series import supported as supported_series
from scripts.generated_files import GeneratedFile, Item, ItemError, line_of, parse_toml, table_line

FOLDER = "texts"
MANIFESTS = f"{FOLDER}/*.toml"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CODE = re.compile(r"`([^`]+)`")


def _listed(root: Path) -> list[str]:
    """The series names of ``root`` (a small project without django-series.txt: the newest)."""
    if (root / "django-series.txt").is_file():
        return [s.name for s in supported_series(root)]
    return [newest_series().name]


class SeriesTextKind:
    name = "texts"
    manifests = MANIFESTS
    generated = (f"{FOLDER}/*.md",)
    per_series = True

    def __init__(self, series: Series | None = None):
        self.series = series

    def for_series(self, series: Series) -> "SeriesTextKind":
        return SeriesTextKind(series)

    def load(self, root: Path, manifest: str, text: str) -> list[Item]:
        items = []
        listed = _listed(root)
        for name, table in parse_toml(manifest, text).items():
            line = table_line(text, name)
            where = f"{manifest}:{line} [{name}]"
            if not _ID.match(name) or not isinstance(table, dict):
                raise ItemError(f"{where}: each text is a table named in lower-case words joined by '-'")
            unknown = set(table) - {"series", "every-series", "output"}
            texts = table.get("series")
            every = table.get("every-series")
            if every is not None:
                if texts is not None or not isinstance(every, str):
                    raise ItemError(f"{where}: either [{name}.series] or `every-series` (one string), not both")
                if "{series}" not in every:
                    raise ItemError(f"{where}: `every-series` is the same for every series without "
                                    "`{series}` in it; write the name of the series there")
                texts = {s: every.replace("{series}", s) for s in listed}
            if unknown or not isinstance(texts, dict):
                raise ItemError(f'{where}: needs [{name}.series] ("<series>" = "text", one per series) or '
                                f"`every-series` (one text with {{series}} in it), and optionally `output`; "
                                f"unknown keys: {sorted(unknown)}")
            for series in texts:
                if series not in listed:
                    at = line_of(text, f'"{series}"', line)
                    raise ItemError(f"{manifest}:{at} [{name}]: a text for Django {series}, which the site does "
                                    f"not support (django-series.txt lists {', '.join(listed)}); remove it")
            missing = [s for s in listed if s not in texts]
            if missing:
                raise ItemError(f"{where}: no text for Django {', '.join(missing)}; every supported series "
                                "needs one (say what holds there)")
            output = table.get("output")
            if output is not None and not (root / "outputs").is_dir():
                raise ItemError(f"{where}: `output` names {output!r}, but there is no outputs/ folder")
            items.append(Item(self.name, name, where, (manifest, line, dict(texts), output)))
        return items

    def paths(self, item: Item, root: Path) -> list[str]:
        return [f"{FOLDER}/{item.name}.md"]

    def render(self, item: Item, root: Path) -> list[GeneratedFile]:
        manifest, line, texts, output = item.spec
        series = self.series or newest_series()
        text = texts[series.name].strip()
        if output is not None:
            self._check_quotes(item, root, series, text, output)
        return [GeneratedFile(
            f"{FOLDER}/{item.name}.md", text + "\n",
            why=f"[{item.name}] in {manifest} says something else for Django {series.name}",
            fresh_label=f"{manifest} [{item.name}] for Django {series.name}",
        )]

    def _check_quotes(self, item: Item, root: Path, series: Series, text: str, output: str) -> None:
        from scripts.outputs import load_manifest

        manifest, line = item.spec[0], item.spec[1]
        shown = {o.name: o for o in load_manifest(root)}
        if output not in shown:
            raise ItemError(f"{item.where}: `output` names {output!r}, which no outputs/*.toml entry declares")
        captured_path = root / series.folder / shown[output].path
        if not captured_path.is_file():
            raise ItemError(f"{item.where}: {series.folder}{shown[output].path} does not exist yet: run "
                            f"`python -m scripts.generate update --django {series.name} outputs {output}` first")
        captured = captured_path.read_text(encoding="utf-8")
        for quote in _CODE.findall(text):
            if shown[output].normalize(quote) not in captured:
                at = line_of((root / manifest).read_text(encoding="utf-8"), f'"{series.name}"', line)
                raise ItemError(
                    f"{manifest}:{at} [{item.name}]: the text for Django {series.name} quotes `{quote}`, which "
                    f"{series.folder}{shown[output].path} (what {shown[output].snippet} prints on "
                    f"Django {series.release}) does not contain; quote what that series prints"
                )


SERIES_TEXTS = SeriesTextKind()
