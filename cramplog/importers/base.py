"""Provides what every parser shares: the `Context` (zone, now, summary, the entries left to
take), building entries that may be refused, the one way a run is built from what a file says,
numbers that must be finite, sport names sorted into runs and skip reasons, and the zone for a
UTC offset."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..domain.entries import Entry, ImpossiblePace, Run
from ..domain.zones import zone
from ..errors import InvalidInput
from .limits import MAX_ENTRIES, too_many
from .records import EARLIEST, Summary

E = TypeVar("E", bound=Entry)

IMPOSSIBLE_DATES = "with impossible dates"
OUT_OF_RANGE = "with values out of range"
IMPOSSIBLE_PACE = "with an impossible pace"
NO_DISTANCE = "run without a distance"


@dataclass
class Budget:
    """Entries an import may still build (`limits.MAX_ENTRIES`), shared by every file's context."""

    left: int = MAX_ENTRIES


@dataclass
class Context:
    tz: str
    now: dt.datetime
    summary: Summary
    budget: Budget = field(default_factory=Budget)

    def fresh(self) -> Context:
        """A context for one file: its own summary, the import's budget."""
        return dataclasses.replace(self, summary=Summary())

    def absorb(self, other: Context) -> None:
        """Take a file's context, read to its end, into the import's."""
        self.summary.absorb(other.summary)

    def warn(self, name: str, what: str) -> None:
        self.summary.warnings.append(f"{name}: {what}")

    def build(self, cls: type[E], **fields: Any) -> E | None:
        """The entry, or None (counted as skipped) when its time is impossible or a value is
        refused by the domain. Times before 1900 or in the future are impossible. Past the
        import's budget of entries the file is refused (`InvalidInput`)."""
        at = fields.get("at")
        if at is not None and not EARLIEST <= at <= self.now + dt.timedelta(minutes=1):
            self.summary.skip(IMPOSSIBLE_DATES)
            return None
        try:
            entry = cls(**fields)
        except ImpossiblePace:
            self.summary.skip(IMPOSSIBLE_PACE)
            return None
        except (InvalidInput, ValueError, OverflowError):
            self.summary.skip(OUT_OF_RANGE)
            return None
        if self.budget.left <= 0:
            raise too_many()
        self.budget.left -= 1
        return entry

    def run(
        self,
        *,
        at: dt.datetime,
        tz: str,
        km: float | None,
        seconds: float | None,
        surface: str | None = None,
        effort: float | None = None,
        note: str = "",
    ) -> Run | None:
        """A run as a file tells it (see `build`). Without a distance (0 or none: a treadmill
        run the watch could not measure) it is a workout of the time it took, as the CLI
        takes a workout without a distance."""
        km, seconds, effort = finite(km), finite(seconds), finite(effort)
        kept = round(km, 3) if km is not None and round(km, 3) > 0 else None
        workout = "run" if kept else "other"
        if not kept:
            note = "; ".join(p for p in (NO_DISTANCE, note) if p)
        return self.build(
            Run,
            at=at,
            tz=tz,
            distance_km=kept,
            duration_s=round(seconds) if seconds else None,
            surface=surface,
            effort=round(effort) if effort is not None else None,
            workout=workout,
            note=note,
        )


def finite(value: Any) -> float | None:
    """`value` as a finite float, or None (not a number, NaN, infinite, an array...)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


RUN_SPORTS = {
    # name (lower case, spaces and underscores removed) -> surface
    "run": None,
    "running": None,
    "trailrun": "trail",
    "trailrunning": "trail",
    "trail": "trail",
    "virtualrun": "treadmill",
    "treadmill": "treadmill",
    "treadmillrunning": "treadmill",
    "indoorrunning": "treadmill",
    "track": "track",
    "trackrunning": "track",
    "street": "road",
    "road": "road",
    "roadrunning": "road",
    "generic": None,
    "hkworkoutactivitytyperunning": None,
    "9": None,  # Strava's GPX uses 9 for a run
}
SKIP_SPORTS = {
    "walk": "walks",
    "walking": "walks",
    "hkworkoutactivitytypewalking": "walks",
    "10": "walks",
    "hike": "hikes",
    "hiking": "hikes",
    "hkworkoutactivitytypehiking": "hikes",
    "4": "hikes",
    "ride": "rides",
    "cycling": "rides",
    "biking": "rides",
    "virtualride": "rides",
    "ebikeride": "rides",
    "mountainbikeride": "rides",
    "gravelride": "rides",
    "hkworkoutactivitytypecycling": "rides",
    "1": "rides",
    "swim": "swims",
    "swimming": "swims",
    "hkworkoutactivitytypeswimming": "swims",
    "2": "swims",
}


def sport_kind(sport: str | None) -> tuple[bool, str | None]:
    """(is a run, surface) for a run, else (False, skip reason). Unknown sports are workouts."""
    key = (sport or "").lower().replace(" ", "").replace("_", "").replace("-", "")
    if key in RUN_SPORTS:
        return True, RUN_SPORTS[key]
    return False, SKIP_SPORTS.get(key, "workouts")


def zone_for_offset(offset_s: int | None, at: dt.datetime, user_tz: str) -> str:
    """A zone name for a UTC offset seen at `at`: the user's zone when it had that offset then
    or when the offset is unknown (most activities start at home, and the diary day follows
    the zone), else `Etc/GMT±N` for whole hours, else UTC."""
    if offset_s is None:
        return user_tz
    if at.astimezone(zone(user_tz)).utcoffset() == dt.timedelta(seconds=offset_s):
        return user_tz
    if offset_s == 0:
        return "UTC"
    hours, rest = divmod(offset_s, 3600)
    if rest == 0 and -12 <= hours <= 14:
        return f"Etc/GMT{-hours:+d}"  # POSIX sign: Etc/GMT-2 is UTC+2
    return "UTC"


def heart_rate_note(avg_hr: Any) -> str:
    bpm = finite(avg_hr)
    return f"average heart rate {round(bpm)} bpm" if bpm and 0 < bpm < 300 else ""
