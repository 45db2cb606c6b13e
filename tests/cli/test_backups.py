"""Backups and restores that keep docs/backups.md's promises under faults.

- "With `backups.encrypt on` a synced folder only ever holds encrypted copies": no plaintext
  file appears outside the journal's private folder, at any moment, nor after a kill.
- Rotation keeps each journal's own copies apart, whatever the file names.
- A kill leaves no partial file behind for good: the next run clears it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cramplog.cli import main
from cramplog.storage import backup as backups
from cramplog.storage import backup_names

SQLITE = b"SQLite format 3\x00"


def plaintext(folder: Path) -> list[Path]:
    """Files under `folder` that hold a readable copy of a journal."""
    found = []
    for path in folder.rglob("*"):
        try:
            if path.is_file() and path.open("rb").read(16) == SQLITE:
                found.append(path)
        except OSError:
            continue
    return found


def child(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cramplog", *args],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


@pytest.fixture
def journal(cli, db_path: Path) -> Path:
    for amount in ("200", "300", "400"):
        assert cli("drink", amount)[0] == 0
    return db_path


def test_an_encrypted_backup_writes_no_plaintext_beside_its_target(cli, journal, tmp_path, monkeypatch):
    """Checked at the moment of encrypting (scrypt: 1-6 s), where the copy used to lie in the open."""
    from pyrage import passphrase

    sync = tmp_path / "Sync"
    sync.mkdir()
    seen: list[list[Path]] = []
    real = passphrase.encrypt

    def encrypt(data: bytes, secret: str) -> bytes:
        seen.append(plaintext(sync))
        return real(data, secret)

    monkeypatch.setattr(passphrase, "encrypt", encrypt)
    monkeypatch.setenv("CRAMPLOG_PASSPHRASE", "correct horse")
    code, _, err = cli("backup", "--encrypt", "-o", str(sync / "x.age"))
    assert code == 0, err
    assert seen == [[]]
    assert plaintext(sync) == [] and [p.name for p in sync.iterdir()] == ["x.age"]
    backups.daily_backup(journal, sync / "daily", dt.date(2026, 11, 24), "pw")
    assert seen[1:] == [[]] and plaintext(sync) == []
    restored = tmp_path / "restored.db"
    assert main(["--db", str(restored), "restore", str(sync / "x.age"), "--yes"]) == 0
    conn = sqlite3.connect(restored)
    assert [r[0] for r in conn.execute("SELECT amount_ml FROM drink ORDER BY id")] == [200, 300, 400]
    conn.close()


def test_a_killed_encrypted_backup_leaves_no_plaintext(journal, tmp_path):
    """SIGKILL at several moments of `backup --encrypt -o SYNC/x.age`, the automatic copy's way too."""
    sync = tmp_path / "Sync"
    sync.mkdir()
    env = {"CRAMPLOG_HOME": os.environ["CRAMPLOG_HOME"], "CRAMPLOG_PASSPHRASE": "pw"}
    for delay in (0.3, 0.6, 0.9, 1.2):
        proc = child("--db", str(journal), "backup", "--encrypt", "-o", str(sync / "x.age"), env=env)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert plaintext(sync) == [], delay


# -- restore: only a whole journal of ours, and the file it came from is kept -------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_oldest_kept_backup_restores_and_is_kept(cli, journal: Path):
    for n in range(backups.KEEP):
        backups.backup(journal, now=dt.datetime(2026, 11, 1 + n, 8))
        assert cli("drink", str(1000 + n))[0] == 0
    folder = Path(backup_names.backups_folder(journal))
    oldest = min(folder.glob("journal-*.db"))
    assert oldest.name == "journal-20261101-080000.db"
    code, out, err = cli("restore", str(oldest), "--yes")
    assert code == 0, err
    assert [e["amount_ml"] for e in cli.entries()] == [200, 300, 400]
    assert oldest.exists()
    saved = out.split("saved at ")[1].strip()
    conn = sqlite3.connect(saved)
    assert conn.execute("SELECT count(*) FROM drink").fetchone()[0] == 3 + backups.KEEP
    conn.close()


def _journal_file(folder: Path, *statements: str, foreign_keys: bool = True) -> Path:
    """A copy of a small journal, then `statements` run on it as another tool would run them."""
    from cramplog.storage.repository import JournalRepository

    path = folder / "candidate.db"
    repo = JournalRepository.open(path)
    from cramplog.domain import entries as E

    at = dt.datetime(2026, 11, 20, 9, tzinfo=dt.timezone.utc)
    repo.add(E.Cramp(at=at, tz="Europe/Berlin", muscle="calf", severity=5))
    repo.add(E.Drink(at=at, tz="Europe/Berlin", amount_ml=250))
    repo.add(E.CheckIn(day=dt.date(2026, 11, 19), tz="Europe/Berlin", no_cramps=True))
    repo.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for sql in statements:
        conn.execute(sql)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


BROKEN = {
    "missing-table": ("DROP TABLE symptom",),
    "zone-that-is-a-folder": ("UPDATE entry SET tz = 'Europe' WHERE kind = 'drink'",),
    "zone-unknown": ("UPDATE entry SET tz = 'Mars/Olympus_Mons' WHERE kind = 'cramp'",),
    "year-0226": ("UPDATE entry SET at_utc = '0226-11-20 09:00:00.000000' WHERE kind = 'drink'",),
    "time-not-a-time": ("UPDATE entry SET at_utc = 'yesterday-ish' WHERE kind = 'drink'",),
    "severity-99": ("UPDATE cramp SET severity = 99",),
    "amount-0": ("UPDATE drink SET amount_ml = 0",),
    "day-not-a-date": ("UPDATE checkin SET day = '2026-02-30'",),
    "entry-without-its-row": ("DELETE FROM drink",),
    "row-without-its-entry": ("INSERT INTO drink (id, amount_ml, drink_kind) VALUES (99, 100, 'water')",),
    "kind-of-none": ("UPDATE entry SET kind = 'nap' WHERE kind = 'drink'",),
    "uid-not-a-uid": ("UPDATE entry SET uid = 'a b/c' WHERE kind = 'drink'",),
    "extra-table": ("CREATE TABLE notes (id INTEGER PRIMARY KEY)",),
    "other-revision": ("UPDATE alembic_version SET version_num = 'a1b2c3'",),
}


def test_every_way_a_journal_breaks_its_rules_is_a_kind_of_case():
    assert len(BROKEN) >= 12


@pytest.mark.parametrize("case", list(BROKEN))
def test_restore_and_db_refuse_a_journal_that_breaks_its_rules_byte_identical(
    cli, journal: Path, tmp_path: Path, case: str
):
    source_folder = tmp_path / "elsewhere"
    source_folder.mkdir()
    made = _journal_file(tmp_path, *BROKEN[case], foreign_keys=case != "row-without-its-entry")
    candidate = source_folder / "candidate.db"  # a file cramplog has never opened
    shutil.copyfile(made, candidate)
    before, source_before = snapshot(journal.parent), snapshot(source_folder)
    code, out, err = cli("restore", str(candidate), "--yes")
    assert (code, out) == (2, ""), (case, err)
    assert err.startswith("error: ") and err.count("\n") == 1 and "candidate.db" in err, err
    assert snapshot(journal.parent) == before and snapshot(source_folder) == source_before
    for args in (("list",), ("drink", "100"), ("insights",)):
        code = main(["--db", str(candidate), *args])
        assert code == 2, (case, args)
        assert snapshot(source_folder) == source_before, (case, args)


def test_a_journal_of_ours_at_an_older_revision_restores_upgraded(cli, journal: Path, tmp_path: Path):
    from cramplog.storage import migrate

    old = tmp_path / "old.db"
    migrate.upgrade_file(old, "0002")
    conn = sqlite3.connect(old)
    conn.execute(
        "INSERT INTO entry (id, kind, at_utc, tz, note, created_utc, updated_utc) VALUES "
        "(1, 'drink', '2026-11-20 09:00:00.000000', 'UTC', '', '2026-11-20', '2026-11-20')"
    )
    conn.execute("INSERT INTO drink (id, amount_ml, drink_kind) VALUES (1, 333, 'water')")
    conn.commit()
    conn.close()
    before = old.read_bytes()
    code, out, err = cli("restore", str(old), "--yes")
    assert code == 0, err
    assert [e["amount_ml"] for e in cli.entries()] == [333]
    assert old.read_bytes() == before  # the file restored from is read, never upgraded in place
    assert not [p for p in journal.parent.iterdir() if p.name.startswith(".")]


def test_a_killed_restore_leaves_its_staged_copy_only_until_the_next_one(cli, journal: Path, tmp_path: Path):
    dead = 2**22 + 4242
    for suffix in ("", "-wal", "-shm"):
        (journal.parent / f".journal.db.{dead}-00ff00ff.restoring{suffix}").write_bytes(b"SQLite format 3\x00")
    copy = tmp_path / "copy.db"
    assert cli("backup", "-o", str(copy))[0] == 0
    assert cli("restore", str(copy), "--yes")[0] == 0
    assert not [p.name for p in journal.parent.iterdir() if p.name.startswith(".")]


# -- rotation keeps journals apart ---------------------------------------------------------------------


def test_rotation_keeps_a_journal_whose_name_starts_like_anothers(tmp_path: Path):
    from cramplog.storage.repository import JournalRepository

    folder = tmp_path / "data"
    main_journal, year_journal = folder / "journal.db", folder / "journal-2025.db"
    for path in (main_journal, year_journal):
        JournalRepository.open(path).close()
    for n in range(backups.KEEP):
        backups.backup(year_journal, now=dt.datetime(2025, 1, 1 + n))
    for n in range(backups.KEEP + 3):
        backups.backup(main_journal, now=dt.datetime(2026, 1, 1 + n))
    names = sorted(p.name for p in Path(backup_names.backups_folder(main_journal)).iterdir())
    assert len([n for n in names if n.startswith("journal-2025-")]) == backups.KEEP
    assert len([n for n in names if not n.startswith("journal-2025-")]) == backups.KEEP


def test_two_journals_of_one_name_sharing_a_folder_each_get_their_daily_copy(tmp_path: Path):
    env = {"CRAMPLOG_HOME": os.environ["CRAMPLOG_HOME"]}
    shared = tmp_path / "Sync"
    first, second = tmp_path / "a" / "journal.db", tmp_path / "b" / "journal.db"
    for path in (first, second):
        path.parent.mkdir()
    assert main(["config", "set", "backups.folder", str(shared)]) == 0
    for path in (first, second):
        done = subprocess.run(
            [sys.executable, "-m", "cramplog", "--db", str(path), "drink", "250"],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    daily = sorted(p.name for p in shared.iterdir() if "-daily-" in p.name)
    assert len(daily) == 2 and len({name.split("-daily-")[0] for name in daily}) == 2


def test_a_copy_a_killed_process_left_half_written_is_cleared_by_the_next_copy(cli, journal: Path):
    folder = journal.parent / "backups" / "daily"
    assert folder.is_dir()
    dead = 2**22 + 777
    leftovers = [folder / f".journal-daily-2026-11-23.db.{dead}-abcdef.part{s}" for s in ("", "-wal", "-shm")]
    for path in leftovers:
        path.write_bytes(b"SQLite format 3\x00half")
    from cramplog.cli.context import AppContext
    from cramplog.domain.clock import FixedClock

    later = FixedClock(tz_name="Europe/Berlin", at=dt.datetime(2026, 11, 25, 13, tzinfo=dt.timezone.utc))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(AppContext, "clock", property(lambda self: later))
        assert cli("drink", "100")[0] == 0
    assert not any(p.exists() for p in leftovers)
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]
