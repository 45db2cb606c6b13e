"""Provides the clock and zones; time is a dependency, injected everywhere.

Instants are stored in UTC together with the user's IANA zone name. The diary-day rule itself
lives in `days.py` (standard library only, for the shell prompt); here it takes zone names too.
A name is one zone object (`zone`): the machine's own zone read through the C library
(`localzone.LocalZone`), any other a ZoneInfo, imported only then.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import field
from functools import lru_cache
from typing import TYPE_CHECKING

from . import days, localzone
from .days import DEFAULT_DAY_BOUNDARY
from .localzone import c_library_zone
from .record import record

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


def local_zone_name() -> str:
    """The machine's IANA zone name: `$TZ`, else the /etc/localtime link, else UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and is_zone(name):
        return name
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if is_zone(name):
            return name
    return "UTC"


@lru_cache(maxsize=64)
def is_zone(name: str) -> bool:
    """Whether `name` is an IANA zone: a tzdata folder (`Europe`), a name too long for a file,
    bytes that are not text, or a path are not. The C library's zone is one (`c_library_zone`
    found its file)."""
    if name == c_library_zone():
        return True
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        return False
    return True


def zone(name: str) -> dt.tzinfo:
    """The zone a stored name names: the machine's own as the C library keeps it (the same
    object for every call, as ZoneInfo's are), else a ZoneInfo; unknown names fall back to UTC
    rather than failing."""
    return localzone.of(name) if name == c_library_zone() else tzdata_zone(name)


def tzdata_zone(name: str) -> ZoneInfo:
    """The ZoneInfo a stored name names (UTC for an unknown one): for pandas, which treats any
    other kind of tzinfo as a fixed offset."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(name) if is_zone(name) else ZoneInfo("UTC")


@record
class Clock:
    """Now, in the user's zone. Tests pass a `FixedClock`; the app a `Clock()`."""

    tz_name: str = field(default_factory=local_zone_name)

    @property
    def tz(self) -> dt.tzinfo:
        return zone(self.tz_name)

    def now(self) -> dt.datetime:
        """The current instant, aware, in the user's zone (seconds precision)."""
        return dt.datetime.now(self.tz).replace(microsecond=0)

    def today(self) -> dt.date:
        return self.now().date()


@record
class FixedClock(Clock):
    """A clock stopped at `at` (aware); for tests and reproducible benchmarks."""

    at: dt.datetime = dt.datetime(2026, 1, 1, 12, tzinfo=dt.timezone.utc)

    def now(self) -> dt.datetime:
        return self.at.astimezone(self.tz)


def diary_day(at: dt.datetime, tz: dt.tzinfo | str, boundary: dt.time = DEFAULT_DAY_BOUNDARY) -> dt.date:
    """The diary day an instant belongs to (`days.diary_day`), the zone given by name or object."""
    return days.diary_day(at, zone(tz) if isinstance(tz, str) else tz, boundary)


def day_start(day: dt.date, tz: dt.tzinfo | str, boundary: dt.time = DEFAULT_DAY_BOUNDARY) -> dt.datetime:
    """The aware instant at which diary day `day` begins."""
    return days.day_start(day, zone(tz) if isinstance(tz, str) else tz, boundary)


def local_noon(day: dt.date, tz: dt.tzinfo | str) -> dt.datetime:
    """Anchor instant for entries that carry only a date (check-ins, injuries, diet changes)."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=zone(tz) if isinstance(tz, str) else tz)
