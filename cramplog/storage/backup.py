"""Provides consistent copies of the journal file: backups with rotation, and restore.

Copies use SQLite's online backup API, which is safe while another process writes (WAL).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from ..errors import InvalidInput

KEEP = 10
"""Backups kept in the default backup folder; older ones are removed."""


def copy_database(source: Path, target: Path) -> Path:
    """Copy the SQLite database `source` to `target` (overwritten), owner-only."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()
    target.chmod(0o600)
    return target


def backup(journal: Path, target: Path | None = None, now: dt.datetime | None = None) -> Path:
    """Back the journal up to `target`, or into `<data dir>/backups/` keeping the newest `KEEP`."""
    if target is None:
        folder = journal.parent / "backups"
        folder.mkdir(mode=0o700, exist_ok=True)
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        target = folder / f"{journal.stem}-{stamp}.db"
        copy_database(journal, target)
        for old in sorted(folder.glob(f"{journal.stem}-*.db"))[:-KEEP]:
            old.unlink()
        return target
    if target.exists() and target.is_dir():
        raise InvalidInput(f"{target} is a folder; give a file name", "output")
    return copy_database(journal, target)


def check_journal_file(path: Path) -> None:
    """Refuse anything that is not a cramplog journal, before it replaces the real one."""
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}", "file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise InvalidInput(f"{path} is not a SQLite database", "file") from None
    if not {"entry", "alembic_version"} <= names:
        raise InvalidInput(f"{path} is not a cramplog journal", "file")
    if not ok:
        raise InvalidInput(f"{path} fails SQLite's integrity check", "file")
