"""Provides the TCX reader: each running `<Activity>` becomes a run.

Start is the activity's `<Id>` (its start time) or its first lap's `StartTime`; duration is the
sum of the laps' `TotalTimeSeconds` (timer time); distance is the sum of the laps'
`DistanceMeters`, or the trackpoints' last cumulative `DistanceMeters` where that is larger (a
device that stopped summing laps early still recorded every point). Other sports (`Biking`,
`Other`) are skipped and counted. TCX carries no zone: the user's is used. The file is
streamed: each trackpoint is read and dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .base import Context, heart_rate_note, sport_kind, zone_for_offset
from .limits import Readable
from .records import Imported, content_ref
from .xmlutil import child_text, children, elements, iso_time, local, number


def is_tcx(head: bytes) -> bool:
    return b"<TrainingCenterDatabase" in head


@dataclass
class _Activity:
    sport: str
    start: dt.datetime | None = None
    laps: int = 0
    lap_metres: float = 0.0
    seconds: float = 0.0
    point_metres: float = 0.0
    heart: list[float] = field(default_factory=list)


def parse(stream: Readable, name: str, ctx: Context) -> list[Imported]:
    out: list[Imported] = []
    act: _Activity | None = None
    for event, tag, elem, stack in elements(stream, name, "TrainingCenterDatabase", "TCX"):
        if event == "start":
            if tag == "Activity":
                act = _Activity(elem.get("Sport", "Running"))
            elif tag == "Lap" and act is not None:
                act.start = act.start or iso_time(elem.get("StartTime"))
            continue
        parent = local(stack[-1].tag) if stack else ""
        if act is None:
            if stack:
                stack[-1].clear()  # courses, workouts, the author: not read
            continue
        if tag == "Id" and parent == "Activity":
            act.start = iso_time(elem.text) or act.start
        elif tag == "Trackpoint":
            metres = number(child_text(elem, "DistanceMeters"))
            if metres is not None:
                act.point_metres = max(act.point_metres, metres)
            stack[-1].clear()  # the track's points so far: read
        elif tag == "Lap":
            act.laps += 1
            act.lap_metres += number(child_text(elem, "DistanceMeters")) or 0.0
            act.seconds += number(child_text(elem, "TotalTimeSeconds")) or 0.0
            act.heart += [h for hr in children(elem, "AverageHeartRateBpm") if (h := number(child_text(hr, "Value")))]
            elem.clear()
        elif tag == "Activity":
            _activity(act, out, ctx)
            act = None
            stack[-1].clear()
    return out


def _activity(act: _Activity, out: list[Imported], ctx: Context) -> None:
    is_run, surface = sport_kind(act.sport)
    if not is_run:
        ctx.summary.skip(surface if surface and act.sport.lower() != "other" else "workouts")
        return
    if act.start is None:
        ctx.summary.skip("tracks without times")
        return
    metres = max(act.lap_metres, act.point_metres)
    heart = sum(act.heart) / len(act.heart) if act.heart else None
    entry = ctx.run(
        at=act.start,
        tz=zone_for_offset(None, act.start, ctx.tz),
        km=metres / 1000,
        seconds=round(act.seconds) or None,
        surface=surface,
        note=heart_rate_note(heart),
    )
    if entry is not None:
        ref = content_ref("tcx", act.start.isoformat(), round(act.lap_metres), round(act.seconds))
        out.append(Imported(entry, "tcx", ref))
