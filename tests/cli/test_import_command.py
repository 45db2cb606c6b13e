"""`cramplog import PATH...` through the real entry point: other apps' files land in the journal
through the one writer, idempotently, all or nothing; shoes from Strava gear are matched by name."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from tests.importers.fitwriter import Activity, encode_activity
from tests.importers.test_strava import export, row

UTC = dt.timezone.utc


def strava_with_fit(tmp_path):
    """A Strava export whose first run also comes as its own FIT file, outside the export."""
    folder = export(
        tmp_path,
        [
            row(101, "May 1, 2024, 6:30:12 AM", gear="Pegasus 40"),
            row(102, "May 3, 2024, 6:30:00 AM", gear="pegasus 40", metres="8000.0"),
            row(103, "May 4, 2024, 7:00:00 AM", kind="Walk"),
        ],
    )
    fit = tmp_path / "morning.fit"
    fit.write_bytes(encode_activity(Activity(start=dt.datetime(2024, 5, 1, 6, 30, 12, tzinfo=UTC), distance_m=5020.5)))
    return folder, fit


def test_strava_and_fit_import_once_and_again_adds_nothing(cli, tmp_path):
    folder, fit = strava_with_fit(tmp_path)
    code, out, err = cli("import", str(folder), str(fit))
    assert code == 0, err
    assert out.startswith("imported 2 runs, 1 shoe;") and "1 walk" in out and "0 already there" in out
    runs = [e for e in cli.entries() if e["kind"] == "run"]
    shoes = [e for e in cli.entries() if e["kind"] == "shoe"]
    assert len(runs) == 2 and [s["name"] for s in shoes] == ["Pegasus 40"]
    assert {r["shoe_id"] for r in runs} == {shoes[0]["id"]}
    code, out, _ = cli("import", str(folder), str(fit))
    assert code == 0 and out.startswith("imported nothing") and "2 already there" in out
    code, out, _ = cli("import", str(fit))  # the FIT file alone is the Strava run already there
    assert code == 0 and "1 already there" in out and len(cli.entries()) == 3


def test_a_corrupt_file_among_good_ones_writes_nothing(cli, tmp_path):
    folder, fit = strava_with_fit(tmp_path)
    broken = tmp_path / "broken.fit"
    data = bytearray(fit.read_bytes())
    data[-1] ^= 0xFF  # bad CRC
    broken.write_bytes(bytes(data))
    before = cli.db.read_bytes() if cli.db.exists() else b""
    code, out, err = cli("import", str(folder), str(broken))
    assert code == 2 and err.startswith("error: ") and "broken.fit" in err and err.count("\n") == 1
    assert (cli.db.read_bytes() if cli.db.exists() else b"") == before


def test_a_dry_run_runs_the_same_checks_and_writes_nothing(cli, tmp_path):
    folder, fit = strava_with_fit(tmp_path)
    cli("drink", "250")
    before = cli.entries()
    code, out, _ = cli("import", str(folder), str(fit), "--dry-run", "--json")
    summary = json.loads(out)
    assert code == 0 and summary["dry_run"] and summary["imported"] == {"run": 2}
    assert summary["shoes"] == ["Pegasus 40"] and cli.entries() == before


def test_export_import_export_is_identical_and_a_merge_gives_the_union(cli, tmp_path):
    for args in (
        ("drink", "250"),
        ("run", "5", "--shoe", "Nimbus"),
        ("checkin", "--no-cramps"),
        ("cramp", "calf", "-s", "6", "--note", "ow"),
    ):
        assert cli(*args)[0] == 0
    first = tmp_path / "a.json"
    cli("export", "-o", str(first))
    other = tmp_path / "other.db"
    from cramplog.cli import main

    assert main(["--db", str(other), "import", str(first)]) == 0
    assert main(["--db", str(other), "drink", "400", "--at", "1 hour ago"]) == 0
    second = tmp_path / "b.json"
    assert main(["--db", str(other), "export", "-o", str(second)]) == 0

    def entries(path):
        return sorted((e["uid"], e["kind"], e["at"]) for e in json.loads(path.read_text())["entries"])

    assert set(entries(first)) <= set(entries(second))
    code, out, _ = cli("import", str(second))
    assert code == 0 and out.startswith("imported 1 drink; 5 already there")
    third = tmp_path / "c.json"
    cli("export", "-o", str(third))
    assert entries(third) == entries(second)


def test_a_stored_workout_without_a_distance_does_not_break_the_match(cli, tmp_path):
    folder, _ = strava_with_fit(tmp_path)
    assert cli("run", "--kind", "jump_rope", "--time", "15min", "--at", "2024-05-01T06:31:00Z")[0] == 0
    code, out, err = cli("import", str(folder))
    assert code == 0, err
    assert out.startswith("imported 2 runs")


def test_strava_gear_finds_a_shoe_by_the_one_name_rule(cli, tmp_path):
    """Gear named with other case, spacing or accents' case is the shoe already there."""
    assert cli("shoe", "Pégasus   40")[0] == 0
    folder = export(tmp_path, [row(101, "May 1, 2024, 6:30:12 AM", gear="PÉGASUS 40")])
    code, out, err = cli("import", str(folder))
    assert code == 0, err
    shoes = [e for e in cli.entries() if e["kind"] == "shoe"]
    runs = [e for e in cli.entries() if e["kind"] == "run"]
    assert [s["name"] for s in shoes] == ["Pégasus 40"] and runs[0]["shoe_id"] == shoes[0]["id"]


def test_strava_after_the_watch_fills_in_the_shoe_name_and_effort_and_says_so(cli, tmp_path):
    """The watch's FIT file first, Strava's CSV later: the run is already there, and Strava adds
    what it lacks (shoes are a risk factor) instead of being dropped as a duplicate."""
    folder, fit = strava_with_fit(tmp_path)
    assert cli("import", str(fit))[1].startswith("imported 1 run;")
    code, out, err = cli("import", str(folder))
    assert code == 0, err
    assert out == "imported 1 run, 1 shoe; skipped 1 walk; 1 already there, 1 filled in (note, shoe)\n"
    [shoe] = [e for e in cli.entries() if e["kind"] == "shoe"]
    first = min((e for e in cli.entries() if e["kind"] == "run"), key=lambda e: e["at"])
    assert first["shoe_id"] == shoe["id"] and first["note"].startswith("Morning Run")
    assert first["distance_km"] == 5.021  # the watch's, kept
    code, out, _ = cli("import", str(folder), "--json")
    assert json.loads(out)["filled_in"] == {} and json.loads(out)["already_there"] == 2


def test_the_summary_says_stretches_and_check_ins(cli, tmp_path):
    for args in (
        ("stretch", "10", "--at", "08:00"),
        ("stretch", "5", "--at", "09:00"),
        ("injury", "calf"),
        ("injury", "knee", "--date", "yesterday"),
        ("checkin", "--no-cramps", "--date", "yesterday"),
        ("checkin", "--no-cramps", "--date", "2 days ago"),
    ):
        assert cli(*args)[0] == 0, args
    out = tmp_path / "x.json"
    assert cli("export", "-o", str(out))[0] == 0
    (tmp_path / "new").mkdir()
    from tests.conftest import Cli

    code, said, err = Cli(tmp_path / "new" / "journal.db", cli.capsys)("import", str(out))
    assert code == 0, err
    assert said.startswith("imported 2 check-ins, 2 injuries, 2 stretches;"), said


def test_a_dry_run_on_a_journal_not_made_yet_creates_nothing(tmp_path):
    from tests.cli.test_companions import run_cramplog

    home = tmp_path / "home"
    home.mkdir()
    file = tmp_path / "f.json"
    file.write_text(
        json.dumps(
            [
                {
                    "kind": "drink",
                    "at": "2026-11-24T09:00:00+01:00",
                    "tz": "Europe/Berlin",
                    "amount_ml": 250,
                    "uid": "a8ee0a83-b1ac-4db7-aa37-8b965edf9d1c",
                }
            ]
        )
    )
    done = run_cramplog("import", str(file), "--dry-run", env={"CRAMPLOG_HOME": str(home)})
    assert done.returncode == 0 and done.stdout == "would import 1 drink; 0 already there\n", done.stderr
    assert list(home.iterdir()) == []  # no journal, no backups folder, no note of journals checked
    done = run_cramplog("import", str(file), env={"CRAMPLOG_HOME": str(home)})
    assert done.returncode == 0 and done.stdout.startswith("imported 1 drink"), done.stderr
    backups = [p for p in home.rglob("backups") if p.is_dir()]
    assert backups  # the real import made the day's automatic copy
    shutil.rmtree(backups[0])
    made = sorted(p.relative_to(home) for p in home.rglob("*"))
    again = run_cramplog("import", str(file), "--dry-run", env={"CRAMPLOG_HOME": str(home)})
    assert again.stdout == "would import nothing; 1 already there\n", again.stderr
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == made  # nor the day's copy: it wrote nothing


def test_cramplogs_own_csv_export_is_named_as_such_not_as_another_apps(cli, tmp_path):
    """Importing the CSV export said "a CSV file from an app cramplog does not know"."""
    cli("drink", "500")
    sheet = tmp_path / "sheet.csv"
    assert cli("export", "--format", "csv", "-o", str(sheet))[0] == 0
    before = cli.entries()
    code, out, err = cli("import", str(sheet))
    assert (code, out) == (2, "") and "cramplog's own CSV export" in err and "cramplog export -o FILE.json" in err
    assert cli.entries() == before
