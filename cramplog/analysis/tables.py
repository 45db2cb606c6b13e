"""Provides per-kind tables of the journal (one pandas DataFrame per entry kind) with diary days.

Two sources give the same tables: domain entries (tests, simulation, small journals) and plain
rows from the storage bulk read (the fast path for `cramplog insights` on years of data).
Each table has `id`, `at` (aware instant), `day` (diary day as a Timestamp) and `minute`
(minutes after the day boundary, for "before the cramp" and "bedtime" rules) plus its fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..domain import days
from ..domain.entries import Entry
from ..domain.zones import tzdata_zone

if TYPE_CHECKING:
    from ..storage.repository import JournalRepository

FIELDS: dict[str, tuple[str, ...]] = {
    "cramp": ("severity", "context", "muscle", "duration_s"),
    "drink": ("amount_ml", "drink_kind"),
    "stretch": ("minutes", "muscles"),
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


def _frame(kind: str, rows: list[tuple[Any, ...]], boundary: dt.time) -> pd.DataFrame:
    """Table for `kind` from rows `(id, at, tz, *FIELDS[kind])`, `at` aware or naive UTC.

    Vectorised per time zone, the one diary-day rule (`domain.days`) on whole columns: a diary
    day is the local date after moving back by `days.shift(boundary)`; `minute` counts from the
    boundary, `hour` is local.
    """
    fields = FIELDS[kind]
    columns = ["id", "at", "tz", *fields]
    # Check-ins, diets and injuries carry their own date: the diary day is that date.
    if "day" in fields:
        columns[columns.index("day")] = "date"
    table = pd.DataFrame(rows, columns=columns)
    offset = pd.Timedelta(days.shift(boundary))
    utc = pd.to_datetime(table["at"], utc=True) if len(table) else pd.Series(pd.DatetimeIndex([], tz="UTC"))
    local = pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns]")
    for tz, index in table.groupby("tz").groups.items() if len(table) else ():
        local[index] = utc[index].dt.tz_convert(tzdata_zone(str(tz))).dt.tz_localize(None).astype("datetime64[ns]")
    if "day" in fields:
        day = pd.to_datetime(pd.Series(list(table["date"]), index=table.index, dtype="object"))
    else:
        day = (local - offset).dt.normalize()
    table["at"] = utc
    table["day"] = day
    table["minute"] = (local - (day + offset)).dt.total_seconds() / 60
    table["hour"] = local.dt.hour + local.dt.minute / 60
    return table


def from_entries(entries: Iterable[Entry], boundary: dt.time) -> Tables:
    """Per-kind tables built from domain entries."""
    rows: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in FIELDS}
    for entry in entries:
        fields = FIELDS.get(entry.kind)
        if fields is not None:
            rows[entry.kind].append((entry.id, entry.at, entry.tz, *(getattr(entry, f) for f in fields)))
    return {kind: _frame(kind, r, boundary) for kind, r in rows.items()}


def from_rows(rows: Mapping[str, Sequence[tuple[Any, ...]]], boundary: dt.time) -> Tables:
    """Per-kind tables from plain rows `(id, at_utc_naive, tz, *fields)` (the storage bulk read)."""
    out = {}
    for kind in FIELDS:
        fixed = list(rows.get(kind, ()))  # `_frame` reads a naive `at` as UTC
        if kind == "stretch":
            fixed = [(*r[:4], tuple(r[4].split(",")) if r[4] else (), *r[5:]) for r in fixed]
        out[kind] = _frame(kind, fixed, boundary)
    return out


def from_repository(repo: JournalRepository, boundary: dt.time) -> Tables:
    """Per-kind tables read in bulk from the journal (plain rows, no ORM objects)."""
    return from_rows({kind: repo.kind_rows(kind, fields) for kind, fields in FIELDS.items()}, boundary)


CONTEXT_KINDS = ("shoe", "diet", "med", "injury")
"""Kinds dated by when something began (a shoe's first use, a diet change, a medicine's start, an
injury): they never stretch the diary period, and are read whatever their date."""


def first_logged_day(tables: Tables) -> dt.date | None:
    """The diary's first logged day (a check-in or a cramp), or None: where the diary begins, for
    the history a factor's window needs (`frame.inside_diary`)."""
    days = [t["day"].min() for k, t in tables.items() if len(t) and k in ("checkin", "cramp")]
    return min(days).date() if days else None


def first_logged_in_repository(repo: JournalRepository, boundary: dt.time) -> dt.date | None:
    """`first_logged_day` of the whole journal, from its oldest check-in and cramp rows only (for
    callers that read recent rows: trends, the report)."""
    kinds = ("checkin", "cramp")  # neither has a stretch's comma-separated field to fix
    return first_logged_day({k: _frame(k, repo.kind_rows(k, FIELDS[k], oldest=1), boundary) for k in kinds})


def first_day(tables: Tables) -> dt.date | None:
    """The earliest diary day of any day-to-day entry (not of shoes, diets, medicines or injuries),
    or None when there is none."""
    days = [t["day"].min() for k, t in tables.items() if len(t) and k not in CONTEXT_KINDS]
    return min(days).date() if days else None
