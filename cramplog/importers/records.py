"""Provides what the importers hand to the writer: `Imported` records, the `Summary` and the
`ImportBatch`, plus the one rule for recognising the same activity seen through two sources.

Parsers are pure: they build domain entries and never touch the journal. The writer stores
`source` and `source_ref` with each entry (so a second import of the same file adds nothing)
and resolves `shoe_name` to a shoe (name unique ignoring case).

Cross-source matching (`candidate_keys`, `matches`): a run's key is its start time rounded to
the nearest minute (UTC) and its distance rounded to 0.1 km; two runs match when one's key is
among the other's candidate keys (the neighbouring minutes and tenths too). So runs starting
within 60 s of each other with distances less than 0.1 km apart always match, runs two minutes or
0.2 km apart never do, and rounding at a bucket edge cannot split a pair. That absorbs the
small differences between Strava's CSV and the device file. A run without a distance (a
treadmill run the watch could not measure, logged as a workout of kind `other`) matches by
its start alone. Records of one source
are never merged with each other (each has its own reference). Daily nutrient totals match by
day and the app that logged them; drinks by minute and amount.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from ..domain import fill
from ..domain.entries import Drink, Entry, Food, Run
from ..domain.record import record
from ..domain.shoes import name_key
from ..domain.summary import plural
from ..domain.zones import zone

SOURCES = fill.SOURCES

EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.timezone.utc)


@record
class Imported:
    """One entry read from another app's file."""

    entry: Entry
    source: str
    source_ref: str
    shoe_name: str | None = None
    also: tuple[tuple[str, str], ...] = ()
    """Other (source, source_ref) pairs merged into this record (same activity, other file)."""

    @property
    def match_key(self) -> str | None:
        return match_key(self.entry, self.origin)

    @property
    def origin(self) -> str:
        """The app that produced the values: for daily totals the logging app, else the source."""
        return _origin(self.entry) or self.source


UNREADABLE = "unreadable files"
OVERLAPPING = "experiments overlapping one in the journal"


@dataclass
class Summary:
    """Counts for the one-line report: imported per kind, skipped per reason."""

    imported: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    shoes: set[str] = field(default_factory=set)
    """Shoe names (as first seen, trimmed) the imported runs refer to, one per name ignoring case."""
    files: int = 0
    already_there: int = 0
    """Filled in by the writer."""
    filled: dict[str, int] = field(default_factory=dict)
    """Entries already there that a later source filled in, per field filled (by the writer)."""
    filled_entries: int = 0
    """How many entries already there a later source filled in (by the writer)."""
    experiments: int = 0
    """Planned experiments added from cramplog exports (by the writer)."""
    failed: dict[int, str] = field(default_factory=dict)
    """`file: reason` of each file inside a folder or zip that could not be read (and was
    skipped), by the identity of its source, so none is noted or counted twice."""
    warnings: list[str] = field(default_factory=list)
    """`file: what` of files read in spite of a flaw (a FIT field of the wrong size, say)."""

    @property
    def unreadable(self) -> list[str]:
        return list(self.failed.values())

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] += n

    def unreadable_file(self, source: int, message: str) -> None:
        if source not in self.failed:
            self.failed[source] = message
            self.skip(UNREADABLE)

    def absorb(self, other: Summary) -> None:
        """Add a file's own counts (read to its end) to the import's."""
        self.skipped.update({k: n for k, n in other.skipped.items() if k != UNREADABLE})
        self.warnings.extend(other.warnings)
        for source, message in other.failed.items():
            self.unreadable_file(source, message)

    def add_shoe(self, name: str) -> None:
        """A shoe the records name, counted once however its name is written (`shoes.name_key`:
        the rule the journal matches shoes by, so "Straße" and "STRASSE" are one shoe here too)."""
        if name_key(name) not in {name_key(s) for s in self.shoes}:
            self.shoes.add(name)

    def line(self) -> str:
        """`imported 439 runs, 15 shoes; skipped 64 walks, 59 workouts; 0 already there`."""
        parts = [_count(n, kind) for kind, n in sorted(self.imported.items())]
        if self.shoes:
            parts.append(_count(len(self.shoes), "shoe"))
        if self.experiments:
            parts.append(_count(self.experiments, "experiment"))
        text = "imported " + (", ".join(parts) if parts else "nothing")
        if self.skipped:
            text += "; skipped " + ", ".join(
                f"{n} {_SINGULAR.get(reason, reason) if n == 1 else reason}" for reason, n in self.skipped.most_common()
            )
        text += f"; {self.already_there} already there"
        if self.filled:
            text += f", {self.filled_entries} filled in ({', '.join(sorted(self.filled))})"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "imported": dict(sorted(self.imported.items())),
            "shoes": sorted(self.shoes, key=str.lower),
            "skipped": dict(self.skipped.most_common()),
            "experiments": self.experiments,
            "already_there": self.already_there,
            "filled_in": dict(sorted(self.filled.items())),
            "unreadable": self.unreadable,
            "warnings": list(self.warnings),
        }


_SINGULAR = {
    "walks": "walk",
    "hikes": "hike",
    "rides": "ride",
    "swims": "swim",
    "workouts": "workout",
    "monitoring files": "monitoring file",
    "other FIT files": "other FIT file",
    "other files": "other file",
    "days not logged": "day not logged",
    "rows with blank values": "row with blank values",
    "rows without a time": "row without a time",
    "tracks without times": "track without times",
    "runs without a distance": "run without a distance",
    "activity files without a session": "activity file without a session",
    "activity files without a start time": "activity file without a start time",
    UNREADABLE: "unreadable file",
    OVERLAPPING: "experiment overlapping one in the journal",
    "with an impossible pace": "with an impossible pace",
    "overall sessions of multisport files": "overall session of a multisport file",
}
_PLURAL = {
    "food": "food entries",
    "stretch": "stretches",
    "injury": "injuries",
    "checkin": "check-ins",
    "diet": "diet entries",
}
"""The kinds whose plural is not the kind with an s."""


def _count(n: int, kind: str) -> str:
    return plural(n, kind, _PLURAL.get(kind))


@dataclass
class ImportBatch:
    records: list[Imported]
    summary: Summary


def content_ref(*parts: object) -> str:
    """A stable reference for sources without IDs: sha256 of a canonical `|`-joined form."""
    text = "|".join("" if p is None else str(p) for p in parts)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _origin(entry: Entry) -> str | None:
    if isinstance(entry, Food) and entry.text.startswith("daily total from "):
        return entry.text.removeprefix("daily total from ").split(" via ")[0].strip().lower()
    return None


def _minute(at: dt.datetime, shift: int = 0) -> str:
    utc = at.astimezone(dt.timezone.utc) + dt.timedelta(seconds=30)
    utc = utc.replace(second=0, microsecond=0) + dt.timedelta(minutes=shift)
    return utc.strftime("%Y-%m-%dT%H:%MZ")


def match_key(entry: Entry, origin: str | None = None) -> str | None:
    """The key two sources' records of one thing share (see the module docstring)."""
    return next(iter(candidate_keys(entry, origin, own=True)), None)


def candidate_keys(entry: Entry, origin: str | None = None, *, own: bool = False) -> tuple[str, ...]:
    """The keys of every record this one may match (`own`: the keys it is found under; the
    first is its `match_key`). Keys meeting is necessary; `same_activity` decides."""
    shifts = (0,) if own else (0, -1, 1)
    if isinstance(entry, Run):
        starts = tuple(f"run|{_minute(entry.at, m)}|*" for m in shifts)
        if entry.distance_km is None:  # a run without a distance: its start alone (jump rope is no run)
            return starts if entry.workout in MAY_BE_RUNS else ()
        tenths = round(entry.distance_km * 10)
        return tuple(f"run|{_minute(entry.at, m)}|{(tenths + d) / 10:.1f}" for m in shifts for d in shifts) + starts
    if isinstance(entry, Food) and (_origin(entry) or origin):
        day = entry.at.astimezone(zone(entry.tz)).date()
        return (f"daily-nutrients|{day.isoformat()}|{_origin(entry) or origin}",)
    if isinstance(entry, Drink):
        return tuple(f"drink|{_minute(entry.at, m)}|{entry.amount_ml}" for m in shifts)
    return ()


MAY_BE_RUNS = ("run", "intervals", "other")
"""Workout kinds a run without a distance may have been logged as (the CLI's `--kind other`)."""


def same_activity(a: Entry, b: Entry) -> bool:
    """Whether two records whose keys met are one thing: two runs that both have a distance
    must meet on it too (the start alone is only for a run without one)."""
    if isinstance(a, Run) and isinstance(b, Run) and a.distance_km is not None and b.distance_km is not None:
        return candidate_keys(b, own=True)[0] in candidate_keys(a)
    return True


def matches(a: Entry, b: Entry) -> bool:
    """Whether `a` and `b` (from different sources) are records of one thing."""
    return bool(set(candidate_keys(a)) & set(candidate_keys(b, own=True))) and same_activity(a, b)
