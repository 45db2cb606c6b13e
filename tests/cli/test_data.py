"""Export, import, backup and restore: all or nothing, and never on the wrong file."""

from __future__ import annotations

import json
import sqlite3

from cramplog.domain.settings import Settings
from cramplog.storage import backup as backups


def test_an_import_with_one_bad_record_writes_nothing(cli, tmp_path):
    cli("drink", "250")
    before = cli.entries()
    good = {"kind": "drink", "at": "2026-11-20T10:00:00+01:00", "tz": "Europe/Berlin", "amount_ml": 300}
    bad = {**good, "amount_ml": -1}
    path = tmp_path / "in.json"
    path.write_text(json.dumps([good, good, bad]))
    code, out, err = cli("import", str(path))
    assert code == 2
    assert err.startswith("error: entry 3 in") and "amount" in err
    assert cli.entries() == before


def test_an_import_whose_run_names_a_missing_shoe_writes_nothing(cli, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps(
            [
                {"kind": "drink", "at": "2026-11-20T10:00:00+01:00", "tz": "UTC", "amount_ml": 300},
                {"kind": "run", "at": "2026-11-20T10:00:00+01:00", "tz": "UTC", "distance_km": 5, "shoe_id": 9},
            ]
        )
    )
    code, _, err = cli("import", str(path))
    assert code == 2 and "shoe 9" in err
    assert cli.entries() == []


def test_an_import_names_the_days_whose_no_cramps_it_turned_off(cli, tmp_path):
    """Both ways round: a "no cramps" check-in arriving for a day with a cramp comes in off, and a
    cramp arriving for a day checked in as "no cramps" turns that off; stderr and --json say which."""
    cli("cramp", "calf", "-s", "5", "--at", "2026-11-20 18:00")
    cli("checkin", "--no-cramps", "--date", "2026-11-18")
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps(
            [
                {"kind": "checkin", "day": "2026-11-20", "tz": "Europe/Berlin", "no_cramps": True, "sleep_hours": 7},
                {
                    "kind": "cramp",
                    "at": "2026-11-18T21:00:00+01:00",
                    "tz": "Europe/Berlin",
                    "muscle": "toes",
                    "severity": 3,
                },
                {"kind": "checkin", "day": "2026-11-19", "tz": "Europe/Berlin", "no_cramps": True},
            ]
        )
    )
    code, out, err = cli("import", str(path))
    assert code == 0 and out.startswith("imported 2 check-ins, 1 cramp; 0 already there")
    assert err.strip() == '"no cramps" turned off for 2 days with a cramp: Wed 18 Nov 2026, Fri 20 Nov 2026'
    checkins = {e["day"]: (e["no_cramps"], e["sleep_hours"]) for e in cli.entries() if e["kind"] == "checkin"}
    assert checkins == {"2026-11-18": (False, None), "2026-11-19": (True, None), "2026-11-20": (False, 7.0)}
    # Into the day's check-in (already off): nothing changes, so nothing is said.
    path.write_text(json.dumps([{"kind": "checkin", "day": "2026-11-20", "tz": "UTC", "no_cramps": True}]))
    code, out, err = cli("import", str(path), "--json")
    assert code == 0 and json.loads(out)["no_cramps_turned_off"] == [] and err == ""
    cli("cramp", "calf", "-s", "2", "--at", "2026-11-22 18:00")
    path.write_text(json.dumps([{"kind": "checkin", "day": "2026-11-22", "tz": "UTC", "no_cramps": True}]))
    code, out, _ = cli("import", str(path), "--json", "--dry-run")
    assert code == 0 and json.loads(out)["no_cramps_turned_off"] == ["2026-11-22"]
    code, out, err = cli("import", str(path), "--dry-run")
    assert out.startswith("would import") and err.startswith('"no cramps" would be turned off for 1 day')


def test_dry_run_writes_nothing(cli, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"kind": "drink", "at": "2026-11-20T10:00:00Z", "tz": "UTC", "amount_ml": 300}]))
    code, out, _ = cli("import", str(path), "--dry-run")
    assert code == 0 and out.startswith("would import 1 drink; 0 already there")
    assert cli.entries() == []


def test_backups_rotate_keeping_the_newest(cli):
    import datetime as dt

    cli("drink", "250")
    folder = cli.db.parent / "backups"
    for n in range(backups.KEEP + 3):
        backups.backup(cli.db, now=dt.datetime(2026, 1, 1, 0, 0, n))
    kept = sorted(p.name for p in folder.glob("*.db"))
    assert len(kept) == backups.KEEP
    assert kept[0].endswith("000003.db") and kept[-1].endswith(f"0000{backups.KEEP + 2}.db")


def test_restore_refuses_a_database_that_is_not_a_journal(cli, tmp_path):
    cli("drink", "250")
    before = cli.entries()
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    code, _, err = cli("restore", str(other), "--yes")
    assert code == 2 and "not a cramplog journal" in err
    assert cli.entries() == before


def test_config_list_shows_every_setting_with_its_meaning(cli):
    code, out, _ = cli("config", "list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(Settings.keys())
    assert any(line.startswith("targets.beverage_ml") and "EFSA" in line for line in lines)


def test_a_check_in_merged_into_the_days_is_already_there_the_next_time(cli, tmp_path):
    """Importing the same file again adds nothing, a check-in merged into the day's included."""
    cli("checkin", "--sleep", "7", "--date", "2026-11-20")
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps([{"kind": "checkin", "day": "2026-11-20", "tz": "UTC", "hot_day": True, "uid": "other-journal-1"}])
    )
    assert cli("import", str(path))[1].startswith("imported 1 checkin; 0 already there")
    before = cli.entries()
    assert cli("import", str(path))[1].startswith("imported nothing; 1 already there")
    assert cli.entries() == before
