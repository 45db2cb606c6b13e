"""Never touch what isn't ours: other applications' files and newer journals are refused untouched,
the journal is marked, private, with IDs that are never handed out twice."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from cramplog.cli import main
from cramplog.domain import entries as E
from cramplog.storage.constants import APPLICATION_ID, SCHEMA_VERSION
from cramplog.storage.repository import JournalRepository

AT = dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def other_app(path: Path, journal_mode: str) -> Path:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not a journal')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
@pytest.mark.parametrize("args", [("list",), ("drink", "250"), ("export",), ("backup",), ("insights",)])
def test_another_applications_sqlite_file_is_refused_byte_identical(tmp_path, capsys, journal_mode, args):
    folder = tmp_path / "app"
    folder.mkdir()
    path = other_app(folder / "other.sqlite", journal_mode)
    before = snapshot(folder)
    assert main(["--db", str(path), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "is not a cramplog journal" in err and err.count("\n") == 1
    assert snapshot(folder) == before  # nothing changed, nothing written beside it


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("shopping: milk, bananas\n" * 20)
    before = snapshot(tmp_path)
    assert main(["--db", str(path), "drink", "250"]) == 2
    assert "is not a cramplog journal" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_a_journal_from_a_newer_cramplog_is_refused_byte_identical(tmp_path, capsys, journal_mode):
    folder = tmp_path / "j"
    folder.mkdir()
    path = folder / "journal.db"
    JournalRepository.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    before = snapshot(folder)
    assert main(["--db", str(path), "drink", "250"]) == 1
    assert "newer cramplog" in capsys.readouterr().err
    assert snapshot(folder) == before


def test_a_new_journal_carries_the_mark_and_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        path = tmp_path / "data" / "journal.db"
        JournalRepository.open(path).close()
    finally:
        os.umask(old)
    header = path.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
    assert int.from_bytes(header[60:64], "big") == SCHEMA_VERSION
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_new_journal_is_private_and_an_existing_file_keeps_its_owners_mode(tmp_path):
    """Review B, H3: every open chmod'ed the file to 0600, so a journal its owner had made
    read-only (0444) became writable. Only a file made here is set private; others keep their mode."""
    path = tmp_path / "journal.db"
    JournalRepository.open(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for mode in (0o644, 0o640):
        os.chmod(path, mode)
        repo = JournalRepository.open(path)
        repo.add(E.Drink(at=AT, tz="UTC", amount_ml=250))
        repo.close()
        assert stat.S_IMODE(path.stat().st_mode) == mode


def test_an_id_once_confirmed_never_names_another_entry(tmp_path):
    repo = JournalRepository.open(tmp_path / "j.db")
    first = repo.add(E.Drink(at=AT, tz="UTC", amount_ml=250))
    second = repo.add(E.Drink(at=AT, tz="UTC", amount_ml=300))
    repo.delete(second.id or 0)
    third = repo.add(E.Drink(at=AT, tz="UTC", amount_ml=350))
    assert third.id not in (first.id, second.id)
    restored = repo.restore(repo.delete(first.id or 0))  # undo puts it back under its own ID and uid
    assert (restored.id, restored.uid) == (first.id, first.uid)
    assert len({first.uid, second.uid, third.uid}) == 3
    repo.close()


def test_a_missing_folder_given_with_db_is_one_plain_line(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "no" / "such" / "journal.db"), "drink", "250"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "does not exist" in err and err.count("\n") == 1
    assert not (tmp_path / "no").exists()


def test_a_read_only_journal_is_one_plain_line(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root writes through file modes")
    path = tmp_path / "journal.db"
    JournalRepository.open(path).close()
    os.chmod(path, 0o400)
    assert main(["--db", str(path), "drink", "250"]) == 1
    assert "read-only" in capsys.readouterr().err


def _as_a_user(*args: str) -> list[str]:
    """`cramplog ARGS` as a process whose file modes hold: as root, without the capabilities that
    write through them (capsh), so the test runs where CI runs, as root."""
    import shlex
    import shutil
    import sys

    command = [sys.executable, "-m", "cramplog", *args]
    if os.geteuid() != 0:
        return command
    if not shutil.which("capsh"):
        pytest.skip("root without capsh writes through file modes")
    return ["capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", shlex.join(command)]


def test_side_files_left_read_only_are_named_once_the_journal_is_writable_again(tmp_path):
    """A read-only journal read (the -shm made 0444 with it), then made writable: every write
    failed with "the journal is read-only here; check the file's permissions", naming the file
    that was writable. The message now names the side file and the command that mends it."""
    import subprocess

    path = tmp_path / "j.db"
    env = {**os.environ, "HOME": str(tmp_path)}
    JournalRepository.open(path).close()
    os.chmod(path, 0o444)
    assert subprocess.run(_as_a_user("--db", str(path), "list"), env=env, capture_output=True).returncode == 0
    os.chmod(path, 0o644)
    done = subprocess.run(_as_a_user("--db", str(path), "drink", "300"), env=env, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("error: the journal is writable but its side file")
    assert f"chmod u+w {path}-shm" in done.stderr and done.stderr.count("\n") == 1
    os.chmod(f"{path}-shm", 0o644)
    again = subprocess.run(_as_a_user("--db", str(path), "drink", "300"), env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr


def test_a_damaged_journal_is_one_plain_line(tmp_path, capsys):
    path = tmp_path / "journal.db"
    repo = JournalRepository.open(path)
    for n in range(200):
        repo.add(E.Drink(at=AT, tz="UTC", amount_ml=1 + n, note="x" * 500))
    repo.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\xff" * (4096 * 3)  # clobber pages in the middle
    path.write_bytes(bytes(data))
    code = main(["--db", str(path), "list", "--json"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1
    assert "damaged" in err and "Traceback" not in err and "sqlalche" not in err
