"""Files that are not cramplog's journals are never changed, by any command, however they look.

docs/architecture.md: "a file that isn't SQLite, a SQLite file of another application ... or a
journal from a newer cramplog (whatever its journal mode) is refused byte-identical, with
nothing written beside it". The files here are the ones that used to get through: SQLite files
with no tables of their own (another app's `user_version`, only a view, nothing at all), a
0-byte file, another Alembic app's database with an `entry` table, a newer journal whose marks
are still in its `-wal`, and a journal carrying an Alembic revision cramplog never made.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cramplog.cli import main
from cramplog.storage import migrate
from cramplog.storage.constants import SCHEMA_VERSION
from cramplog.storage.repository import JournalRepository

COMMANDS = [
    ("list",),
    ("drink", "250"),
    ("export",),
    ("backup",),
    ("insights",),
    ("today",),
    ("today", "--prompt"),
    ("remind",),
    ("edit", "1", "--note", "x"),
    ("checkin", "--no-cramps"),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def sqlite_file(path: Path, *statements: str, mode: str = "delete") -> Path:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {mode}")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()
    return path


def no_tables_user_version_7(path: Path) -> Path:
    return sqlite_file(path, "PRAGMA user_version = 7")


def only_a_view(path: Path) -> Path:
    return sqlite_file(path, "CREATE VIEW answer AS SELECT 42 AS value")


def empty_sqlite(path: Path) -> Path:
    return sqlite_file(path, "PRAGMA user_version = 0", mode="wal")


def zero_bytes(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def other_alembic_app(path: Path) -> Path:
    return sqlite_file(
        path,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
        "INSERT INTO alembic_version VALUES ('3f2a1b9c8d7e')",
        "CREATE TABLE entry (id INTEGER PRIMARY KEY, title TEXT, body TEXT)",
        "INSERT INTO entry (title, body) VALUES ('hello', 'a blog post')",
    )


def other_app_claiming_our_revision(path: Path) -> Path:
    return sqlite_file(
        path,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
        "INSERT INTO alembic_version VALUES ('0002')",
        "CREATE TABLE entry (id INTEGER PRIMARY KEY, title TEXT)",
    )


def unknown_revision_marked_current(path: Path) -> Path:
    JournalRepository.open(path).close()
    return sqlite_file(path, "UPDATE alembic_version SET version_num = 'zz99'")


def missing_table(path: Path) -> Path:
    JournalRepository.open(path).close()
    return sqlite_file(path, "DROP TABLE symptom")


FOREIGN = [
    no_tables_user_version_7,
    only_a_view,
    empty_sqlite,
    zero_bytes,
    other_alembic_app,
    other_app_claiming_our_revision,
    unknown_revision_marked_current,
    missing_table,
]


@pytest.mark.parametrize("make", FOREIGN, ids=lambda f: f.__name__)
def test_a_file_that_is_not_a_journal_of_ours_is_never_changed(tmp_path: Path, capsys, make):
    folder = tmp_path / "data"
    folder.mkdir()
    path = make(folder / "journal.db")
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    before = snapshot(folder)
    for args in COMMANDS:
        code = main(["--db", str(path), *args])
        err = capsys.readouterr().err
        if args == ("today", "--prompt"):
            assert code == 0  # a prompt never fails: nothing to show
        elif args == ("remind",):  # reads only the day's rows: a file marked as ours it can read may
            # pass; one it can't is said, never nudged (docs/reminders.md; tests/cli/test_remind_unreadable.py)
            assert code == 0 or (code == 1 and err.startswith("error: cannot read journal") and err.count("\n") == 1), (
                err
            )
        else:
            assert code == 2, (args, err)
            assert err.startswith("error: ") and err.count("\n") == 1 and "left untouched" in err, (args, err)
        assert snapshot(folder) == before, args  # byte-identical, nothing beside it


def _newer_in_wal(path: Path, header_version: int) -> None:
    """A journal a newer cramplog upgraded and was killed before the checkpoint: the file's
    header still says `header_version`, its -wal holds user_version SCHEMA_VERSION + 1."""
    migrate.upgrade_file(path, str(header_version).zfill(4))
    script = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA journal_mode = WAL')\n"
        "conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "conn.execute('BEGIN')\n"
        f"conn.execute('PRAGMA user_version = {SCHEMA_VERSION + 1}')\n"
        f"conn.execute(\"UPDATE alembic_version SET version_num = '{SCHEMA_VERSION + 1:04d}'\")\n"
        "conn.execute('CREATE TABLE future_thing (id INTEGER PRIMARY KEY)')\n"
        "conn.execute('COMMIT')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=60)


@pytest.mark.parametrize("header_version", [3, SCHEMA_VERSION])
def test_a_newer_journal_whose_marks_are_still_in_its_wal_is_refused_untouched(tmp_path, capsys, header_version):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "journal.db"
    _newer_in_wal(path, header_version)
    assert int.from_bytes(path.read_bytes()[60:64], "big") == header_version  # the file says old
    assert Path(f"{path}-wal").stat().st_size > 0
    before = snapshot(folder)
    for args in COMMANDS:
        code = main(["--db", str(path), *args])
        err = capsys.readouterr().err
        if args not in (("today", "--prompt"), ("remind",)):
            assert code == 1 and "newer cramplog" in err, (args, err)
        assert snapshot(folder) == before, args


def test_a_journal_of_ours_at_an_older_revision_still_upgrades(tmp_path, capsys):
    path = tmp_path / "journal.db"
    migrate.upgrade_file(path, "0002")
    assert main(["--db", str(path), "drink", "250"]) == 0, capsys.readouterr().err
    assert len(list(tmp_path.glob("journal.db.before-*.bak"))) == 1


def test_a_retried_upgrade_keeps_one_copy_of_the_journal_before_it(tmp_path, capsys, monkeypatch):
    """Each failed attempt copied the journal again (a kill mid-upgrade, a full disk); the copy
    of an attempt is the journal as it still is, so one stays. A different, older copy stays too."""
    from cramplog.storage.image import journal_image

    path = tmp_path / "journal.db"
    migrate.upgrade_file(path, "0001")
    (tmp_path / "journal.db.before-0004-20250101-000000.bak").write_bytes(journal_image(path))  # other days
    migrate.upgrade_file(path, "0002")
    real = migrate._run_alembic

    def failing(conn, revision):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrate, "_run_alembic", failing)
    for n in range(3):
        assert main(["--db", str(path), "list"]) == 1
        capsys.readouterr()
        for copy in tmp_path.glob("journal.db.before-0004-2026*.bak"):  # as if made on other days
            copy.rename(tmp_path / f"journal.db.before-0004-2025060{n}-000000.bak")
    assert len(list(tmp_path.glob("journal.db.before-*.bak"))) == 2
    monkeypatch.setattr(migrate, "_run_alembic", real)
    assert main(["--db", str(path), "list"]) == 0, capsys.readouterr().err
    kept = sorted(p.name for p in tmp_path.glob("journal.db.before-*.bak"))
    assert len(kept) == 2 and kept[0] == "journal.db.before-0004-20250101-000000.bak"


def test_first_commands_at_once_make_one_journal_and_a_killed_one_leaves_nothing_for_good(tmp_path):
    path = tmp_path / "journal.db"
    env = {**os.environ, "CRAMPLOG_HOME": str(tmp_path / "home")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cramplog", "--db", str(path), "drink", str(100 + n)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(4)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM drink").fetchone()[0] == 4
    conn.close()
    dead = 2**22 + 12345  # no such process: a leftover of a killed creation
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f".other.db.{dead}-0a1b2c3d.creating{suffix}").write_bytes(b"x")
    assert main(["--db", str(tmp_path / "other.db"), "drink", "250"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
