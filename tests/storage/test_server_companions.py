"""The companions on a journal in PostgreSQL: remind, the prompt line and shoe completion.

docs/server.md: "Every command and the app work the same; only where the journal lives changes."
Each reads the server's journal read-only, never creates or upgrades one, and when the server
cannot be read: remind says so in one line (exit 1) instead of nudging for a day it cannot see;
the prompt and completion, which must never fail, show nothing. Runs on the tests' throwaway
cluster (skipped, saying why, where no server binaries are installed).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from cramplog.cli import main
from cramplog.cli.companions import NUDGE
from cramplog.cli.context import AppContext
from cramplog.domain.clock import FixedClock

from .test_server import tables

NOW = dt.datetime(2026, 11, 24, 13, 0, tzinfo=dt.timezone.utc)  # 14:00 in Berlin


@pytest.fixture
def fixed(monkeypatch):
    clock = FixedClock(tz_name="Europe/Berlin", at=NOW)
    monkeypatch.setattr(AppContext, "clock", property(lambda self: clock))
    return clock


def run(*args: str, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def complete(monkeypatch, capsys, line: str) -> list[str]:
    monkeypatch.setenv("_CRAMPLOG_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", line)
    monkeypatch.setenv("COMP_CWORD", str(len(line.split(" ")) - 1))
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main([])
    monkeypatch.delenv("_CRAMPLOG_COMPLETE")
    return [item.split(",", 1)[1] for item in capsys.readouterr().out.splitlines() if item]


def test_remind_on_a_server_journal_nudges_only_an_unlogged_day(pg_url, capsys, fixed):
    assert run("--db", pg_url, "remind", capsys=capsys) == (0, NUDGE + "\n", "")
    assert tables(pg_url) == {}  # reminding never creates a journal
    assert run("--db", pg_url, "checkin", "--no-cramps", "--date", "yesterday", capsys=capsys)[0] == 0
    assert run("--db", pg_url, "remind", capsys=capsys)[1] == NUDGE + "\n"
    assert run("--db", pg_url, "drink", "250", "--at", "09:00", capsys=capsys)[0] == 0
    before = tables(pg_url)
    assert run("--db", pg_url, "remind", capsys=capsys) == (0, "", "")
    assert tables(pg_url) == before


def test_the_prompt_line_and_shoe_completion_read_a_server_journal(pg_url, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("CRAMPLOG_DB", pg_url)
    assert run("--db", pg_url, "run", "5", "--shoe", "Pegasus 40", capsys=capsys)[0] == 0
    assert run("--db", pg_url, "drink", "500", capsys=capsys)[0] == 0
    done = subprocess.run(
        [sys.executable, "-m", "cramplog", "today", "--prompt"],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("fluid ") and "0 cramps" in done.stdout
    assert complete(monkeypatch, capsys, "cramplog run 5 --shoe peg") == ["'Pegasus 40'"]


def test_an_unreachable_server_is_said_by_remind_and_silent_in_the_prompt(capsys, monkeypatch):
    url = "postgresql://cramp@127.0.0.1:1/cramplog?connect_timeout=2"
    code, out, err = run("--db", url, "remind", capsys=capsys)
    assert (code, out) == (1, "") and err.startswith("error: journal ") and "cannot be reached" in err
    assert err.count("\n") == 1
    monkeypatch.setenv("CRAMPLOG_DB", url)
    assert run("today", "--prompt", capsys=capsys) == (0, "", "")
    assert complete(monkeypatch, capsys, "cramplog run 5 --shoe peg") == []


def test_a_database_with_someone_elses_tables_is_not_read_as_a_journal(pg_url, capsys):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (id serial PRIMARY KEY, body text)")
    before = tables(pg_url)
    code, out, err = run("--db", pg_url, "remind", capsys=capsys)
    assert code == 2 and "not a cramplog journal" in err
    assert run("--db", pg_url, "today", "--prompt", capsys=capsys) == (0, "", "")
    assert tables(pg_url) == before
