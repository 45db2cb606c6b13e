"""The small contract breaks of review B's "Low" list, each through the real entry point.
Template: cramp #1, shoe #2 'Pegasus 40', drink #3, run #4, check-in #5, food #6."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("value", ["abc", "nan", "1e99", "-5"])
def test_a_bad_busy_timeout_is_one_line(tmp_path, value):
    """Read once, when storage is imported: so a process of its own."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CRAMPLOG_")},
        "CRAMPLOG_HOME": str(tmp_path / "home"),
        "CRAMPLOG_BUSY_TIMEOUT_MS": value,
    }
    done = subprocess.run(
        [sys.executable, "-m", "cramplog", "--db", str(tmp_path / "j.db"), "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.startswith("error: CRAMPLOG_BUSY_TIMEOUT_MS must be whole")
    assert len(done.stderr.splitlines()) == 1


def test_a_data_folder_that_cannot_be_made_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("CRAMPLOG_HOME", "/proc/1/nope")
    import contextlib
    import io

    from cramplog.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["config", "set", "report.name", "Eve"])
    assert code == 1 and err.getvalue() == "error: cannot use /proc/1/nope: No such file or directory\n"


@pytest.mark.parametrize("name", ["#1", "12"])
def test_a_shoe_named_like_an_id_is_refused(journal, name):
    journal.refuses("shoe", name, reason="can't be a number like an ID")


def test_a_stop_reason_is_not_cut_and_a_plan_starting_tomorrow_says_when_it_stopped(journal):
    journal.accepts("experiment", "plan", "--yes", "--start", "tomorrow")
    out = journal.accepts("experiment", "stop", "--yes")
    assert "before its first night (2026-11-25)" in out


def test_a_plan_starting_in_the_past_is_refused_before_it_is_printed(journal):
    journal.refuses("experiment", "plan", "--yes", "--start", "yesterday", reason="tonight or later")


def test_restore_off_a_terminal_without_yes_is_refused_like_a_no(journal, tmp_path):
    copy = tmp_path / "copy.db"
    journal.accepts("backup", "-o", str(copy))
    journal.refuses("restore", str(copy), reason="add --yes")


def test_backup_to_an_empty_name_is_refused(journal):
    journal.refuses("backup", "-o", "", reason="--output is empty")


def test_a_map_naming_a_field_twice_is_refused(journal, tmp_path):
    data = tmp_path / "w.csv"
    data.write_text("Date,Water\n2026-11-20 10:00,300\n")
    journal.refuses(
        "import",
        str(data),
        "--app",
        "csv",
        "--kind",
        "drink",
        "--map",
        "time=Date, amount_ml=Water, amount_ml=Water",
        reason="names amount_ml twice",
    )


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("report.birth_date", "2099-01-01", "in the future"),
        ("backups.folder", "/tmp/a\nb", "plain text"),
        ("backups.folder", "/tmp/\x1b[31mx", "plain text"),
    ],
)
def test_settings_refuse_a_future_birth_date_and_control_characters(journal, key, value, reason):
    journal.refuses("config", "set", key, value, reason=reason)


def test_serve_install_without_the_serve_extra_writes_no_unit(journal, tmp_path, monkeypatch):
    """It wrote a unit (exit 0) for a service that could not start."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setitem(sys.modules, "segno", None)  # as if not installed: importing it fails
    code, out, err = journal("serve", "install", "--host", "127.0.0.1")
    assert (code, out) == (1, "") and err.startswith("error: cramplog serve needs segno"), err
    assert not (tmp_path / "xdg").exists()
