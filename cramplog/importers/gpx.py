"""Provides the GPX reader: each track (`<trk>`) with timed points becomes a run.

Start is the first point's time, duration the last point's time minus the first (GPX records no
pauses, so this is elapsed time), distance the haversine length of each segment. A track whose
`<type>` names another sport (Strava writes `running`, `walking`, `cycling` or numbers) is
skipped and counted; a track without a type is taken as a run. GPX carries no zone: the run
gets the user's zone. The file is streamed: each point is read and dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .base import Context, sport_kind, zone_for_offset
from .fit import Track
from .limits import Readable
from .records import Imported, content_ref
from .xmlutil import child_text, elements, iso_time, local, number


def is_gpx(head: bytes) -> bool:
    return b"<gpx" in head


@dataclass
class _Trk:
    kind: str | None = None
    track: Track = field(default_factory=Track)
    first: dt.datetime | None = None
    last: dt.datetime | None = None

    def point(self, lat: float | None, lon: float | None, at: dt.datetime | None) -> None:
        if lat is None or lon is None:
            return
        self.track.add(lat, lon)
        if at is not None:
            self.first = at if self.first is None else min(self.first, at)
            self.last = at if self.last is None else max(self.last, at)


def parse(stream: Readable, name: str, ctx: Context) -> list[Imported]:
    out: list[Imported] = []
    trk: _Trk | None = None
    for event, tag, elem, stack in elements(stream, name, "gpx", "GPX"):
        if event == "start":
            if tag == "trk":
                trk = _Trk()
            elif tag == "trkseg" and trk is not None:
                trk.track.gap()
            continue
        parent = local(stack[-1].tag) if stack else ""
        if trk is None:
            if stack:
                stack[-1].clear()  # waypoints, routes, metadata: not read
            continue
        if tag == "type" and parent == "trk":
            trk.kind = (elem.text or "").strip()
        elif tag == "trkpt":
            trk.point(number(elem.get("lat")), number(elem.get("lon")), iso_time(child_text(elem, "time")))
            stack[-1].clear()  # the segment's points so far: read
        elif tag == "trk":
            _track(trk, out, ctx)
            trk = None
            stack[-1].clear()
    return out


def _track(trk: _Trk, out: list[Imported], ctx: Context) -> None:
    is_run, surface = sport_kind(trk.kind or "run")
    if not is_run:
        ctx.summary.skip(surface or "workouts")
        return
    if trk.first is None or trk.last is None:
        ctx.summary.skip("tracks without times")
        return
    start, metres = trk.first, trk.track.metres
    duration = round((trk.last - start).total_seconds())
    entry = ctx.run(
        at=start, tz=zone_for_offset(None, start, ctx.tz), km=metres / 1000, seconds=duration or None, surface=surface
    )
    if entry is not None:
        out.append(Imported(entry, "gpx", content_ref("gpx", start.isoformat(), round(metres), duration)))
