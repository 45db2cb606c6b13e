"""Provides the engine factory: one engine per journal file, never created at import time.

Every connection gets foreign keys on, WAL, `synchronous=NORMAL` (durable across a killed
process, which is the promise; not across power loss) and a busy timeout, so the TUI and a
shell command can write the same journal at once.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from .constants import BUSY_TIMEOUT_MS



def make_engine(path: Path | str) -> Engine:
    """A SQLAlchemy engine on the SQLite file at `path` with cramplog's pragmas."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    return engine


def secure_file(path: Path) -> None:
    """Journal files (and their WAL companions) are readable by their owner only."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            os.chmod(candidate, 0o600)
