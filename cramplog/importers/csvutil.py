"""Provides CSV reading shared by the CSV importers: text decoding (UTF-8 with or without BOM,
else Latin-1), the header with duplicate names kept apart, and numbers written either way."""

from __future__ import annotations

import csv
import io

from ..errors import InvalidInput


def rows(data: bytes, name: str) -> tuple[list[str], list[list[str]]]:
    """(header, data rows) of a CSV file; an empty file or a broken quote is refused."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InvalidInput(f"{name}: malformed CSV ({exc})") from None
    table = [r for r in table if any(cell.strip() for cell in r)]
    if not table:
        raise InvalidInput(f"{name}: the CSV file is empty")
    return [h.strip() for h in table[0]], table[1:]


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
    """`5012.3`, `5,012.3`, `5012,3`; blank is None (not logged, never 0)."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text and "." in text:
        text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None
