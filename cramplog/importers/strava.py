"""Provides the Strava bulk export reader (`activities.csv`), in the layouts Strava has used.

Runs come from the CSV: `Activity ID` (the reference), `Activity Date` (UTC), `Activity Type`,
the *last* `Distance` column (metres; the first is in the athlete's display units), `Moving
Time` (else the first `Elapsed Time`), `Perceived Exertion` as effort, `Average Heart Rate`
into the note and `Activity Gear` as the shoe name. Exports of about 2019-2020 have a single
`Distance`, in display units: kilometres, or miles when the journal's units are imperial.
Exports of 2018 and before name their columns in lower case (`id,date,name,type,description,
elapsed_time,distance,commute,gear,filename`), with the distance in metres. Where the CSV
lacks a distance or a time, the activity's own file (`Filename`: .fit, .gpx, .tcx, maybe .gz)
is read for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..domain.fields import TEXT_MAX
from ..domain.units import KM_PER
from ..errors import InvalidInput
from .base import Context, heart_rate_note, sport_kind, zone_for_offset
from .csvutil import Table, cell, number, positions
from .limits import Readable
from .records import Imported

REQUIRED = ("Activity ID", "Activity Date", "Activity Type")
DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%b %d, %Y, %H:%M:%S", "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S")
OLD_LAYOUT = {
    "id": "Activity ID",
    "date": "Activity Date",
    "name": "Activity Name",
    "type": "Activity Type",
    "elapsed_time": "Elapsed Time",
    "gear": "Activity Gear",
    "filename": "Filename",
}
"""The 2018 export's lower-case columns, by the names of today's (its `distance` is in metres)."""


def is_strava(header: list[str]) -> bool:
    return ("Activity ID" in header and "Activity Date" in header) or {"id", "date", "type", "distance"} <= set(header)


def _columns(header: list[str]) -> tuple[dict[str, list[int]], bool]:
    """Positions by today's column names, and whether the layout is 2018's (metres)."""
    old = "Activity ID" not in header and {"id", "date", "type"} <= set(header)
    if old:
        header = [OLD_LAYOUT.get(h, "Distance (m)" if h == "distance" else h) for h in header]
    return positions(header), old


def linked_files(stream: Readable, name: str) -> list[str]:
    """The `Filename` values (activity files the CSV speaks for)."""
    table = Table(stream, name)
    index = _columns(table.header)[0].get("Filename")
    return [cell(r, index[0]) for _, r in table.rows() if index and cell(r, index[0])]


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


def parse(
    stream: Readable,
    name: str,
    ctx: Context,
    *,
    units: str = "metric",
    linked: Callable[[str], list[Imported]] | None = None,
) -> list[Imported]:
    """Runs in `activities.csv`. `linked(filename)` reads an activity file (for gaps)."""
    table = Table(stream, name)
    pos, old = _columns(table.header)
    missing = [c for c in REQUIRED if c not in pos]
    if missing:
        raise InvalidInput(f"{name}: not a Strava activities.csv (no {missing[0]!r} column)")

    def col(column: str, which: int = 0) -> int | None:
        found = pos.get(column)
        return found[which] if found else None

    distance_m = col("Distance (m)") if old else col("Distance", -1) if len(pos.get("Distance", [])) > 1 else None
    distance_display = col("Distance") if distance_m is None else None
    display_km = KM_PER["mi"] if units == "imperial" else 1.0
    out: list[Imported] = []
    for line, row in table.rows():
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
        effort = number(cell(row, col("Perceived Exertion")))
        gear = cell(row, col("Activity Gear")) or None
        entry = ctx.run(
            at=at,
            tz=zone_for_offset(None, at, ctx.tz),
            km=km,
            seconds=seconds,
            surface=surface,
            effort=effort,
            note=_note(cell(row, col("Activity Name")), number(cell(row, col("Average Heart Rate")))),
        )
        if entry is None:
            continue
        ref = cell(row, col("Activity ID")) or f"line {line}"
        out.append(Imported(entry, "strava", ref, shoe_name=gear))
    return out


def _note(title: str, heart: float | None) -> str:
    return "; ".join(p for p in (title, heart_rate_note(heart)) if p)[:TEXT_MAX]
