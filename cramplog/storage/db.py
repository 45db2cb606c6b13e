"""Provides the connection policy: one way to connect to a journal, for every path.

Every connection gets foreign keys on, `synchronous=NORMAL` (durable across a killed process,
which is the promise; not across power loss) and a busy timeout, so the app and a shell command
can write at once. The driver's own transaction handling is switched off (`isolation_level=None`)
and cramplog issues `BEGIN IMMEDIATE` itself: on Python 3.11 the sqlite3 module would otherwise
run schema statements outside any transaction, and a read-then-write could race another writer.
"""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

from ..sidefiles import with_side_files
from .constants import BUSY_TIMEOUT_MS, file_uri

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ..paths import StrPath


def connect(path: StrPath, *, exclusive: bool = False) -> sqlite3.Connection:
    """A connection to the journal at `path` (which must already be a journal).

    `exclusive`: for reading on a full disk, where the WAL index (`-shm`) cannot grow. In
    exclusive locking mode SQLite keeps that index in memory and reads the `-wal` all the same;
    other processes wait for the (short) command to end.
    """
    conn = sqlite3.connect(
        file_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()  # a half-made connection would hold its lock until the process ends
        raise
    return conn


def make_engine(path: StrPath, *, foreign_keys: bool = True) -> Engine:
    """A SQLAlchemy engine on the journal, whose transactions are real (`BEGIN IMMEDIATE`).

    Used by migrations (with `foreign_keys=False`, so recreating a table cannot cascade-delete
    rows) and by tests; the everyday path uses `connect()` and never imports SQLAlchemy.
    """
    from sqlalchemy import create_engine, event

    uri = file_uri(path)
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # the documented pysqlite recipe for real BEGIN
        dbapi_connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA synchronous = NORMAL")

    @event.listens_for(engine, "begin")
    def _begin(conn: object) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]

    return engine


def secure_file(path: StrPath) -> None:
    """A journal made here (and its WAL companions) is readable by its owner only.

    Only for a file just created: a file the user made keeps the mode they gave it.
    """
    for candidate in with_side_files(path):
        try:
            if os.stat(candidate).st_mode & 0o077:
                os.chmod(candidate, 0o600)
        except OSError:  # a side file not made (yet), or one gone meanwhile
            pass
