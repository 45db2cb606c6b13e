"""Provides the one rule for another record of the same thing filling in an entry: it adds what
the entry lacks and never changes what is there, so nothing the user typed is overwritten.

Used both when an import merges two sources of one activity and when a later import meets an
entry already in the journal. A run's distance, time, effort and surface are filled where they
are blank; a note where there is none, or where the stored note is a part of the new one (the
watch's "average heart rate 151 bpm" inside Strava's "Morning Run; average heart rate 151 bpm").
The shoe is filled by the writer, which resolves a name to a shoe.
"""

from __future__ import annotations

from typing import Any

from ..errors import InvalidInput
from .entries import Entry

FILLED = ("distance_km", "duration_s", "effort", "surface")
"""Fields a later record fills in where the entry has none."""


def gaps(entry: Entry, other: Entry) -> dict[str, Any]:
    """The changes that fill `entry`'s gaps from `other` (another record of the same thing)."""
    if entry.kind != other.kind:
        return {}
    changes = {name: getattr(other, name) for name in FILLED
               if hasattr(entry, name) and getattr(entry, name) is None and getattr(other, name, None) is not None}
    if other.note and other.note != entry.note and entry.note in other.note:
        changes["note"] = other.note
    return changes


def filled(entry: Entry, changes: dict[str, Any]) -> Entry | None:
    """`entry` with `changes`, or None when together they make no valid entry (a duration that
    gives the stored distance an impossible pace, say): then nothing is filled."""
    try:
        return entry.replace(**changes)
    except InvalidInput:
        return None
