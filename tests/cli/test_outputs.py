"""Outputs that respect the file system (`-o` of export, report and backup) and a safe restore."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from cramplog.storage.transfer import EXPORT_VERSION

OUTPUTS = [("export",), ("export", "--format", "csv"), ("report",), ("backup",)]


@pytest.fixture
def journal(cli):
    assert cli("drink", "250")[0] == 0
    assert cli("cramp", "calf", "-s", "6")[0] == 0
    return cli


@pytest.mark.parametrize("command", OUTPUTS, ids=" ".join)
def test_an_output_is_private_whatever_the_umask(journal, tmp_path, command):
    target = tmp_path / "out.file"
    old = os.umask(0)
    try:
        code, _, err = journal(*command, "-o", str(target))
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("command", OUTPUTS, ids=" ".join)
def test_a_symlink_is_followed_not_replaced(journal, tmp_path, command):
    real = tmp_path / "real" / "out.file"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.file"
    link.symlink_to(real)
    code, _, err = journal(*command, "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and real.read_bytes() != b"old"


@pytest.mark.parametrize("command", OUTPUTS, ids=" ".join)
def test_a_fifo_is_written_in_place(journal, tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = journal(*command, "-o", str(fifo))
    reader.join(timeout=30)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.stat().st_mode) and received and received[0]


def test_a_character_device_is_written_in_place(journal):
    code, _, err = journal("export", "-o", "/dev/null")
    assert code == 0, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("command", OUTPUTS, ids=" ".join)
@pytest.mark.parametrize("target", ["journal", "wal", "backups"])
def test_the_journal_and_its_backups_are_never_a_target(journal, command, target):
    journal("backup")
    path = {"journal": journal.db, "wal": Path(f"{journal.db}-wal"), "backups": journal.db.parent / "backups" / "x.db"}[
        target
    ]
    before = journal.db.read_bytes()
    code, _, err = journal(*command, "-o", str(path))
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1, err
    assert journal.db.read_bytes() == before
    assert journal.entries()  # still readable


@pytest.mark.parametrize("command", OUTPUTS, ids=" ".join)
def test_a_missing_folder_is_a_plain_error_and_leaves_nothing(journal, tmp_path, command):
    code, _, err = journal(*command, "-o", str(tmp_path / "no" / "such" / "x"))
    assert code == 2 and err.startswith("error: ") and "does not exist" in err
    assert not (tmp_path / "no").exists()


def test_a_failed_write_leaves_no_partial_file(journal, tmp_path, monkeypatch):
    import cramplog.files as files

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    code, _, err = journal("export", "-o", str(tmp_path / "export.json"))
    assert code == 1 and err.startswith("error: ") and "disk is full" in err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part") or p.name == "export.json"]


def make_backup(cli, tmp_path: Path) -> Path:
    target = tmp_path / "saved.db"
    assert cli("backup", "-o", str(target))[0] == 0
    return target


def test_restore_checks_the_candidate_then_keeps_the_replaced_journal(journal, tmp_path):
    saved = make_backup(journal, tmp_path)
    assert journal("drink", "999")[0] == 0
    code, out, err = journal("restore", str(saved), "--yes")
    assert code == 0, err
    kept = Path(out.strip().rsplit(" ", 1)[-1])
    assert kept.exists() and "saved at" in out
    assert 999 not in [e.get("amount_ml") for e in journal.entries()]
    conn = sqlite3.connect(kept)
    assert conn.execute("SELECT count(*) FROM drink WHERE amount_ml = 999").fetchone()[0] == 1


@pytest.mark.parametrize("problem", ["newer", "foreign", "damaged", "empty", "missing", "not-sqlite", "folder"])
def test_restore_refuses_a_bad_candidate_before_touching_anything(journal, tmp_path, problem):
    candidate = make_backup(journal, tmp_path)
    if problem == "newer":
        conn = sqlite3.connect(candidate)
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
    elif problem == "foreign":
        candidate.unlink()
        conn = sqlite3.connect(candidate)
        conn.execute("CREATE TABLE t (x)")
        conn.close()
    elif problem == "damaged":
        data = bytearray(candidate.read_bytes())
        data[4096 * 2 :] = b"\x00\x13" * ((len(data) - 4096 * 2) // 2)
        candidate.write_bytes(bytes(data))
    elif problem == "empty":
        candidate.write_bytes(b"")
    elif problem == "not-sqlite":
        candidate.write_text("milk, eggs\n" * 50)
    elif problem == "folder":
        candidate.unlink()
        candidate.mkdir()
    else:
        candidate.unlink()
    folder = journal.db.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    code, _, err = journal("restore", str(candidate), "--yes")
    assert code in (1, 2) and err.startswith("error: ") and err.count("\n") == 1, err
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_export_is_json_with_uids(journal, tmp_path):
    code, _, _ = journal("export", "-o", str(tmp_path / "e.json"))
    document = json.loads((tmp_path / "e.json").read_text())
    assert code == 0 and document["version"] == EXPORT_VERSION == 3  # 3: experiments travel too
    assert len({e["uid"] for e in document["entries"]}) == len(document["entries"]) == 2
