"""Provides the journal-file constants that every storage path needs, without SQLAlchemy."""

import os

HEAD = "0006"
"""The newest migration revision; a test checks it matches Alembic's head."""

SCHEMA_VERSION = 6
"""`PRAGMA user_version` at `HEAD`: readable from the file header without opening the journal."""

APPLICATION_ID = 0x43524C47
"""`PRAGMA application_id` ("CRLG") marks a file as a cramplog journal (migration 0003 sets it)."""

BUSY_TIMEOUT_MS = int(os.environ.get("CRAMPLOG_BUSY_TIMEOUT_MS", "10000"))
"""How long a writer waits for another (the app and a shell command may write at once)."""


SQLITE_MAGIC = b"SQLite format 3\x00"


def header_mark(header: bytes) -> tuple[int, int] | None:
    """`(application_id, user_version)` from a file's first 100 bytes; None if not SQLite.

    The one reading of the header, for opening a journal (`identity.probe`) and for the shell
    prompt (`glance`), which may import nothing heavier than this module.
    """
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return None
    return int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big")
