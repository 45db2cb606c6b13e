"""The config file: private, and a broken one blocks no `config` command."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cramplog.paths import config_file


@pytest.fixture
def broken_config():
    path = Path(config_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[targets\nbeverage_ml = = 2000\n")
    return path


def test_config_is_private_whatever_the_umask(cli):
    old = os.umask(0)
    try:
        assert cli("config", "set", "targets.beverage_ml", "2000")[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(Path(config_file()).stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(config_file()).parent.stat().st_mode) == 0o700


def test_a_broken_config_is_one_plain_line_for_other_commands(cli, broken_config):
    code, _, err = cli("drink", "250")
    assert code == 2 and err.startswith("error: config file") and "cramplog config reset" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("args", [("config", "list"), ("config", "get", "targets.beverage_ml")])
def test_config_list_and_get_still_work_on_a_broken_config(cli, broken_config, args):
    code, out, err = cli(*args)
    assert code == 0 and out and "showing the defaults" in err


def test_config_set_on_a_broken_config_keeps_the_old_file_and_starts_again(cli, broken_config):
    code, out, err = cli("config", "set", "targets.beverage_ml", "2100")
    assert code == 0 and out.strip() == "targets.beverage_ml = 2100"
    kept = [p for p in broken_config.parent.iterdir() if p.name.endswith(".old")]
    assert len(kept) == 1 and kept[0].read_text().startswith("[targets") and str(kept[0]) in err
    assert cli("drink", "250")[0] == 0


def test_config_reset_goes_back_to_the_defaults_and_keeps_the_old_file(cli, broken_config):
    code, out, _ = cli("config", "reset")
    assert code == 0 and "kept as" in out and not broken_config.exists()
    assert cli("drink", "250")[0] == 0
    assert cli("config", "reset")[1].strip() == "settings are already the defaults"


def test_a_new_day_boundary_names_the_days_it_leaves_saying_both(cli):
    """04:30 is Saturday's under the 04:00 boundary and Friday's under 05:00, where Friday was
    checked in as "no cramps": `config set` saves the boundary and names that check-in."""
    assert not cli.db.exists()
    code, _, err = cli("config", "set", "journal.day_boundary", "05:00")
    assert code == 0 and err == "" and not cli.db.exists()  # no journal made for it
    cli("config", "set", "journal.day_boundary", "04:00")
    cli("cramp", "calf", "-s", "4", "--at", "2026-03-14 04:30")
    cli("checkin", "--no-cramps", "--date", "2026-03-13")
    code, out, err = cli("config", "set", "journal.day_boundary", "05:00")
    assert code == 0 and out == "journal.day_boundary = 05:00\n"
    assert err == (
        'note: 1 diary day now has a cramp and a "no cramps" check-in: Fri 13 Mar 2026 (#2). '
        'The cramp counts; to turn "no cramps" off, cramplog edit 2 --no-cramps false.\n'
    )
    cli("edit", "2", "--no-cramps", "false")
    assert cli("config", "set", "journal.day_boundary", "05:00")[2] == ""


def test_config_get_takes_json_as_every_command_that_prints_data(cli):
    from tests.cli.test_companions import validate

    code, out, err = cli("config", "get", "targets.sex", "--json")
    assert code == 0, err
    doc = validate(out, "config")
    assert [(s["key"], s["value"]) for s in doc["settings"]] == [("targets.sex", "unspecified")]
    assert cli("config", "set", "targets.beverage_ml", "2000")[0] == 0
    doc = validate(cli("config", "get", "beverage_ml", "--json")[1], "config")
    assert [(s["key"], s["value"], s["default"]) for s in doc["settings"]] == [("targets.beverage_ml", 2000, 1800)]
    code, out, err = cli("config", "get", "targets.nope", "--json")
    assert code == 2 and out == "" and err.startswith("error: unknown setting")


def test_the_backups_folder_is_never_a_file(cli, tmp_path):
    """Review B: `config set backups.folder <the journal>` was accepted; every daily copy then failed."""
    journal = tmp_path / "journal.db"
    journal.write_bytes(b"")
    before = Path(config_file()).read_text() if Path(config_file()).exists() else None
    code, _, err = cli("config", "set", "backups.folder", str(journal))
    assert code == 2 and err.strip() == f"error: backups.folder must be a folder; {journal} is a file"
    assert (Path(config_file()).read_text() if Path(config_file()).exists() else None) == before
    assert cli("config", "set", "backups.folder", str(tmp_path / "copies"))[0] == 0


@pytest.mark.parametrize("folder", ["backups", "./backups", "sync/cramplog"])
def test_a_backups_folder_is_a_full_path(cli, folder):
    """A relative folder was taken as typed, so each day's copy went under wherever that day's
    first command was typed."""
    before = Path(config_file()).read_text() if Path(config_file()).exists() else None
    code, out, err = cli("config", "set", "backups.folder", folder)
    assert (code, out) == (2, "") and err.startswith("error: backups.folder must be a full path")
    assert (Path(config_file()).read_text() if Path(config_file()).exists() else None) == before


def test_a_backups_folder_that_does_not_exist_yet_is_taken_with_a_note(cli, tmp_path):
    """A drive not plugged in yet is a fair choice; the user hears that the folder is not there."""
    code, out, err = cli("config", "set", "backups.folder", str(tmp_path / "usb" / "cramplog"))
    assert code == 0 and out.strip() == f"backups.folder = {tmp_path / 'usb' / 'cramplog'}"
    assert err.startswith(f"note: {tmp_path / 'usb' / 'cramplog'} does not exist yet")
    (tmp_path / "there").mkdir()
    assert cli("config", "set", "backups.folder", str(tmp_path / "there"))[2] == ""


@pytest.mark.parametrize("boundary, fires", [("00:00", True), ("04:00", False)])
def test_the_red_flags_count_days_at_the_journals_boundary(cli, boundary, fires):
    """Swollen ankles at 22:00, then at 02:00 on each of the next two nights: 3 diary days when
    days begin at midnight (the rule's 3), 2 at 04:00. The save check once counted at 04:00
    whatever the setting."""
    cli("config", "set", "journal.day_boundary", boundary)
    for at in ("2026-11-21 22:00", "2026-11-22 02:00"):
        assert cli("symptom", "swelling_both_ankles", "--at", at)[0] == 0
    code, _, err = cli("symptom", "swelling_both_ankles", "--at", "2026-11-23 02:00")
    assert code == 0 and ("Swelling of both ankles that keeps coming back" in err) is fires, err


def test_a_negative_value_is_refused_by_its_range_not_taken_for_an_option(cli):
    """`config set targets.beverage_ml -1` said click's "No such option '-1'"."""
    code, out, err = cli("config", "set", "targets.beverage_ml", "-1")
    assert (code, out) == (2, "") and err == "error: targets.beverage_ml must be between 500 and 6000 ml, got '-1'\n"
    assert cli("config", "set", "shoes.life_km", "400mi")[1] == "shoes.life_km = 643.738\n"
    assert cli("config", "set", "targets.sex", "Male")[1] == "targets.sex = male\n"


def test_a_relative_backups_folder_written_by_hand_is_refused_too(cli):
    """The rule is the setting's own, so a hand-edited config file meets it as `config set` does:
    with `folder = "backups"` every daily copy went under the folder each command was typed in."""
    Path(config_file()).parent.mkdir(parents=True, exist_ok=True)
    Path(config_file()).write_text('[backups]\nfolder = "backups"\n')
    code, out, err = cli("drink", "100")
    assert (code, out) == (2, "") and "backups.folder must be a full path" in err


@pytest.mark.parametrize("args", [("set", "targets.beverage_ml", "2000"), ("reset",)])
def test_a_folder_named_as_the_config_file_is_refused_not_renamed(cli, tmp_path, monkeypatch, args):
    """Found by a reviewer: `CRAMPLOG_CONFIG=<a folder>` then `config set` took the folder for a
    broken file and renamed it to `<name>.<stamp>.old`, with whatever it held."""
    folder = tmp_path / "settings"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep")
    monkeypatch.setenv("CRAMPLOG_CONFIG", str(folder))
    code, out, err = cli("config", *args)
    assert code == 2 and err.startswith("error: ") and "is a folder" in err and err.count("\n") == 1, err
    assert (folder / "mine.txt").read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("settings")) == ["settings"]
