"""Atomic schema changes: SIGKILL at every SQL statement of a journal's creation and of an upgrade
from 0001 leaves a file that the next command opens, with every entry it had."""

from __future__ import annotations

import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from cramplog.cli import main
from cramplog.storage import migrate
from cramplog.storage.constants import HEAD

from .procs import ids, integrity, killed_at, killed_many

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]


def statements(db: Path, home: Path, *args: str) -> int:
    """How many SQL statements the command runs, all told (a run that is never killed)."""
    done = killed_at(db, 10**9, *args, home=home)
    assert done.returncode == 0, done.stderr
    return int(done.stderr.strip().splitlines()[-1].split("=")[1])


def next_command_works(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "drink", "300"]) == 0, capsys.readouterr().err
    assert main(["--db", str(db), "list", "--json"]) == 0, capsys.readouterr().err
    assert integrity(db) == "ok"
    assert sqlite3.connect(db).execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD


def test_sigkill_at_every_statement_of_creating_a_journal(tmp_path, capsys):
    total = statements(tmp_path / "probe.db", tmp_path / "home", "drink", "250")
    assert total > 50  # the migrations' statements are among them

    trials = [(tmp_path / f"new-{n}.db", n) for n in range(1, total + 1)]
    codes = killed_many(trials, "drink", "250", home=tmp_path / "home")
    results = [(n, code, db) for (db, n), code in zip(trials, codes, strict=True)]
    killed = [n for n, code, _ in results if code == -signal.SIGKILL]
    assert len(killed) >= total - 3  # the last few statements run after the reply was printed
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
        conn.execute("INSERT INTO entry (id, kind, at_utc, tz, note, created_utc, updated_utc) VALUES "
                     f"({i}, 'drink', '2026-11-2{i} 09:00:00.000000', 'UTC', '', '2026-11-24', '2026-11-24')")
        conn.execute(f"INSERT INTO drink (id, amount_ml, drink_kind) VALUES ({i}, {100 * i}, 'water')")
    conn.commit()
    conn.close()
    probe = tmp_path / "probe.db"
    shutil.copy(template, probe)
    total = statements(probe, tmp_path / "home", "list")

    trials = [(tmp_path / f"old-{n}.db", n) for n in range(1, total + 1)]
    for db, _ in trials:
        shutil.copy(template, db)
    codes = killed_many(trials, "list", home=tmp_path / "home")
    results = list(zip(codes, (db for db, _ in trials), strict=True))
    assert sum(code == -signal.SIGKILL for code, _ in results) >= total - 3
    for _, db in results:
        next_command_works(db, capsys)
        assert {1, 2, 3, 4, 5} <= ids(db)
