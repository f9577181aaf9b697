"""measurements/sync-async.md, the recorded run the sync/async page's figures come from,
is a run of the snippet as it is now: with the shown output's placeholders put in, it is
exactly outputs/production_sync_async_measure.txt (which the outputs check holds to a
fresh run). See scripts/sync_async_measurement.py."""

from scripts import outputs, sync_async_measurement
from scripts.includes import ROOT


def test_the_recorded_run_matches_the_snippet_as_it_is():
    shown = next(o for o in outputs.load_manifest(ROOT) if o.name == "production_sync_async_measure")
    recorded = sync_async_measurement.recorded_output(sync_async_measurement.RECORDING.read_text(encoding="utf-8"))
    assert shown.normalize(recorded) == (ROOT / shown.path).read_text(encoding="utf-8"), (
        "measurements/sync-async.md was recorded from another version of the snippet; "
        "refresh it with `python -m scripts.sync_async_measurement`")


def test_the_page_includes_the_recording():
    page = (ROOT / "docs" / "production" / "sync-and-async.md").read_text(encoding="utf-8")
    assert '--8<-- "measurements/sync-async.md"' in page
