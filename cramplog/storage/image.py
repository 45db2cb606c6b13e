"""Provides a journal's image: a consistent copy of its bytes made in memory, and a copy written whole.

Backups, restore's safety copy and the copy made before a migration all start here, so no copy,
plain or partial, is ever on disk but the one written whole from these bytes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..files import write_output
from .constants import BUSY_TIMEOUT_MS, file_uri
from .errors import translated


def journal_image(journal: Path) -> bytes:
    """A consistent copy of the journal as bytes, made in memory: no copy, plain or partial, is
    ever on disk but the one written whole from these bytes."""
    with translated(journal):
        src = sqlite3.connect(file_uri(journal, "mode=ro"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            memory = sqlite3.connect(":memory:")
            try:
                src.backup(memory)
                image = bytearray(memory.serialize())
            finally:
                memory.close()
        finally:
            src.close()
    image[18:20] = b"\x01\x01"  # the header's WAL bytes set to rollback: a self-contained file
    return bytes(image)


def copy_database(source: Path, target: Path) -> Path:
    """Copy the SQLite database `source` to `target` (replaced whole), owner-only."""
    return write_output(target, journal_image(source))
