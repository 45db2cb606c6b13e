"""read_paths as a whole: recognition by content, --app, refusals, the merge rule, the summary
and the package's layering (parsers are pure: no storage, no CLI, no SQL)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from cramplog.domain.entries import Drink, Food, Run
from cramplog.errors import InvalidInput
from cramplog.importers import Imported, Summary
from cramplog.importers.records import candidate_keys, match_key

from .fitwriter import activity_file

UTC = dt.timezone.utc
START = dt.datetime(2024, 7, 6, 5, 45, 10, tzinfo=UTC)


def test_files_are_recognised_by_content_not_name(tmp_path, read):
    (tmp_path / "notes.txt").write_bytes(activity_file(start=START))
    (tmp_path / "run.fit").write_text(
        '<?xml version="1.0"?><gpx><trk><trkseg><trkpt lat="1" lon="1">'
        '<time>2024-01-01T10:00:00Z</time></trkpt><trkpt lat="1.01" lon="1">'
        "<time>2024-01-01T10:06:00Z</time></trkpt></trkseg></trk></gpx>"
    )
    batch = read(tmp_path / "notes.txt", tmp_path / "run.fit")
    assert sorted(r.source for r in batch.records) == ["fit", "gpx"]


def test_app_forces_one_importer_and_in_folders_reads_only_its_files(tmp_path, read):
    (tmp_path / "a.fit").write_bytes(activity_file(start=START))
    (tmp_path / "b.csv").write_text("Date,Magnesium (mg),Potassium (mg)\n2024-01-01,300,2000\n")
    batch = read(tmp_path, source="cronometer")
    assert [r.source for r in batch.records] == ["cronometer"]
    with pytest.raises(InvalidInput, match="not a FIT file"):
        read(tmp_path / "b.csv", source="fit")
    with pytest.raises(InvalidInput, match="--app knows no app 'garmin'"):
        read(tmp_path, source="garmin")


def test_unrecognised_files_named_are_refused_and_in_folders_skipped(tmp_path, read):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    (tmp_path / "cramplog.json").write_text('{"format": "cramplog", "entries": []}')
    (tmp_path / "a.fit").write_bytes(activity_file(start=START))
    assert read(tmp_path).summary.skipped == {"other files": 2}
    with pytest.raises(InvalidInput, match="photo.jpg: not a file cramplog can import"):
        read(tmp_path / "photo.jpg")
    with pytest.raises(InvalidInput, match="cramplog.json: a JSON file"):
        read(tmp_path / "cramplog.json")
    with pytest.raises(InvalidInput, match="nothing-here: no such file or folder"):
        read(tmp_path / "nothing-here")


def test_a_broken_zip_is_refused(tmp_path, read):
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x03\x04" + bytes(50))
    with pytest.raises(InvalidInput, match="export.zip: not a readable zip file"):
        read(path)


def run(at: dt.datetime, km: float, **kw) -> Run:
    return Run(at=at, tz="UTC", distance_km=km, **kw)


@pytest.mark.parametrize(
    "shift_s,km,same",
    [
        (0, 5.0, True),
        (29, 5.04, True),
        (31, 5.06, True),  # across minute and 0.1 km bucket edges
        (60, 5.0, True),
        (-60, 5.1, True),  # within a minute and 0.1 km: always
        (120, 5.04, False),
        (0, 5.3, False),  # two minutes or 0.2 km apart: never
    ],
)
def test_the_match_rule(shift_s, km, same):
    a = run(START.replace(second=29), 5.04)
    b = run(START.replace(second=29) + dt.timedelta(seconds=shift_s), km)
    assert (match_key(b) in candidate_keys(a)) is same
    assert (match_key(a) in candidate_keys(b)) is same  # symmetric


def test_match_keys_of_other_kinds():
    noon = dt.datetime(2024, 7, 6, 10, 0, tzinfo=UTC)
    food = Food(at=noon, tz="Europe/Berlin", text="daily total from Cronometer via Apple Health", magnesium_mg=1)
    assert match_key(food) == "daily-nutrients|2024-07-06|cronometer"
    assert match_key(Drink(at=noon, amount_ml=250)) == "drink|2024-07-06T10:00Z|250"
    assert Imported(food, "apple_health", "x").origin == "cronometer"


def test_two_runs_of_one_source_are_never_merged(tmp_path, read):
    # two laps of a track session logged as separate activities a minute apart, same distance
    (tmp_path / "a.fit").write_bytes(activity_file(start=START, distance_m=400, serial=1))
    (tmp_path / "b.fit").write_bytes(activity_file(start=START + dt.timedelta(seconds=60), distance_m=400, serial=2))
    assert len(read(tmp_path).records) == 2


def test_the_summary_line_and_json():
    s = Summary()
    s.imported.update({"run": 439})
    s.add_shoe("Pegasus")
    s.add_shoe("pegasus")
    s.skip("walks", 64)
    s.skip("workouts", 59)
    assert s.line() == "imported 439 runs, 1 shoe; skipped 64 walks, 59 workouts; 0 already there"
    assert s.to_dict()["skipped"] == {"walks": 64, "workouts": 59}
    assert Summary().line() == "imported nothing; 0 already there"
    s.already_there, s.filled, s.filled_entries = 3, {"note": 2, "shoe": 1}, 2
    assert s.line().endswith("; 3 already there, 2 filled in (note, shoe)")
    assert s.to_dict()["filled_in"] == {"note": 2, "shoe": 1}


PACKAGE = Path(__file__).resolve().parents[2] / "cramplog" / "importers"


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_importers_are_pure(path):
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(("." * node.level) + (node.module or ""))
    bad = {
        m
        for m in imported
        if m.split(".")[0] in ("sqlite3", "sqlalchemy", "pandas", "textual", "click")
        or m.lstrip(".").startswith(("storage", "cli", "ui", "analysis"))
        or m.startswith(("cramplog.storage", "cramplog.cli", "cramplog.ui", "cramplog.analysis"))
    }
    assert not bad


def test_progress_reaches_the_total_and_moves_within_a_large_health_export(tmp_path, read):
    from .healthgen import write_export

    write_export(tmp_path / "export.xml", 3_000_000)
    (tmp_path / "a.fit").write_bytes(activity_file(start=START))
    calls = []
    read(tmp_path, progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls[-1][0] == total == sum(p.stat().st_size for p in tmp_path.iterdir())
    assert len(calls) > 3 and [d for d, _ in calls] == sorted(d for d, _ in calls)
