"""Provides the one list of files SQLite keeps beside a database, by suffix.

A database's side files belong with it: a backup or restore moves them with the file, a file the
user names may not be one of the journal's, and a copy a killed process left half written goes
with the ones SQLite left beside it. Standard library only and importing nothing of cramplog's,
so `files` (beside the domain) and `storage` (above it) both read this list, and the shell
prompt may import it.
"""

from __future__ import annotations

import os

WAL = "-wal"
"""The write-ahead log: a journal's newest pages, until a checkpoint copies them back."""

SIDE_FILES = (WAL, "-shm", "-journal")
"""The write-ahead log, its shared-memory index and the rollback journal (sqlite.org/tempfiles.html)."""


def with_side_files(path: str | os.PathLike[str]) -> list[str]:
    """A database file's path and those of its side files (which may not exist)."""
    return [os.fspath(path), *(f"{os.fspath(path)}{suffix}" for suffix in SIDE_FILES)]


def main_file(name: str) -> str:
    """`name` without a side file's suffix: the name of the database it belongs to."""
    for suffix in SIDE_FILES:
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name
