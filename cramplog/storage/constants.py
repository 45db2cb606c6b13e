"""Provides the journal-file constants that both storage paths need, without SQLAlchemy."""

HEAD = "0002"
"""The newest migration revision; a test checks it matches Alembic's head."""

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another (the app and a shell command may write at once)."""
