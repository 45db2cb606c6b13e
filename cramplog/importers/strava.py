"""Provides the Strava bulk export reader (`activities.csv`).

Runs come from the CSV: `Activity ID` (the reference), `Activity Date` (UTC), `Activity Type`,
the *last* `Distance` column (metres; the first is in the athlete's display units), `Moving
Time` (else the first `Elapsed Time`), `Perceived Exertion` as effort, `Average Heart Rate`
into the note and `Activity Gear` as the shoe name. Older exports have a single `Distance`, in
display units: kilometres, or miles when the journal's units are imperial. Where the CSV lacks
a distance or a time, the activity's own file (`Filename`: .fit, .gpx, .tcx, maybe .gz) is
read for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..domain.entries import Run
from ..domain.fields import TEXT_MAX
from ..errors import InvalidInput
from .base import Context, heart_rate_note, sport_kind, zone_for_offset
from .csvutil import cell, number, positions, rows
from .records import Imported

REQUIRED = ("Activity ID", "Activity Date", "Activity Type")
DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%b %d, %Y, %H:%M:%S", "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S")
MILE_KM = 1.609344


def is_strava(header: list[str]) -> bool:
    return "Activity ID" in header and "Activity Date" in header


def linked_files(data: bytes, name: str) -> list[str]:
    """The `Filename` values (activity files the CSV speaks for)."""
    header, table = rows(data, name)
    index = positions(header).get("Filename")
    return [cell(r, index[0]) for r in table if index and cell(r, index[0])]


def parse_date(text: str) -> dt.datetime | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.replace("\u202f", " "), fmt).replace(tzinfo=dt.timezone.utc)
        except ValueError:
            continue
    try:
        at = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)


def parse(data: bytes, name: str, ctx: Context, *, units: str = "metric",
          linked: Callable[[str], list[Imported]] | None = None) -> list[Imported]:
    """Runs in `activities.csv`. `linked(filename)` reads an activity file (for gaps)."""
    header, table = rows(data, name)
    pos = positions(header)
    missing = [c for c in REQUIRED if c not in pos]
    if missing:
        raise InvalidInput(f"{name}: not a Strava activities.csv (no {missing[0]!r} column)")

    def col(column: str, which: int = 0) -> int | None:
        found = pos.get(column)
        return found[which] if found else None

    distance_m = col("Distance", -1) if len(pos.get("Distance", [])) > 1 else None
    distance_display = col("Distance") if distance_m is None else None
    display_km = MILE_KM if units == "imperial" else 1.0
    out: list[Imported] = []
    for line, row in enumerate(table, start=2):
        is_run, surface = sport_kind(cell(row, col("Activity Type")))
        if not is_run:
            ctx.summary.skip(surface or "workouts")
            continue
        text = cell(row, col("Activity Date"))
        at = parse_date(text)
        if at is None:
            raise InvalidInput(f"{name}, line {line}: cannot read Activity Date {text!r}")
        if distance_m is not None:
            metres = number(cell(row, distance_m))
            km = metres / 1000 if metres is not None else None
        else:
            shown = number(cell(row, distance_display))
            km = shown * display_km if shown is not None else None
        seconds = number(cell(row, col("Moving Time"))) or number(cell(row, col("Elapsed Time")))
        filename = cell(row, col("Filename"))
        if (km is None or not seconds) and filename and linked is not None:
            from_file = [r for r in linked(filename) if abs((r.entry.at - at).total_seconds()) < 120]
            if from_file:
                run = from_file[0].entry
                km = km if km is not None else run.distance_km  # type: ignore[attr-defined]
                seconds = seconds or run.duration_s  # type: ignore[attr-defined]
        if km is None:
            ctx.summary.skip("runs without a distance")
            continue
        effort = number(cell(row, col("Perceived Exertion")))
        gear = cell(row, col("Activity Gear")) or None
        entry = ctx.build(Run, at=at, tz=zone_for_offset(None, at, ctx.tz), distance_km=round(km, 3),
                          duration_s=round(seconds) if seconds else None, surface=surface,
                          effort=round(effort) if effort is not None else None,
                          note=_note(cell(row, col("Activity Name")), number(cell(row, col("Average Heart Rate")))))
        if entry is None:
            continue
        ref = cell(row, col("Activity ID")) or f"line {line}"
        out.append(Imported(entry, "strava", ref, shoe_name=gear))
    return out


def _note(title: str, heart: float | None) -> str:
    return "; ".join(p for p in (title, heart_rate_note(heart)) if p)[:TEXT_MAX]
