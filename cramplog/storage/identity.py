"""Provides what a file at the journal's path is, decided before anything writes to it.

cramplog must never alter a file that isn't a journal of its own, nor one written by a newer
cramplog. The answer comes from the 100-byte SQLite header (the `application_id` and
`user_version` a journal carries since migration 0003; the newer page 1 its `-wal` still holds
counts first) and, for an unmarked or older file, from its schema (`verify.schema_problem`) read
with `immutable=1`, which takes no lock and creates no `-wal`/`-shm` beside it.
"""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

from ..domain.record import record
from ..errors import InvalidInput, JournalError
from ..sidefiles import WAL
from .constants import APPLICATION_ID, HEAD, SCHEMA_VERSION, file_uri, header_mark, wal_header
from .errors import newer

if TYPE_CHECKING:
    from ..paths import StrPath

LEGACY_TABLES = {"entry", "alembic_version"}


@record
class FileState:
    """`kind` is one of: missing, current, older (a journal of ours to migrate)."""

    kind: str
    revision: str | None = None


def probe(path: StrPath) -> FileState:
    """What `path` holds; raises for a file cramplog must leave alone.

    Raises:
        InvalidInput: a folder, an empty file, not a SQLite file, or a SQLite file that is not a
            journal cramplog made (another application's, however few its tables, or one whose
            schema or revision is not one of cramplog's).
        JournalError: a journal written by a newer cramplog.
    """
    if not os.path.exists(path):
        return FileState("missing")
    if os.path.isdir(path):
        raise InvalidInput(f"{path} is a folder; give the journal's file name", "db")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
        header = wal_header(path) or header  # a newer cramplog's marks may still be in the -wal
    except OSError as exc:
        raise JournalError(f"journal {path} cannot be read: {exc.strerror}") from None
    if not header:
        raise _foreign(path, "it is an empty file; remove it to start a journal there")
    mark = header_mark(header)
    if mark is None:
        raise _foreign(path, "not a SQLite database")
    app_id, version = mark
    if app_id not in (APPLICATION_ID, 0):
        raise _foreign(path, "it belongs to another application")
    if app_id == APPLICATION_ID and version > SCHEMA_VERSION:
        raise newer(path, str(version).zfill(4))
    if app_id == APPLICATION_ID and version == SCHEMA_VERSION:
        return FileState("current", HEAD)  # its schema is checked once open (`verify.check_current`)
    names, revision, problem = _schema(path)
    if app_id == 0 and (not names or version != 0):
        raise _foreign(path, "it has no journal tables" if not names else "it belongs to another application")
    if not names >= LEGACY_TABLES:
        raise _foreign(path, "its tables are not a journal's")
    if revision is not None and revision > HEAD and revision.isdigit():
        raise newer(path, revision)
    if problem is not None:
        raise _foreign(path, problem)
    return FileState("older", revision)


def _schema(path: StrPath) -> tuple[set[str], str | None, str | None]:
    """Table names, revision and what is wrong with the schema (None when it is cramplog's),
    read without writing anything: `immutable=1`, or read-only when a `-wal` holds pages."""
    from .verify import revision_of, schema_problem

    wal = f"{os.fspath(path)}{WAL}"
    has_wal = os.path.exists(wal) and os.path.getsize(wal) > 0
    uri = file_uri(path, "mode=ro" + ("" if has_wal else "&immutable=1"))
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            names = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master") if not str(r[0]).startswith("sqlite_")
            }
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = revision_of(conn) if "alembic_version" in tables else None
            problem = schema_problem(conn) if names else None
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise _foreign(path, "not a readable SQLite database") from None
    return names, revision, problem


def _foreign(path: StrPath, why: str) -> InvalidInput:
    return InvalidInput(f"{path} is not a cramplog journal ({why}); it was left untouched", "db")
