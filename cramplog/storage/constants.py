"""Provides the journal-file constants that every storage path needs, without SQLAlchemy."""

import os

HEAD = "0004"
"""The newest migration revision; a test checks it matches Alembic's head."""

SCHEMA_VERSION = 4
"""`PRAGMA user_version` at `HEAD`: readable from the file header without opening the journal."""

APPLICATION_ID = 0x43524C47
"""`PRAGMA application_id` ("CRLG") marks a file as a cramplog journal (migration 0003 sets it)."""

BUSY_TIMEOUT_MS = int(os.environ.get("CRAMPLOG_BUSY_TIMEOUT_MS", "10000"))
"""How long a writer waits for another (the app and a shell command may write at once)."""
