"""Provides the GPX reader: each track (`<trk>`) with timed points becomes a run.

Start is the first point's time, duration the last point's time minus the first (GPX records no
pauses, so this is elapsed time), distance the haversine length of each segment. A track whose
`<type>` names another sport (Strava writes `running`, `walking`, `cycling` or numbers) is
skipped and counted; a track without a type is taken as a run. GPX carries no zone: the run
gets the user's zone.
"""

from __future__ import annotations

from ..domain.entries import Run
from ..errors import InvalidInput
from .base import Context, sport_kind, zone_for_offset
from .fit import track_length
from .records import Imported, content_ref
from .xmlutil import child_text, children, iso_time, local, parse_xml


def is_gpx(head: bytes) -> bool:
    return b"<gpx" in head


def parse(data: bytes, name: str, ctx: Context) -> list[Imported]:
    root = parse_xml(data, name)
    if local(root.tag) != "gpx":
        raise InvalidInput(f"{name}: not a GPX file (root element <{local(root.tag)}>)")
    out: list[Imported] = []
    for track in children(root, "trk"):
        is_run, surface = sport_kind(child_text(track, "type") or "run")
        if not is_run:
            ctx.summary.skip(surface or "workouts")
            continue
        times, metres = [], 0.0
        for segment in children(track, "trkseg"):
            points = []
            for point in children(segment, "trkpt"):
                try:
                    points.append((float(point.get("lat", "")), float(point.get("lon", ""))))
                except ValueError:
                    continue
                at = iso_time(child_text(point, "time"))
                if at is not None:
                    times.append(at)
            metres += track_length(points)
        if not times:
            ctx.summary.skip("tracks without times")
            continue
        start, end = min(times), max(times)
        duration = round((end - start).total_seconds())
        entry = ctx.build(Run, at=start, tz=zone_for_offset(None, start, ctx.tz),
                          distance_km=round(metres / 1000, 3), duration_s=duration or None, surface=surface)
        if entry is not None:
            out.append(Imported(entry, "gpx", content_ref("gpx", start.isoformat(), round(metres), duration)))
    return out

