"""Provides what a file must be before cramplog adopts it as a journal, checked before any write.

- Its schema equals the one the migrations build at its revision: a fingerprint of
  `sqlite_master` (every table, index and constraint as SQLite stores its text), one per
  revision in `SCHEMAS`, which tests/storage/test_verify.py holds equal to the migrations. An
  upgraded journal has exactly a new one's schema, so one fingerprint per revision serves both.
- Its revision is one of cramplog's (`alembic_version`), matching its `user_version`.
- Every row reads back through the domain (`check_rows`): each entry has its kind's row and no
  kind's row lacks its entry, every reference resolves, and every entry, built from its rows,
  passes the checks typed input passes (a real zone, a time from 1900, each field in bounds) and
  gives the keys stored beside it (`rows.KEYS`: a shoe's `name_key`, which its unique index holds).

Opening any journal checks the first two (one read of `sqlite_master`); `restore`, and a journal
named with `--db` or `CRAMPLOG_DB` the first time it is opened, check all three
(`adopt`). A file that fails is refused with one line and left byte-identical.
"""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

from ..domain import entries as E
from ..errors import InvalidInput, JournalError
from ..folders import user_folder
from .constants import APPLICATION_ID, HEAD, SCHEMA_VERSION
from .errors import newer
from .instants import read_instant
from .rows import KEYS, TABLES, build, detail_fields

if TYPE_CHECKING:
    from ..paths import StrPath

SCHEMAS: dict[str, str] = {
    "0001": "059d0ddf3ad672da-26ff6479-8203",
    "0002": "0255918c9c7c36cc-3b1c0abb-8251",
    "0003": "1aa0bcf8ab4a03e8-09057fa0-8443",
    "0004": "098b7373106aeba7-253a0308-8451",
    "0005": "047db36420f38195-7848555c-8425",
    "0006": "1cbaadfa9b8ad4fe-1edf478e-9202",
    "0007": "1472e53c566b5157-1a68dd9a-9218",
}
"""Revision -> fingerprint of the schema its migrations build (`fingerprint`). A new migration
adds its line: `python -m tests.storage.test_verify` prints them."""


def fingerprint(conn: sqlite3.Connection) -> str:
    """Checksums of every schema object but SQLite's own, as SQLite stores it (fields and rows
    joined by the ASCII unit and record separators): the text read as one number, its
    remainders by two Mersenne primes, and its length. They tell a schema from another by
    accident, which is what they are for, in plain integer arithmetic: zlib (a shared library)
    cost every command 0.35 ms to load, hashlib ~4 ms."""
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"
    ).fetchall()
    text = "\x1e".join("\x1f".join("" if v is None else str(v) for v in row) for row in rows).encode("utf-8")
    number = int.from_bytes(text, "big")
    return f"{number % (2**61 - 1):016x}-{number % (2**31 - 1):08x}-{len(text)}"


def revision_of(conn: sqlite3.Connection) -> str | None:
    """The `alembic_version` row, or None without one (or without the table)."""
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def schema_problem(conn: sqlite3.Connection) -> str | None:
    """Why the journal behind `conn` is not one cramplog's migrations made, or None."""
    revision = revision_of(conn)
    if revision not in SCHEMAS:
        return f"its schema revision {revision!r} is not one of cramplog's" if revision else "it has no schema revision"
    if fingerprint(conn) != SCHEMAS[revision]:
        return f"its tables are not those of a cramplog journal at revision {revision}"
    return None


def check_current(conn: sqlite3.Connection, path: object) -> None:
    """Refuse a journal whose marks, revision or schema are not this version's (read, never written).

    The marks are read through the connection, so a newer cramplog's still in the `-wal` count.
    """
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    revision = revision_of(conn) or ""
    if app_id != APPLICATION_ID:
        raise InvalidInput(
            f"{path} is not a cramplog journal (it belongs to another application); it was left untouched", "db"
        )
    if version > SCHEMA_VERSION or (revision.isdigit() and revision > HEAD):
        raise newer(path, max(str(version).zfill(4), revision))
    problem = schema_problem(conn)
    if problem is None and revision != HEAD:
        problem = f"its schema revision {revision} does not match its mark ({version})"
    if problem is not None:
        raise refused(path, problem, "db")


def refused(path: object, why: str, field: str) -> InvalidInput:
    return InvalidInput(f"{path} is not a journal cramplog can use ({why}); it was left untouched", field)


def check_rows(conn: sqlite3.Connection, path: object) -> int:
    """Refuse a journal any of whose rows does not read back through the domain; return the
    number of entries read."""

    def refuse(why: str) -> InvalidInput:
        return refused(path, why, "file")

    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        raise refuse("it fails SQLite's integrity check")
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken is not None:
        raise refuse(f"a row of table {broken[0]} refers to a {broken[2]} row that does not exist")
    count = 0
    for kind in E.KINDS:
        table, names, keys = TABLES[kind], detail_fields(kind), KEYS.get(kind, {})
        stray = conn.execute(
            f'SELECT d.id FROM "{table}" d LEFT JOIN entry e ON e.id = d.id WHERE e.id IS NULL OR e.kind != ?', (kind,)
        ).fetchone()
        if stray is not None:
            raise refuse(f"its {table} row {stray[0]} belongs to no {kind} entry")
        columns = ", ".join(f'd."{n}"' for n in (*names, *keys))
        rows = conn.execute(
            f"SELECT e.id, e.at_utc, e.tz, e.note, e.uid, d.id, {columns} FROM entry e "
            f'LEFT JOIN "{table}" d ON d.id = e.id WHERE e.kind = ?',
            (kind,),
        )
        for row in rows:
            entry_id = row[0]
            if row[5] is None:
                raise refuse(f"entry #{entry_id} is a {kind} without its {table} row")
            try:
                read_instant(row[1])
                values = dict(zip(names, row[6 : 6 + len(names)], strict=True))
                entry = build(kind, entry_id, row[1], row[2], row[3], row[4], values)
                entry.replace()  # the domain's checks, as typed input gets them
                stored = dict(zip(keys, row[6 + len(names) :], strict=True))
                wrong = next((column for column, rule in keys.items() if stored[column] != rule(entry)), None)
            except InvalidInput as exc:
                raise refuse(f"entry #{entry_id} ({kind}): {exc}") from None
            except (TypeError, ValueError, OverflowError, AttributeError):
                raise refuse(f"entry #{entry_id} ({kind}) holds a value cramplog cannot read") from None
            if wrong is not None:
                raise refuse(f"entry #{entry_id} ({kind}) has a {wrong} its {table} row's fields do not give")
            count += 1
    total = conn.execute("SELECT count(*) FROM entry").fetchone()[0]
    if total != count:
        raise refuse("some entries are of no kind cramplog knows")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'experiment'").fetchone():
        try:  # a planned experiment reads back as a plan the domain accepts
            from . import experiments

            experiments.plans(conn)
        except InvalidInput as exc:
            raise refuse(f"a planned experiment: {exc}") from None
        except (TypeError, ValueError, OverflowError):
            raise refuse("a planned experiment holds a value cramplog cannot read") from None
    return count


# -- journals adopted once -------------------------------------------------------------------------


def _registry() -> str:
    return os.path.join(user_folder("data"), "journals-checked")


def _key(path: StrPath) -> str:
    stat = os.stat(path)
    return f"{stat.st_dev}:{stat.st_ino}"


def adopted(path: StrPath) -> bool:
    """Whether the file at `path` was checked whole before (or made by cramplog)."""
    try:
        key = _key(path)
        with open(_registry(), encoding="utf-8") as handle:
            return key in handle.read().split()
    except (OSError, ValueError):
        return False


def remember(path: StrPath) -> None:
    """Note that the file at `path` is a journal checked whole (a failure only costs a re-check)."""
    from pathlib import Path

    from ..files import private_text

    try:
        key = _key(path)
        registry = Path(_registry())
        known = registry.read_text(encoding="utf-8").split() if registry.exists() else []
        if key not in known:
            private_text(registry, "\n".join([*known[-999:], key]) + "\n")
    except (OSError, ValueError, InvalidInput, JournalError):
        pass


def adopt(conn: sqlite3.Connection, path: StrPath) -> None:
    """A journal named by the user, checked whole the first time it is opened (`check_rows`)."""
    if adopted(path):
        return
    check_rows(conn, path)
    remember(path)
