"""Provides the diary-day rule, on the standard library alone: the shell prompt imports it too.

A diary day starts at the day boundary (`journal.day_boundary`, 04:00 local by default), so a
03:10 cramp belongs to the evening before: an instant's diary day is the local date of the
instant moved back by the boundary (`shift`). `domain.clock` applies it to one instant,
`analysis.tables` to whole columns with the same `shift`, the prompt to today's window.
"""

from __future__ import annotations

import datetime as dt

DEFAULT_BOUNDARY = "04:00"
"""The setting's default, as the config file writes it."""
LATEST_BOUNDARY = dt.time(12)
"""The latest time a diary day may start (the day boundary is 00:00 to this)."""


def read_boundary(text: object) -> dt.time:
    """A day boundary from `HH:MM` in ASCII digits, 00:00 to `LATEST_BOUNDARY`; `ValueError` else."""
    raw = str(text).strip()
    hour, colon, minute = raw.partition(":")
    if not (
        colon and 1 <= len(hour) <= 2 and len(minute) == 2 and (hour + minute).isascii() and (hour + minute).isdigit()
    ):
        raise ValueError(f"day boundary must be HH:MM, got {text!r}")
    value = dt.time(int(hour), int(minute))  # ValueError past 23:59
    if value > LATEST_BOUNDARY:
        raise ValueError(f"day boundary must be between 00:00 and {LATEST_BOUNDARY:%H:%M}")
    return value


DEFAULT_DAY_BOUNDARY = read_boundary(DEFAULT_BOUNDARY)


def shift(boundary: dt.time) -> dt.timedelta:
    """How far an instant's local time is moved back to give its diary day's date."""
    return dt.timedelta(hours=boundary.hour, minutes=boundary.minute, seconds=boundary.second)


def diary_day(at: dt.datetime, tz: dt.tzinfo, boundary: dt.time = DEFAULT_DAY_BOUNDARY) -> dt.date:
    """The diary day of instant `at` (aware) in zone `tz`."""
    return (at.astimezone(tz).replace(tzinfo=None) - shift(boundary)).date()


def day_start(day: dt.date, tz: dt.tzinfo, boundary: dt.time = DEFAULT_DAY_BOUNDARY) -> dt.datetime:
    """The aware instant at which diary day `day` begins."""
    return dt.datetime.combine(day, boundary, tzinfo=tz)


def day_window(
    day: dt.date, tz: dt.tzinfo, boundary: dt.time = DEFAULT_DAY_BOUNDARY
) -> tuple[dt.datetime, dt.datetime]:
    """`[start, end)`: the instants of diary day `day`."""
    return day_start(day, tz, boundary), day_start(day + dt.timedelta(days=1), tz, boundary)
