"""Provides CSV reading shared by the CSV importers, as a stream of rows: text decoding (UTF-8
with or without BOM, else Latin-1, judged on the first 64 KB), the header with duplicate names
kept apart, numbers written either way, and dates as a spreadsheet re-saves them.

Quoting is strict: a quote that opens a field and never closes is refused with the line it
opens on, instead of swallowing every row after it into one field; no field may be longer than
`csv.field_size_limit()` (128 KB), which no real export has.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import InvalidInput
from .base import finite
from .limits import Readable

SNIFF = 64 * 1024


class _Raw(io.RawIOBase):
    """A raw stream over anything with `read(n)` (for `io.BufferedReader`)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _text(stream: Readable) -> io.TextIOWrapper:
    buffered = io.BufferedReader(_Raw(stream), SNIFF)
    head = buffered.peek(SNIFF)[:SNIFF]
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "latin-1"
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")


class Table:
    """The rows of a CSV stream: `header` (the first non-blank row), then `rows()`, each as
    (line it starts on, cells), blank rows left out."""

    def __init__(self, stream: Readable, name: str) -> None:
        self.name = name
        self._reader = csv.reader(_text(stream), strict=True)
        self._start = 1
        header = next(self._rows(), None)
        if header is None:
            raise InvalidInput(f"{name}: the CSV file is empty")
        self.header = [h.strip() for h in header[1]]

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            start = self._reader.line_num + 1
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InvalidInput(self._problem(start, str(exc))) from None
            if any(cell.strip() for cell in row):
                yield start, row

    def _problem(self, start: int, text: str) -> str:
        if "unexpected end of data" in text:
            return f'{self.name}, line {start}: a quoted field opens here and never closes (an unmatched ")'
        if "field larger than field limit" in text:
            return (
                f"{self.name}, line {start}: a field longer than {csv.field_size_limit() // 1024} KB "
                '(an unmatched " swallowing the rows after it?)'
            )
        return f"{self.name}, line {self._reader.line_num}: malformed CSV ({text})"

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        return self._rows()


def header_line(head: bytes) -> list[str]:
    """The header of a CSV file from its first bytes (for recognising it)."""
    text = head.decode("utf-8-sig", errors="replace").splitlines()
    if not text:
        return []
    try:
        return [h.strip() for h in next(csv.reader([text[0]]))]
    except (csv.Error, StopIteration):
        return []


def positions(header: list[str]) -> dict[str, list[int]]:
    """Column name -> every index it appears at (Strava repeats `Distance` and `Elapsed Time`)."""
    out: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        out.setdefault(h, []).append(i)
    return out


def cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def number(text: str) -> float | None:
    """`5012.3`, `5,012.3`, `5012,3`; blank, NaN and infinity are None (not logged, never 0)."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text and "." in text:
        text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    try:
        return finite(float(text))
    except ValueError:
        return None


_DATE = re.compile(r"^\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[ T].*)?$")
ORDERS = {"ymd": (0, 1, 2), "mdy": (2, 0, 1), "dmy": (2, 1, 0)}
"""Where year, month and day stand in a date's three numbers."""


def _as(parts: tuple[int, int, int], order: str) -> dt.date | None:
    y, m, d = (parts[i] for i in ORDERS[order])
    if y < 100:
        y += 2000 if y < 70 else 1900  # a spreadsheet's two-digit year, as Excel reads it
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def day_reader(texts: Iterable[str], name: str) -> Callable[[str], dt.date | None]:
    """How to read the dates of one column: ISO (`2026-01-27`, as apps write them), or as a
    spreadsheet re-saved them (`1/27/2026`, `27/01/2026`, `27.01.26`). Day-first or month-first
    is decided by the whole column: the order under which every date is valid, the column never
    goes backwards, and its days lie closest together (a daily export's days follow each other).
    A column that reads both ways equally well is refused, naming a date."""
    parsed = {t: _parts(t) for t in texts}
    if all(p is None or p[0] >= 1000 for p in parsed.values()):
        return lambda t: _as(p, "ymd") if (p := _parts(t)) else None
    fits: list[tuple[bool, int, str]] = []
    for order in ("mdy", "dmy"):
        days = [_as(p, order) if p else None for p in parsed.values()]
        if all(d is not None for d, p in zip(days, parsed.values()) if p is not None):
            known = [d for d in days if d is not None]
            span = (max(known) - min(known)).days if known else 0
            fits.append((known != sorted(known), span, order))
    if not fits:
        bad = next(t for t, p in parsed.items() if p is None or (_as(p, "mdy") is None and _as(p, "dmy") is None))
        raise InvalidInput(f"{name}: cannot read date {bad!r} (expected YYYY-MM-DD)")
    fits.sort()
    if len(fits) == 2 and fits[0][:2] == fits[1][:2]:
        sample = next(t for t, p in parsed.items() if p is not None and p[0] <= 12 and p[1] <= 12)
        raise InvalidInput(
            f"{name}: dates like {sample!r} could be month/day or day/month; save the file with dates as YYYY-MM-DD"
        )
    order = fits[0][2]
    return lambda t: _as(p, order) if (p := _parts(t)) else None


def _parts(text: str) -> tuple[int, int, int] | None:
    match = _DATE.match(text)
    if not match:
        return None
    a, b, c = (int(g) for g in match.groups())
    return (a, b, c)
