"""Provides the TCX reader: each running `<Activity>` becomes a run.

Start is the activity's `<Id>` (its start time) or its first lap's `StartTime`; distance and
duration are the sums of the laps' `DistanceMeters` and `TotalTimeSeconds` (timer time). Other
sports (`Biking`, `Other`) are skipped and counted. TCX carries no zone: the user's is used.
"""

from __future__ import annotations

from ..domain.entries import Run
from ..errors import InvalidInput
from .base import Context, heart_rate_note, sport_kind, zone_for_offset
from .records import Imported, content_ref
from .xmlutil import child_text, children, descendants, iso_time, local, parse_xml


def is_tcx(head: bytes) -> bool:
    return b"<TrainingCenterDatabase" in head


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def parse(data: bytes, name: str, ctx: Context) -> list[Imported]:
    root = parse_xml(data, name)
    if local(root.tag) != "TrainingCenterDatabase":
        raise InvalidInput(f"{name}: not a TCX file (root element <{local(root.tag)}>)")
    out: list[Imported] = []
    for activity in descendants(root, "Activity"):
        sport = activity.get("Sport", "Running")
        is_run, surface = sport_kind(sport)
        if not is_run:
            ctx.summary.skip(surface if surface and sport.lower() != "other" else "workouts")
            continue
        laps = children(activity, "Lap")
        start = iso_time(child_text(activity, "Id")) or (iso_time(laps[0].get("StartTime")) if laps else None)
        if start is None:
            ctx.summary.skip("tracks without times")
            continue
        metres = sum(_number(child_text(lap, "DistanceMeters")) or 0.0 for lap in laps)
        seconds = sum(_number(child_text(lap, "TotalTimeSeconds")) or 0.0 for lap in laps)
        readings = [_number(child_text(hr, "Value")) for lap in laps for hr in children(lap, "AverageHeartRateBpm")]
        heart = [h for h in readings if h]
        entry = ctx.build(Run, at=start, tz=zone_for_offset(None, start, ctx.tz), distance_km=round(metres / 1000, 3),
                          duration_s=round(seconds) or None, surface=surface,
                          note=heart_rate_note(sum(heart) / len(heart) if heart else None))
        if entry is not None:
            out.append(Imported(entry, "tcx", content_ref("tcx", start.isoformat(), round(metres), round(seconds))))
    return out
