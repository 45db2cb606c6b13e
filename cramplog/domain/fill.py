"""Provides the one rule for another record of the same thing filling in an entry: it adds what
the entry lacks and never changes what is there, so nothing the user typed is overwritten.

Used both when an import merges two sources of one activity and when a later import meets an
entry already in the journal. A run's distance, time, effort and surface are filled where they
are blank. A blank note takes the other's; a note an import wrote takes in what the other's
says that it does not (a better source's first: Strava's "Morning Run" before the watch's
"average heart rate 151 bpm"); a note the user typed is left as it is. The zone a file could
only guess (the user's) gives way to a device's. The shoe is filled by the writer, which
resolves a name to a shoe.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InvalidInput
from .entries import Entry
from .fields import TEXT_MAX

TYPED = "cramplog"
"""The source of what the user logged in cramplog itself."""
SOURCES = ("strava", "fit", "tcx", "gpx", "cronometer", "apple_health", "csv")
"""Import sources, best first: when one activity arrives through several, the record from the
earlier source is kept and filled in from the others."""
ZONED = ("fit", "apple_health")
"""Sources whose times carry the device's offset, so their zone beats a guessed one."""
FILLED = ("distance_km", "duration_s", "effort", "surface")
"""Fields a later record fills in where the entry has none."""


def rank(source: str) -> int:
    """Where `source` stands in `SOURCES` (what the user typed first, an unknown one last)."""
    if source == TYPED:
        return -1
    return SOURCES.index(source) if source in SOURCES else len(SOURCES)


def gaps(entry: Entry, source: str, other: Entry, other_source: str) -> dict[str, Any]:
    """The changes that fill `entry` (stored or kept, from `source`) from `other` (another
    record of the same thing, from `other_source`)."""
    if entry.kind != other.kind:
        return {}
    changes = {
        name: getattr(other, name)
        for name in FILLED
        if hasattr(entry, name) and getattr(entry, name) is None and getattr(other, name, None) is not None
    }
    if not entry.note:
        note = other.note
    elif source == TYPED:
        note = entry.note
    elif rank(other_source) < rank(source):
        note = _joined(other.note, entry.note)
    else:
        note = _joined(entry.note, other.note)
    if note != entry.note:
        changes["note"] = note
    if other_source in ZONED and source not in ZONED and source != TYPED and other.tz != entry.tz:
        changes["tz"] = other.tz
    return changes


def filled(entry: Entry, changes: dict[str, Any]) -> Entry | None:
    """`entry` with `changes`, or None when together they make no valid entry (a duration that
    gives the stored distance an impossible pace, say): then nothing is filled."""
    try:
        return entry.replace(**changes)
    except InvalidInput:
        return None


def _joined(first: str, second: str) -> str:
    """`first`'s parts, then those of `second` that say something `first` does not: a part
    saying the same with other numbers ("average heart rate 150 bpm") is the same fact."""
    parts = [p for p in first.split("; ") if p]
    shapes = {_shape(p) for p in parts}
    parts += [p for p in second.split("; ") if p and _shape(p) not in shapes]
    return "; ".join(parts)[:TEXT_MAX]


def _shape(part: str) -> str:
    return re.sub(r"\d+(?:[.,]\d+)?", "#", part.strip().lower())
