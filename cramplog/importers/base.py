"""Provides what every parser shares: the `Context` (zone, now, summary), building entries that
may be refused, sport names sorted into runs and skip reasons, and the zone for a UTC offset."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from ..domain.clock import zone
from ..domain.entries import Entry
from ..errors import InvalidInput
from .records import EARLIEST, Summary

E = TypeVar("E", bound=Entry)

IMPOSSIBLE_DATES = "with impossible dates"
OUT_OF_RANGE = "with values out of range"


@dataclass
class Context:
    tz: str
    now: dt.datetime
    summary: Summary

    def build(self, cls: type[E], **fields: Any) -> E | None:
        """The entry, or None (counted as skipped) when its time is impossible or a value is
        refused by the domain. Times before 1900 or in the future are impossible."""
        at = fields.get("at")
        if at is not None and not EARLIEST <= at <= self.now + dt.timedelta(minutes=1):
            self.summary.skip(IMPOSSIBLE_DATES)
            return None
        try:
            return cls(**fields)
        except InvalidInput:
            self.summary.skip(OUT_OF_RANGE)
            return None


RUN_SPORTS = {
    # name (lower case, spaces and underscores removed) -> surface
    "run": None, "running": None, "trailrun": "trail", "trailrunning": "trail", "trail": "trail",
    "virtualrun": "treadmill", "treadmill": "treadmill", "treadmillrunning": "treadmill",
    "indoorrunning": "treadmill", "track": "track", "trackrunning": "track", "street": "road",
    "road": "road", "roadrunning": "road", "generic": None,
    "hkworkoutactivitytyperunning": None, "9": None,  # Strava's GPX uses 9 for a run
}
SKIP_SPORTS = {
    "walk": "walks", "walking": "walks", "hkworkoutactivitytypewalking": "walks", "10": "walks",
    "hike": "hikes", "hiking": "hikes", "hkworkoutactivitytypehiking": "hikes", "4": "hikes",
    "ride": "rides", "cycling": "rides", "biking": "rides", "virtualride": "rides", "ebikeride": "rides",
    "mountainbikeride": "rides", "gravelride": "rides", "hkworkoutactivitytypecycling": "rides", "1": "rides",
    "swim": "swims", "swimming": "swims", "hkworkoutactivitytypeswimming": "swims", "2": "swims",
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


def heart_rate_note(avg_hr: float | None) -> str:
    return f"average heart rate {round(avg_hr)} bpm" if avg_hr else ""
