"""Provides the limits every import keeps, whatever the files hold, and the reader that keeps them.

A file is read through `Bounded`, which refuses it once it unpacks to more than its format's
limit or expands more than `MAX_RATIO` times its stored size (a zip or gzip bomb), so memory
and time stay bounded before any parser sees the bytes. XML and CSV are parsed as streams;
only a FIT file is held whole (its CRC covers the whole file), hence its smaller limit. The
entries one import may bring in are capped too (`MAX_ENTRIES`): a bomb of tiny valid records
would otherwise grow the batch without end.
"""

from __future__ import annotations

import gzip
import zipfile
import zlib
from typing import BinaryIO, Protocol

from ..errors import InvalidInput


class Readable(Protocol):
    """What a parser reads a file through (a `Bounded` stream, maybe counted for progress)."""

    def read(self, n: int = -1, /) -> bytes: ...


MIB = 1 << 20
MAX_FIT = 32 * MIB
"""A FIT file, unpacked: held in memory whole. A day-long run recorded every second is about 5 MB."""
MAX_TEXT = 256 * MIB
"""A GPX, TCX or CSV file, unpacked (streamed; a year of 1 s GPS points in one GPX is about 200 MB)."""
MAX_HEALTH = 16 * 1024 * MIB
"""Apple Health's export.xml, unpacked (streamed; real exports reach a few GB)."""
MAX_RATIO = 100
"""A zip or gzip member that unpacks to more than this many times its stored size (past
`RATIO_FROM`) is a bomb: real exports of XML, CSV and FIT unpack 3 to 30 times."""
RATIO_FROM = 16 * MIB
MAX_TOKEN = 8 * MIB
"""The longest XML tag, attribute or text run between two `>` (a real one is a few hundred bytes)."""
MAX_ENTRIES = 100_000
"""Entries one import brings in (ten years of daily logging is about 26,000)."""


def too_many() -> InvalidInput:
    """The refusal of an import past `MAX_ENTRIES` (the importers stop at it while reading; the
    command counts its own JSON exports and the other files together)."""
    return InvalidInput(
        f"more than {MAX_ENTRIES:,} entries in one import, more than cramplog takes at once "
        "(ten years of daily logging is about 26,000); import the files in parts",
        "file",
    )


def limit_for(kind: str | None) -> int:
    """The unpacked size limit of a file read as `kind`."""
    if kind == "fit":
        return MAX_FIT
    if kind == "apple_health":
        return MAX_HEALTH
    return MAX_TEXT


def size_text(n: int) -> str:
    return f"{n // (1024 * MIB)} GB" if n >= 1024 * MIB else f"{n // MIB} MB"


class Bounded:
    """A binary stream that refuses to give more than `limit` bytes, or more than `MAX_RATIO`
    times `stored`, and turns the unpacking errors of a damaged file into one `InvalidInput`."""

    def __init__(self, stream: BinaryIO, name: str, limit: int, stored: int) -> None:
        self.stream, self.name, self.limit, self.stored = stream, name, limit, max(stored, 1)
        self.count = 0

    def read(self, n: int = -1) -> bytes:
        want = self.limit + 1 - self.count if n < 0 else min(n, self.limit + 1 - self.count)
        try:
            data = self.stream.read(max(want, 1))
        except (OSError, EOFError, zlib.error, zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
            raise InvalidInput(f"{self.name}: cannot unpack it ({unpack_problem(exc)})") from None
        self.count += len(data)
        if self.count > self.limit:
            raise InvalidInput(
                f"{self.name}: larger than {size_text(self.limit)} unpacked, more than cramplog reads from one file"
            )
        if self.count > RATIO_FROM and self.count > MAX_RATIO * self.stored:
            raise InvalidInput(
                f"{self.name}: unpacks to more than {MAX_RATIO} times its size (a zip bomb, not an export)"
            )
        return data

    def readall(self) -> bytes:
        parts = []
        while chunk := self.read(MIB):
            parts.append(chunk)
        return b"".join(parts)

    def close(self) -> None:
        self.stream.close()

    def __enter__(self) -> Bounded:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def unpack_problem(exc: BaseException) -> str:
    """What a damaged zip or gzip stream's exception means, in a few words."""
    text = str(exc)
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in text:
        return "its checksum does not match: the zip file is damaged"
    if isinstance(exc, EOFError):
        return "the compressed data ends early: the file is cut off"
    if isinstance(exc, (zlib.error, gzip.BadGzipFile)):
        return f"the compressed data is damaged: {text}"
    if isinstance(exc, RuntimeError) and "encrypted" in text:
        return "it is encrypted"
    if isinstance(exc, NotImplementedError):
        return "its compression method is not supported"
    return text or type(exc).__name__
