"""Provides the journal-file constants that every storage path needs, without SQLAlchemy."""

import os

from ..sidefiles import WAL

HEAD = "0007"
"""The newest migration revision; a test checks it matches Alembic's head."""

SCHEMA_VERSION = 7
"""`PRAGMA user_version` at `HEAD`: readable from the file header without opening the journal."""

APPLICATION_ID = 0x43524C47
"""`PRAGMA application_id` ("CRLG") marks a file as a cramplog journal (migration 0003 sets it)."""


def _busy_timeout_ms() -> int:
    """`CRAMPLOG_BUSY_TIMEOUT_MS`: whole milliseconds, 0 to one hour (`abc`, `nan`, `1e99` gave
    "unexpected ValueError" on every command)."""
    raw = os.environ.get("CRAMPLOG_BUSY_TIMEOUT_MS", "10000").strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 7 and int(raw) <= 3_600_000):
        from ..errors import InvalidInput

        raise InvalidInput(
            f"CRAMPLOG_BUSY_TIMEOUT_MS must be whole milliseconds from 0 to 3600000, got {raw[:20]!r}",
            "CRAMPLOG_BUSY_TIMEOUT_MS",
        )
    return int(raw)


BUSY_TIMEOUT_MS = _busy_timeout_ms()
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


WAL_MAGIC = (0x377F0682, 0x377F0683)


def wal_header(path: str | os.PathLike[str]) -> bytes | None:
    """The first 100 bytes of the journal's page 1 as its `-wal` last committed it, or None.

    A journal in WAL mode keeps its newest pages in the `-wal` until a checkpoint copies them
    back, so a newer cramplog's marks (`user_version`) may be there and not yet in the file.
    Frames count when their salts match the WAL header's and a commit frame follows them
    (sqlite.org/fileformat2.html, "The WAL File Format"); checksums are not recomputed.
    """
    try:
        with open(f"{os.fspath(path)}{WAL}", "rb") as handle:
            head = handle.read(32)
            if len(head) < 32 or int.from_bytes(head[:4], "big") not in WAL_MAGIC:
                return None
            page_size = int.from_bytes(head[8:12], "big")
            salts = head[16:24]
            pending: bytes | None = None
            committed: bytes | None = None
            while True:
                frame = handle.read(24)
                if len(frame) < 24 or frame[8:16] != salts:
                    break
                page = int.from_bytes(frame[:4], "big")
                if page == 1:
                    pending = handle.read(100)
                    handle.seek(page_size - 100, 1)
                else:
                    handle.seek(page_size, 1)
                if int.from_bytes(frame[4:8], "big") != 0:  # a commit frame ends a transaction
                    committed = pending or committed
                    pending = None
            return committed
    except (OSError, ValueError):
        return None


_URI_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-~")


def file_uri(path: str | os.PathLike[str], query: str = "") -> str:
    """A `file:` URI naming exactly `path` for sqlite3 (`uri=True`).

    Absolute, so a name such as `file:x.db` is never read as a URI itself (SQLite builds that
    accept URIs everywhere would open `x.db`); every other byte %-escaped, so `?`, `#`, `%` and
    a name that is not UTF-8 reach the file system as they are.
    """
    raw = os.fsencode(os.path.abspath(path))
    escaped = "".join(chr(b) if b in _URI_SAFE else f"%{b:02X}" for b in raw)
    return f"file:{escaped}" + (f"?{query}" if query else "")
