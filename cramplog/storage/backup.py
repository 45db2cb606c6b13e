"""Provides consistent copies of the journal: backups with rotation, and a safe restore.

Copies use SQLite's online backup API, which is consistent while another process writes (WAL)
and, when restoring, replaces the live journal's pages inside one transaction, so a process
that has the journal open never sees half of each.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..errors import InvalidInput
from ..files import write_output
from ..paths import JournalURL
from .constants import BUSY_TIMEOUT_MS
from .errors import translated
from .identity import probe

KEEP = 10
"""Backups kept in the default backup folder; older ones are removed."""


def refuse_server(journal: Path | JournalURL) -> Path:
    """The journal file; a journal on a PostgreSQL server is the server's to back up (exit 2)."""
    if not isinstance(journal, Path):
        raise InvalidInput("backup and restore are for a journal file; for a journal on PostgreSQL use "
                           "pg_dump / pg_restore on the server, or `cramplog export` and `cramplog import`",
                           "db")
    return journal


def backups_folder(journal: Path) -> Path:
    return journal.parent / "backups"


def copy_database(source: Path, target: Path) -> Path:
    """Copy the SQLite database `source` to `target` (overwritten), owner-only."""
    with translated(source):
        src = sqlite3.connect(f"file:{quote(str(source.resolve()))}?mode=ro", uri=True,
                              timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT, 0o600)
            os.close(fd)
            dest = sqlite3.connect(target)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            finally:
                dest.close()
        finally:
            src.close()
        os.chmod(target, 0o600)
    return target


def backup(journal: Path | JournalURL, target: Path | None = None, now: dt.datetime | None = None) -> Path:
    """Back the journal up to `target`, or into the backups folder keeping the newest `KEEP`."""
    journal = refuse_server(journal)
    if target is not None:
        refuse = [journal, Path(f"{journal}-wal"), Path(f"{journal}-shm"), backups_folder(journal)]
        return write_output(target, lambda tmp: _fresh_copy(journal, tmp), refuse=refuse)
    folder = backups_folder(journal)
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{journal.stem}-{stamp}.db"
    write_output(target, lambda tmp: _fresh_copy(journal, tmp))
    for old in sorted(folder.glob(f"{journal.stem}-*.db"))[:-KEEP]:
        old.unlink()
    return target


def _fresh_copy(journal: Path, tmp: Path) -> None:
    tmp.unlink(missing_ok=True)
    copy_database(journal, tmp)


def check_journal_file(path: Path) -> None:
    """Refuse anything that is not a whole, readable cramplog journal this version can open."""
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}", "file")
    state = probe(path)  # not a journal, or a newer one: refused here
    if state.kind in ("empty", "missing"):
        raise InvalidInput(f"{path} is not a cramplog journal (it is empty)", "file")
    try:  # immutable: checking a file must not write -wal/-shm beside it
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.execute("SELECT count(*) FROM entry").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise InvalidInput(f"{path} is damaged: SQLite cannot read it", "file") from None
    if not ok:
        raise InvalidInput(f"{path} fails SQLite's integrity check; it was not restored", "file")


def restore(journal: Path | JournalURL, source: Path) -> Path | None:
    """Replace the journal's content with `source` after checking it; return the saved copy.

    The current journal is backed up first (into the backups folder); then the backup API
    writes `source` into the live journal in one transaction.
    """
    journal = refuse_server(journal)
    check_journal_file(source)
    if Path(os.path.realpath(source)) == Path(os.path.realpath(journal)):
        raise InvalidInput(f"{source} is the journal itself; nothing to restore", "file")
    state = probe(journal)  # never overwrite a file that isn't a journal of ours
    if state.kind == "missing":
        journal.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.close(os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    saved = backup(journal) if state.kind not in ("missing", "empty") else None
    with translated(journal):
        src = sqlite3.connect(f"file:{quote(str(source.resolve()))}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(journal, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    return saved
