"""Provides the Apple Health reader (`export.xml`, streamed).

Read: top-level `DietaryWater` records become drinks; top-level `DietaryMagnesium` and
`DietaryPotassium` records are summed per day and logging app into one `Food` entry ("daily
total from <app> via Apple Health", anchored at local noon); running workouts become runs
(distance from `WorkoutStatistics` on newer exports, `totalDistance` on older ones; an indoor
run, `HKIndoorWorkout` 1, is on the treadmill; one of distance 0 is a workout of its time).
Nutrient records inside a food `Correlation` repeat the top-level ones and are not counted again.

Zones: Apple writes every date with the offset the phone had at the export (`ExportDate`), so
an offset says little; a record's or workout's `HKTimeZone` is its zone, else the user's when
the offset is the export's (`_Export.zone`).

The file is streamed (`xmlutil.events` over the cleaned bytes; each finished top-level element
is cleared from the root), so memory does not grow with the file. Real exports carry an internal
DTD subset with errors and stray control characters: the DOCTYPE is dropped and control characters
(raw or as character references) are removed before parsing. Anything else that is not
well-formed makes the file unreadable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..domain.clock import local_noon
from ..domain.entries import Drink, Food
from ..domain.units import FILE_KM_PER, FILE_ML_PER
from ..domain.zones import is_zone, zone
from ..errors import InvalidInput
from .base import OUT_OF_RANGE, Context, finite, sport_kind, zone_for_offset
from .limits import Readable
from .records import Imported
from .xmlutil import events

CHUNK = 1 << 20
WATER = "HKQuantityTypeIdentifierDietaryWater"
MAGNESIUM = "HKQuantityTypeIdentifierDietaryMagnesium"
POTASSIUM = "HKQuantityTypeIdentifierDietaryPotassium"
WANTED = frozenset((WATER, MAGNESIUM, POTASSIUM))
DISTANCE_STAT = ("HKQuantityTypeIdentifierDistanceWalkingRunning",)

MG_PER_UNIT = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "µg": 0.001}
S_PER_UNIT = {"min": 60.0, "s": 1.0, "sec": 1.0, "hr": 3600.0, "h": 3600.0}

_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 13))
_CONTROL_REF = re.compile(rb"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));")


def is_apple_health(head: bytes) -> bool:
    return b"<HealthData" in head or (b"HealthData" in head and b"<!DOCTYPE" in head)


def _clean(chunks: Readable) -> Iterator[bytes]:
    """The file's bytes without its DOCTYPE and without control characters."""
    head = b""
    while b"<HealthData" not in head and len(head) < 8 * CHUNK:
        more = chunks.read(CHUNK)
        if not more:
            break
        head += more
    start = head.find(b"<!DOCTYPE")
    root = head.find(b"<HealthData")
    if start != -1 and root > start:  # keep its line breaks, so error lines stay true
        head = head[:start] + b"\n" * head.count(b"\n", start, root) + head[root:]
    carry = b""
    data = head
    while data:
        data = carry + data
        cut = data.rfind(b"&", max(0, len(data) - 12))
        carry, data = (data[cut:], data[:cut]) if cut != -1 and b";" not in data[cut:] else (b"", data)
        data = data.translate(None, _CONTROL)
        if b"&#" in data:
            data = _CONTROL_REF.sub(b"", data)
        yield data
        data = chunks.read(CHUNK)
    if carry:
        yield carry.translate(None, _CONTROL)


def _number(text: str | None) -> float | None:
    try:
        return finite(float(text)) if text else None
    except ValueError:
        return None


def _instant(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S %z")
    except (TypeError, ValueError):
        return None


def _known_zone(name: str | None) -> bool:
    return bool(name) and is_zone(name or "")


@dataclass
class _Export:
    """What the whole file says about its times: Apple writes every date with the offset the
    phone had when the export was made (`ExportDate`), not the one it had at the time."""

    ctx: Context
    export_offset: dt.timedelta | None = None

    def zone(self, at: dt.datetime, meta: dict[str, str]) -> str:
        """The zone of a record or workout: its `HKTimeZone` when it has one; else the user's
        when its offset is merely the export's, else the zone for its offset."""
        named = meta.get("HKTimeZone")
        if named and _known_zone(named):
            return named
        offset = at.utcoffset()
        if offset is None or offset == self.export_offset:
            return self.ctx.tz
        return zone_for_offset(int(offset.total_seconds()), at, self.ctx.tz)


def parse(stream: Readable, name: str, ctx: Context) -> list[Imported]:
    out: list[Imported] = []
    nutrients: dict[tuple[dt.date, str, str], dict[str, float]] = defaultdict(dict)
    seen: dict[str, int] = defaultdict(int)
    export = _Export(ctx)
    depth = 0
    root: ET.Element | None = None
    for event, elem in events(_clean(stream), name):
        if event == "start":
            depth += 1
            if depth == 1:
                if elem.tag != "HealthData":
                    raise InvalidInput(f"{name}: not an Apple Health export (root element <{elem.tag}>)")
                root = elem
            continue
        depth -= 1
        if depth != 1:
            continue
        if elem.tag == "Record" and elem.get("type") in WANTED:
            _record(elem.attrib, _metadata(elem), out, nutrients, seen, export)
        elif elem.tag == "Workout":
            meta = _metadata(elem)
            _workout(elem.attrib, meta, _workout_km(elem), out, export, indoor=meta.get("HKIndoorWorkout") == "1")
        elif elem.tag == "ExportDate":
            at = _instant(elem.get("value", ""))
            export.export_offset = at.utcoffset() if at is not None else None
        root.clear()  # type: ignore[union-attr]  # drop the finished top-level element
    if root is None:
        raise InvalidInput(f"{name}: not an Apple Health export (no <HealthData>)")
    out.extend(_daily_totals(nutrients, ctx))
    return out


def _metadata(elem: ET.Element) -> dict[str, str]:
    """The element's own `MetadataEntry` key/value pairs."""
    return {m.get("key", ""): m.get("value", "") for m in elem if m.tag == "MetadataEntry"}


def _workout_km(elem: ET.Element) -> float | None:
    """Distance from a workout's `WorkoutStatistics` (newer exports), else None."""
    for stat in elem.iter("WorkoutStatistics"):
        if stat.get("type") in DISTANCE_STAT:
            value, factor = _number(stat.get("sum")), FILE_KM_PER.get((stat.get("unit") or "km").lower())
            if value is not None and factor is not None:
                return value * factor
    return None


def _record(
    attrib: dict[str, str],
    meta: dict[str, str],
    out: list[Imported],
    nutrients: dict[tuple[dt.date, str, str], dict[str, float]],
    seen: dict[str, int],
    export: _Export,
) -> None:
    ctx = export.ctx
    kind = attrib.get("type")
    if kind == WATER:
        _water(attrib, meta, out, seen, export)
    elif kind in (MAGNESIUM, POTASSIUM):
        value = _number(attrib.get("value"))
        factor = MG_PER_UNIT.get((attrib.get("unit") or "mg").lower())
        at = _instant(attrib.get("startDate", ""))
        if value is None or factor is None or at is None:
            ctx.summary.skip(OUT_OF_RANGE)
            return
        tz = export.zone(at, meta)
        totals = nutrients[(at.astimezone(zone(tz)).date(), tz, attrib.get("sourceName") or "Apple Health")]
        key = "magnesium_mg" if kind == MAGNESIUM else "potassium_mg"
        totals[key] = totals.get(key, 0.0) + value * factor


def _water(
    attrib: dict[str, str], meta: dict[str, str], out: list[Imported], seen: dict[str, int], export: _Export
) -> None:
    ctx = export.ctx
    at = _instant(attrib.get("startDate", ""))
    value = _number(attrib.get("value"))
    factor = FILE_ML_PER.get((attrib.get("unit") or "mL").lower())
    if at is None or value is None or factor is None:
        ctx.summary.skip(OUT_OF_RANGE)
        return
    source = attrib.get("sourceName", "")
    entry = ctx.build(Drink, at=at, tz=export.zone(at, meta), amount_ml=round(value * factor), drink_kind="water")
    if entry is None:
        return
    ref = f"{WATER}|{attrib.get('startDate')}|{source}"
    seen[ref] += 1
    if seen[ref] > 1:  # two records at the same second from the same app
        ref += f"|{seen[ref]}"
    out.append(Imported(entry, "apple_health", ref))


def _workout(
    a: dict[str, str],
    meta: dict[str, str],
    km: float | None,
    out: list[Imported],
    export: _Export,
    *,
    indoor: bool = False,
) -> None:
    ctx = export.ctx
    is_run, surface = sport_kind(a.get("workoutActivityType"))
    if not is_run:
        ctx.summary.skip(surface or "workouts")
        return
    at = _instant(a.get("startDate", ""))
    if at is None:
        ctx.summary.skip(OUT_OF_RANGE)
        return
    if km is None:
        value, factor = _number(a.get("totalDistance")), FILE_KM_PER.get((a.get("totalDistanceUnit") or "km").lower())
        km = value * factor if value is not None and factor is not None else None
    duration = _number(a.get("duration"))
    seconds = duration * S_PER_UNIT.get((a.get("durationUnit") or "min").lower(), 60.0) if duration else None
    entry = ctx.run(at=at, tz=export.zone(at, meta), km=km, seconds=seconds, surface="treadmill" if indoor else None)
    if entry is not None:
        out.append(Imported(entry, "apple_health", f"Workout|{a.get('startDate')}|{a.get('sourceName', '')}"))


def _daily_totals(nutrients: dict[tuple[dt.date, str, str], dict[str, float]], ctx: Context) -> list[Imported]:
    out = []
    for (day, tz, source), totals in sorted(nutrients.items()):
        entry = daily_food(day, source + " via Apple Health", totals, dataclasses.replace(ctx, tz=tz))
        if entry is not None:
            out.append(Imported(entry, "apple_health", f"daily|{day.isoformat()}|{source}"))
    return out


def daily_food(day: dt.date, source: str, totals: dict[str, float], ctx: Context) -> Food | None:
    """One `Food` entry for a day's logged magnesium and potassium, at local noon. A mineral
    that was not logged is unknown (None) in the entry, never 0 mg, and said so in the note."""
    if day.year < 1900:
        ctx.summary.skip("with impossible dates")
        return None
    minerals = (("magnesium_mg", "magnesium"), ("potassium_mg", "potassium"))
    missing = [name for key, name in minerals if key not in totals]
    note = f"{' and '.join(missing)} not logged" if missing else ""
    return ctx.build(
        Food,
        at=local_noon(day, ctx.tz),
        tz=ctx.tz,
        servings=1.0,
        text=f"daily total from {source}",
        magnesium_mg=_rounded(totals.get("magnesium_mg")),
        potassium_mg=_rounded(totals.get("potassium_mg")),
        note=note,
    )


def _rounded(mg: float | None) -> float | None:
    return None if mg is None else round(mg, 1)
