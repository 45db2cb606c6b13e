"""Entry builders for the trends tests: local Berlin times, diary days relative to the fixed clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from cramplog.domain import entries as E

from .conftest import TZ

ZONE = ZoneInfo(TZ)
TODAY = dt.date(2026, 3, 26)  # Thursday; its week (Monday start) begins 23 Mar


def at(day: dt.date, hour: int = 19, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE)


def cramp(day: dt.date, severity: int = 5, context: str = "night", hour: int = 19, minute: int = 0, **extra) -> E.Cramp:
    return E.Cramp(
        at=at(day, hour, minute), tz=TZ, muscle=extra.pop("muscle", "calf"), severity=severity, context=context, **extra
    )


def checkin(day: dt.date) -> E.CheckIn:
    return E.CheckIn(day=day, tz=TZ, no_cramps=True)


def drink(day: dt.date, ml: int) -> E.Drink:
    return E.Drink(at=at(day, 10), tz=TZ, amount_ml=ml)


def run(day: dt.date, km: float, minutes: int = 40, effort: int = 5, shoe_id: int | None = None) -> E.Run:
    return E.Run(at=at(day, 8), tz=TZ, distance_km=km, duration_s=minutes * 60, effort=effort, shoe_id=shoe_id)


def stretch(day: dt.date, minutes: int) -> E.Stretch:
    return E.Stretch(at=at(day, 18), tz=TZ, minutes=minutes)


def monday(weeks_back: int) -> dt.date:
    """The Monday `weeks_back` weeks before the current week's."""
    return dt.date(2026, 3, 23) - dt.timedelta(weeks=weeks_back)
