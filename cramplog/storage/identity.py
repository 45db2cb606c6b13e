"""Provides what a file at the journal's path is, decided before anything writes to it.

cramplog must never alter a file that isn't a journal of its own, nor one written by a newer
cramplog. The answer comes from the 100-byte SQLite header (the `application_id` and
`user_version` a journal carries since migration 0003) and, for an unmarked file, from its
table names read with `immutable=1`, which takes no lock and creates no `-wal`/`-shm` beside it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..domain.record import record
from ..errors import InvalidInput, JournalError
from .constants import APPLICATION_ID, HEAD, SCHEMA_VERSION, header_mark

LEGACY_TABLES = {"entry", "alembic_version"}


@record
class FileState:
    """`kind` is one of: missing, empty (no tables yet), current, older (a journal to migrate)."""

    kind: str
    revision: str | None = None


def probe(path: Path) -> FileState:
    """What `path` holds; raises for a file cramplog must leave alone.

    Raises:
        InvalidInput: a folder, not a SQLite file, or a SQLite file of another application.
        JournalError: a journal written by a newer cramplog.
    """
    if not path.exists():
        return FileState("missing")
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give the journal's file name", "db")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise JournalError(f"journal {path} cannot be read: {exc.strerror}") from None
    if not header:
        return FileState("empty")
    mark = header_mark(header)
    if mark is None:
        raise _foreign(path, "not a SQLite database")
    app_id, version = mark
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise newer(path, str(version).zfill(4))
        return FileState("current" if version == SCHEMA_VERSION else "older", str(version).zfill(4))
    if app_id != 0:
        raise _foreign(path, "it belongs to another application")
    names, revision = _tables(path)
    if not names:
        return FileState("empty")
    if not names >= LEGACY_TABLES:
        raise _foreign(path, "its tables are not a journal's")
    if revision is not None and revision > HEAD:
        raise newer(path, revision)
    return FileState("older", revision)


def _tables(path: Path) -> tuple[set[str], str | None]:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in names:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise _foreign(path, "not a readable SQLite database") from None
    return names, revision


def _foreign(path: Path, why: str) -> InvalidInput:
    return InvalidInput(f"{path} is not a cramplog journal ({why}); it was left untouched", "db")


def newer(path: Path, revision: str) -> JournalError:
    return JournalError(f"{path} was written by a newer cramplog (schema {revision}, this one knows "
                        f"{HEAD}); it was left untouched: upgrade cramplog to open it")
