"""Provides per-kind tables of the journal (one pandas DataFrame per entry kind) with diary days.

Two sources give the same tables: domain entries (tests, simulation, small journals) and plain
rows from the storage bulk read (the fast path for `cramplog insights` on years of data).
Each table has `id`, `at` (aware instant), `day` (diary day as a Timestamp) and `minute`
(minutes after the day boundary, for "before the cramp" and "bedtime" rules) plus its fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ..domain.clock import diary_day, zone
from ..domain.entries import Entry

if TYPE_CHECKING:
    from ..storage.repository import JournalRepository

FIELDS: dict[str, tuple[str, ...]] = {
    "cramp": ("severity", "context", "muscle", "duration_s"),
    "drink": ("amount_ml", "drink_kind"),
    "stretch": ("minutes", "muscles", "cramped"),
    "run": ("distance_km", "duration_s", "effort", "shoe_id", "comfort"),
    "shoe": ("name", "first_used", "retired", "start_km", "life_km"),
    "food": ("magnesium_mg", "potassium_mg"),
    "diet": ("day", "pattern", "b12"),
    "med": ("name", "med_class", "start", "stop"),
    "injury": ("day", "site", "severity", "resolved"),
    "symptom": ("symptom",),
    "checkin": ("day", "no_cramps", "hot_day", "sleep_hours", "soreness"),
}
"""The fields the analysis reads, per kind (a subset of each entry kind's fields)."""

Tables = dict[str, pd.DataFrame]


def _frame(kind: str, rows: list[tuple], boundary: dt.time) -> pd.DataFrame:
    """Table for `kind` from rows `(id, at, tz, *FIELDS[kind])` with an aware `at`."""
    fields = FIELDS[kind]
    columns = ["id", "at", "tz", *fields]
    # Check-ins, diets and injuries carry their own date: the diary day is that date.
    if "day" in fields:
        day_index = columns.index("day")
        days = [row[day_index] for row in rows]
        columns[day_index] = "date"
    else:
        days = [diary_day(row[1], row[2], boundary) for row in rows]
    table = pd.DataFrame(rows, columns=columns)
    table["day"] = pd.to_datetime(pd.Series(days, dtype="object"))
    start = [dt.datetime.combine(d, boundary) for d in days]
    local = [row[1].astimezone(zone(row[2])).replace(tzinfo=None) for row in rows]
    table["minute"] = [(loc - s).total_seconds() / 60 for loc, s in zip(local, start, strict=True)]
    table["hour"] = [loc.hour + loc.minute / 60 for loc in local]
    return table


def from_entries(entries: Iterable[Entry], boundary: dt.time) -> Tables:
    """Per-kind tables built from domain entries."""
    rows: dict[str, list[tuple]] = {kind: [] for kind in FIELDS}
    for entry in entries:
        fields = FIELDS.get(entry.kind)
        if fields is not None:
            rows[entry.kind].append((entry.id, entry.at, entry.tz, *(getattr(entry, f) for f in fields)))
    return {kind: _frame(kind, r, boundary) for kind, r in rows.items()}


def from_rows(rows: dict[str, Sequence[tuple]], boundary: dt.time) -> Tables:
    """Per-kind tables from plain rows `(id, at_utc_naive, tz, *fields)` (the storage bulk read)."""
    utc = dt.timezone.utc
    out = {}
    for kind in FIELDS:
        fixed = [(r[0], r[1].replace(tzinfo=utc), *r[2:]) for r in rows.get(kind, ())]
        if kind == "stretch":
            fixed = [(*r[:4], tuple(r[4].split(",")) if r[4] else (), *r[5:]) for r in fixed]
        out[kind] = _frame(kind, fixed, boundary)
    return out


def from_repository(repo: JournalRepository, boundary: dt.time) -> Tables:
    """Per-kind tables read in bulk from the journal (plain rows, no ORM objects)."""
    from ..storage.bulk import kind_rows

    return from_rows({kind: kind_rows(repo, kind, fields) for kind, fields in FIELDS.items()}, boundary)


def first_day(tables: Tables) -> dt.date | None:
    """The earliest diary day of any entry, or None for an empty journal."""
    days = [t["day"].min() for t in tables.values() if len(t)]
    return min(days).date() if days else None
