"""Atomic schema changes: SIGKILL at every kind of moment of a journal's creation and of an upgrade
from 0001 (every statement outside a transaction and every transaction's edges: `procs.kill_points`;
all of them with CRAMPLOG_TEST_EVERY_STATEMENT=1) leaves a file that the next command opens, with
every entry it had."""

from __future__ import annotations

import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from cramplog.cli import main
from cramplog.storage import migrate
from cramplog.storage.constants import HEAD

from .procs import ids, integrity, kill_points, killed_at, killed_many

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]


def statements(db: Path, home: Path, *args: str) -> list[str]:
    """The first two words of each SQL statement the command runs (a run that is never killed)."""
    done = killed_at(db, 10**9, *args, home=home)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    heads = lines[-1].removeprefix("heads=").split("|")
    assert int(lines[-2].split("=")[1]) == len(heads)
    return heads


def next_command_works(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "drink", "300"]) == 0, capsys.readouterr().err
    assert main(["--db", str(db), "list", "--json"]) == 0, capsys.readouterr().err
    assert integrity(db) == "ok"
    assert sqlite3.connect(db).execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD


def test_sigkill_at_every_statement_of_creating_a_journal(tmp_path, capsys):
    heads = statements(tmp_path / "probe.db", tmp_path / "home", "drink", "250")
    assert len(heads) > 50  # the migrations' statements are among them
    points = kill_points(heads)

    trials = [(tmp_path / f"new-{n}.db", n) for n in points]
    codes = killed_many(trials, "drink", "250", home=tmp_path / "home")
    results = [(n, code, db) for (db, n), code in zip(trials, codes, strict=True)]
    killed = [n for n, code, _ in results if code == -signal.SIGKILL]
    assert len(killed) >= len(points) - 3  # the last few statements run after the reply was printed
    for n, code, db in results:
        acknowledged = code == 0
        next_command_works(db, capsys)
        if acknowledged:
            assert 1 in ids(db), f"statement {n}: the acknowledged drink was lost"


def test_sigkill_at_every_statement_of_an_upgrade_keeps_every_entry(tmp_path, capsys):
    template = tmp_path / "old.db"
    migrate.upgrade_file(template, "0001")
    conn = sqlite3.connect(template)
    for i in range(1, 6):
        conn.execute(
            "INSERT INTO entry (id, kind, at_utc, tz, note, created_utc, updated_utc) VALUES "
            f"({i}, 'drink', '2026-11-2{i} 09:00:00.000000', 'UTC', '', '2026-11-24', '2026-11-24')"
        )
        conn.execute(f"INSERT INTO drink (id, amount_ml, drink_kind) VALUES ({i}, {100 * i}, 'water')")
    conn.commit()
    conn.close()
    probe = tmp_path / "probe.db"
    shutil.copy(template, probe)
    points = kill_points(statements(probe, tmp_path / "home", "list"))

    trials = [(tmp_path / f"old-{n}.db", n) for n in points]
    for db, _ in trials:
        shutil.copy(template, db)
    codes = killed_many(trials, "list", home=tmp_path / "home")
    results = list(zip(codes, (db for db, _ in trials), strict=True))
    assert sum(code == -signal.SIGKILL for code, _ in results) >= len(points) - 3
    for _, db in results:
        next_command_works(db, capsys)
        assert {1, 2, 3, 4, 5} <= ids(db)


def test_kill_points_keep_every_edge_and_every_statement_outside_a_transaction():
    heads = [
        "PRAGMA FOREIGN_KEYS",
        "BEGIN IMMEDIATE",
        "SELECT 1",
        "CREATE TABLE",
        "CREATE TABLE",
        "CREATE INDEX",
        "UPDATE ALEMBIC_VERSION",
        "CREATE TABLE",
        "CREATE TABLE",
        "INSERT INTO",
        "COMMIT",
        "SELECT VERSION_NUM",
        "BEGIN",
        "SELECT E.ID",
        "SELECT E.ID",
        "SELECT E.ID",
        "COMMIT",
    ]
    assert kill_points(heads, every=False) == [1, 2, 3, 7, 8, 10, 11, 12, 13, 14, 16, 17]
    assert kill_points(heads, every=True) == list(range(1, 18))
