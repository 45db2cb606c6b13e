"""Provides the at-a-glance numbers for one diary day (the `today` line and the dashboard).

Pure Python over a list of entries, so the quick paths need no pandas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .clock import diary_day, zone
from .entries import CheckIn, Cramp, Drink, Entry, Run, Stretch
from .settings import Settings


@dataclass(frozen=True, slots=True)
class DaySummary:
    day: dt.date
    beverages_ml: int
    beverage_target_ml: int
    stretch_min_today: int
    stretch_min_week: int
    cramps_today: int
    last_cramp: Cramp | None
    runs_week: int
    run_km_week: float
    checked_in_today: bool
    checked_in_yesterday: bool

    @property
    def beverage_fraction(self) -> float:
        return self.beverages_ml / self.beverage_target_ml if self.beverage_target_ml else 0.0


def window_start(day: dt.date, tz: str, settings: Settings) -> dt.datetime:
    """Earliest instant `summarise` looks at: the start of the 7-diary-day window ending `day`."""
    start = day - dt.timedelta(days=6)
    return dt.datetime.combine(start, settings.boundary, tzinfo=zone(tz))


def summarise(entries: Iterable[Entry], day: dt.date, settings: Settings, tz: str,
              last_cramp: Cramp | None = None) -> DaySummary:
    """Summarise diary day `day` and the 7 diary days ending with it.

    Args:
        entries: at least every entry since `window_start(day, ...)`.
        last_cramp: the newest cramp in the whole journal, if the caller looked it up.
    """
    boundary = settings.boundary
    week = {day - dt.timedelta(days=n) for n in range(7)}
    beverages = stretch_today = stretch_week = cramps_today = runs = 0
    km = 0.0
    checked: set[dt.date] = set()
    for entry in entries:
        if isinstance(entry, CheckIn):
            checked.add(entry.day)
            continue
        d = diary_day(entry.at, tz, boundary)
        if isinstance(entry, Cramp):
            if last_cramp is None or entry.at > last_cramp.at:
                last_cramp = entry
            cramps_today += d == day
            checked.add(d)  # a logged cramp means the day is not unlogged
        if d not in week:
            continue
        if isinstance(entry, Drink) and d == day:
            beverages += entry.amount_ml
        elif isinstance(entry, Stretch):
            stretch_week += entry.minutes
            stretch_today += entry.minutes if d == day else 0
        elif isinstance(entry, Run):
            runs += 1
            km += entry.distance_km or 0.0
    return DaySummary(
        day=day,
        beverages_ml=beverages,
        beverage_target_ml=settings.beverage_ml,
        stretch_min_today=stretch_today,
        stretch_min_week=stretch_week,
        cramps_today=cramps_today,
        last_cramp=last_cramp,
        runs_week=runs,
        run_km_week=round(km, 2),
        checked_in_today=day in checked,
        checked_in_yesterday=(day - dt.timedelta(days=1)) in checked,
    )


def ago(then: dt.datetime, now: dt.datetime) -> str:
    """`just now`, `25 min ago`, `3 h ago`, `2 days ago`."""
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 48 * 3600:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"
