"""Backups and restores that keep docs/backups.md's promises under faults.

- "With `backups.encrypt on` a synced folder only ever holds encrypted copies": no plaintext
  file appears outside the journal's private folder, at any moment, nor after a kill.
- Rotation keeps each journal's own copies apart, whatever the file names.
- A kill leaves no partial file behind for good: the next run clears it.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cramplog.cli import main
from cramplog.storage import backup as backups

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
    return subprocess.Popen([sys.executable, "-m", "cramplog", *args], env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


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
