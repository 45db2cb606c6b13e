"""Real files written by devices and apps, imported through the real entry point on a fresh
journal and held to the facts an independent parser found in them (tests/importers/real/:
MANIFEST.json, written by facts.py with fitdecode, gpxpy, ElementTree and the csv module).

Count, start instant and zone, duration (to the second) and distance (within 1%) are checked; a
file fitdecode refuses must be refused by name; importing a file again must add nothing. The
files are read from their repositories' snapshots (real/README.md); where those were not
fetched, the test says so and skips.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path, PurePosixPath

import pytest

from tests.importers.real.corpus import USER_ZONE, blob

MANIFEST = json.loads((Path(__file__).parent / "real" / "MANIFEST.json").read_text())
FILES = MANIFEST["files"]


def test_the_corpus_is_wide_enough_and_its_facts_are_for_this_journals_zone():
    assert len(FILES) >= 40
    assert len({f["made_by"].split(" (")[0] for f in FILES}) >= 10
    assert MANIFEST["user_zone"] == USER_ZONE
    formats = {PurePosixPath(f["path"]).suffix for f in FILES}
    assert {".fit", ".gpx", ".tcx", ".csv", ".xml"} <= formats


@pytest.fixture
def real(tmp_path):
    def fetch(entry: dict) -> Path:
        data = blob(entry["repo"], entry["blob"])
        if data is None:
            pytest.skip(f"{entry['repo']} is not fetched here (tests/importers/real/README.md)")
        path = tmp_path / "files" / PurePosixPath(entry["path"]).name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        return path

    return fetch


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.timezone.utc)


def _zone(expected: str) -> str:
    return USER_ZONE if expected == "user" else expected


def _same_run(got: dict, want: dict, what: str) -> None:
    assert _when(got["at"]) == _when(want["start"]), what
    assert got["tz"] == _zone(want["zone"]), what
    assert got["duration_s"] == pytest.approx(want["seconds"], abs=1) if want["seconds"] else got["duration_s"] is None
    if want["km"] is None:
        assert (got["distance_km"], got["workout"]) == (None, "other"), what
    else:
        assert got["distance_km"] == pytest.approx(want["km"], rel=0.01), what
    if "surface" in want:
        assert got["surface"] == want["surface"], what


@pytest.mark.parametrize("entry", FILES, ids=lambda f: f["id"])
def test_a_real_file_comes_in_as_an_independent_parser_reads_it(cli, real, entry):
    path, want = real(entry), entry["expect"]
    code, out, err = cli("import", str(path), "--json")
    if "refused" in want:
        assert code == 2 and err.startswith(f"error: {path}: ") and err.count("\n") == 1, err
        assert cli.entries() == []
        return
    assert code == 0, err
    summary = json.loads(out)
    entries = cli.entries()
    runs = sorted((e for e in entries if e["kind"] == "run"), key=lambda e: _when(e["at"]))
    what = f"{entry['id']} ({entry['made_by']})"
    if "count" in want:  # a Strava export: hundreds of runs
        assert len(runs) == want["count"], what
        _same_run(runs[0], want["first"], what)
        _same_run(runs[-1], want["last"], what)
        assert sum(r["distance_km"] or 0 for r in runs) == pytest.approx(want["total_km"], rel=0.01)
    elif "days" in want:  # Cronometer: one food entry per logged day
        foods = sorted((e for e in entries if e["kind"] == "food"), key=lambda e: e["at"])
        assert len(foods) == want["days"], what
        for got, day in ((foods[0], want["first"]), (foods[-1], want["last"])):
            assert got["at"][:10] == day["day"]
            assert got["magnesium_mg"] == pytest.approx(day.get("magnesium_mg", 0), abs=0.1)
            assert got["potassium_mg"] == pytest.approx(day.get("potassium_mg", 0), abs=0.1)
    else:
        assert len(runs) == len(want["runs"]), f"{what}: {runs}"
        for got, expected in zip(runs, want["runs"]):
            _same_run(got, expected, what)
    if "drinks" in want:
        assert sum(e["kind"] == "drink" for e in entries) == want["drinks"]
        assert sum(e["kind"] == "food" for e in entries) == want["food_days"]
    if want.get("impossible_pace"):
        assert summary["skipped"]["with an impossible pace"] == want["impossible_pace"]
    assert bool(summary["warnings"]) is ("warning" in want), summary["warnings"]
    code, out, _ = cli("import", str(path), "--json")
    again = json.loads(out)
    assert code == 0 and again["imported"] == {} and again["already_there"] == sum(summary["imported"].values())
