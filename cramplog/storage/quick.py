"""Provides `QuickJournal`: the shell's logging path, on the standard library's sqlite3.

Logging a cramp must beat `jrnl` adding an entry (~90 ms); importing SQLAlchemy alone costs
~160 ms. So the logging commands, `today` and the red-flag lookback use this small writer and
reader, which shares table names and encodings with the ORM repository (`rows.py`) and leans on
the same CHECK constraints. Anything else (list, edit, delete, the app, analysis) uses
`JournalRepository`. A new or older journal is handed to `JournalRepository.open` once, which
creates or migrates it; after that this path never imports SQLAlchemy or Alembic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

from ..domain import entries as E
from ..domain.fieldtext import match_shoe
from ..errors import InvalidInput, JournalError, NotFound
from .constants import BUSY_TIMEOUT_MS, HEAD
from .rows import TABLES, build, detail_fields, encode, from_sql, to_sql, utc_naive


def _annotations(kind: str) -> dict[str, str]:
    return {f.name: str(f.type) for f in dataclasses.fields(E.KINDS[kind])}


class QuickJournal:
    """One sqlite3 connection to a journal already at `HEAD`; each write one transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @classmethod
    def open(cls, path: Path) -> QuickJournal:
        """Open the journal at `path`; create or migrate it first (via the full repository)."""
        if not path.exists() or _revision(path) != HEAD:
            from .repository import JournalRepository

            JournalRepository.open(path).close()
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"cannot open journal {path}: {exc}") from None
        return cls(conn)

    def close(self) -> None:
        self._conn.close()

    def add(self, entry: E.Entry, *, source: str = "cramplog") -> E.Entry:
        """Insert `entry` in one transaction and return it with its ID."""
        if isinstance(entry, E.Run) and entry.shoe_id is not None and not self._exists("shoe", entry.shoe_id):
            raise NotFound(f"no shoe with ID {entry.shoe_id}", "shoe_id")
        now = to_sql(utc_naive(dt.datetime.now(dt.timezone.utc)))
        names = detail_fields(entry.kind)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            cursor = self._conn.execute(
                "INSERT INTO entry (id, kind, at_utc, tz, note, source, created_utc, updated_utc) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.id, entry.kind, to_sql(utc_naive(entry.at)), entry.tz, entry.note, source, now, now))
            entry_id = cursor.lastrowid
            columns = ", ".join(["id", *names])
            marks = ", ".join("?" * (len(names) + 1))
            values = [entry_id, *(to_sql(encode(n, getattr(entry, n))) for n in names)]
            self._conn.execute(f"INSERT INTO {TABLES[entry.kind]} ({columns}) VALUES ({marks})", values)
            self._conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            self._conn.execute("ROLLBACK")
            raise InvalidInput(f"{entry.kind} refused by the journal: {exc}") from None
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        return dataclasses.replace(entry, id=entry_id)

    def entries(self, kinds: list[str] | None = None, since: dt.datetime | None = None) -> list[E.Entry]:
        """Entries of `kinds` (default all) at or after `since`, oldest first."""
        found: list[E.Entry] = []
        for kind in kinds or list(E.KINDS):
            names = detail_fields(kind)
            sql = (f"SELECT e.id, e.at_utc, e.tz, e.note, {', '.join('d.' + n for n in names)} "
                   f"FROM entry e JOIN {TABLES[kind]} d ON d.id = e.id")
            args: list[object] = []
            if since is not None:
                sql += " WHERE e.at_utc >= ?"
                args.append(to_sql(utc_naive(since)))
            annotations = _annotations(kind)
            for row in self._conn.execute(sql, args):
                at_utc = dt.datetime.fromisoformat(row[1])
                details = {n: from_sql(n, annotations[n], v) for n, v in zip(names, row[4:], strict=True)}
                found.append(build(kind, row[0], at_utc, row[2], row[3], details))
        found.sort(key=lambda e: (e.at, e.id or 0))
        return found

    def last(self, kind: str) -> E.Entry | None:
        row = self._conn.execute("SELECT at_utc FROM entry WHERE kind = ? ORDER BY at_utc DESC, id DESC LIMIT 1",
                                 (kind,)).fetchone()
        if row is None:
            return None
        return self.entries([kind], since=dt.datetime.fromisoformat(row[0]).replace(tzinfo=dt.timezone.utc))[-1]

    def shoe_id(self, name: str) -> int:
        """ID of the shoe `name` names (see `domain.fieldtext.match_shoe`)."""
        shoes = self._conn.execute("SELECT id, name FROM shoe").fetchall()
        return match_shoe(name, shoes, hint=f"; add it with cramplog shoe {name.strip()!r}")

    def _exists(self, table: str, entry_id: int) -> bool:
        return self._conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (entry_id,)).fetchone() is not None


def _revision(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None
