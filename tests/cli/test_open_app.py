"""Bare `cramplog` opens the app before click is imported; everything else still reaches click."""

from __future__ import annotations

import pytest

from cramplog.cli import main
from cramplog.cli.route import app_args


@pytest.mark.parametrize(
    ("args", "db"),
    [
        ([], None),
        (["--db", "j.db"], "j.db"),
        (["--db=j.db"], "j.db"),
        (["--debug", "--db", "j.db"], "j.db"),
        (["--db", "j.db", "--debug"], "j.db"),
    ],
)
def test_bare_cramplog_goes_straight_to_the_app(args, db):
    assert app_args(args) == db


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["drink", "250"],
        ["--db", "j.db", "today"],
        ["--db"],
        ["--db", "--debug"],
        ["--db", "a.db", "--db", "b.db"],
        ["--debug", "--debug"],
        ["-h"],
    ],
)
def test_anything_else_is_left_to_click(args):
    assert app_args(args) is False


def test_shell_completion_and_a_folder_are_left_to_click(tmp_path, monkeypatch):
    assert app_args(["--db", str(tmp_path)]) is False  # click's Path(dir_okay=False) answers
    monkeypatch.setenv("CRAMPLOG_DB", str(tmp_path))
    assert app_args([]) is False
    monkeypatch.delenv("CRAMPLOG_DB")
    monkeypatch.setenv("_CRAMPLOG_COMPLETE", "bash_complete")
    assert app_args([]) is False


def test_a_folder_as_the_journal_still_gets_clicks_one_line_error(tmp_path, capsys):
    assert main(["--db", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and "directory" in err[0]


def test_a_journal_that_is_not_ours_is_refused_before_the_app_opens(tmp_path, capsys):
    """The app path reports a journal error as every command does: one line, exit 2."""
    other = tmp_path / "notes.txt"
    other.write_text("not a journal, and long enough to have a header " * 4)
    assert main(["--db", str(other)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and "not a cramplog journal" in err[0]
    assert other.read_text().startswith("not a journal")
