"""Provides the clock; time is a dependency, injected everywhere.

Instants are stored in UTC together with the user's IANA zone name (`zones`). The diary-day
rule itself lives in `days.py` (standard library only, for the shell prompt); here it takes
zone names too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from . import days
from .days import DEFAULT_DAY_BOUNDARY
from .record import record
from .zones import local_zone_name, zone


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
