"""Provides the parsers for times and dates as people say them.

Accepted times: `now`, `20 min ago`, `2h ago`, `1h30m ago`, `03:10`, `3:10pm`, `today 08:30`,
`yesterday 22:30`, `last night 3:10`, `2026-11-20 22:30` and ISO 8601 with or without an
offset. A bare clock time means today; a time in the future is refused with a hint.
Dates: `today`, `yesterday`, `3 days ago`, `2026-11-20`.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from ..errors import InvalidInput
from .fields import MIN_DATE, printable

_UNIT_SECONDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
}
_AGO = re.compile(r"^((?:\s*[0-9]+(?:\.[0-9]+)?\s*[a-z]+)+)\s+ago$", re.ASCII)
_AGO_PART = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*([a-z]+)", re.ASCII)
_CLOCK = re.compile(r"^([0-9]{1,2})(?:[:.h]([0-9]{2}))?\s*(am|pm)?$", re.ASCII)
_DAYS_AGO = re.compile(r"^([0-9]+)\s*(?:d|day|days)\s+ago$", re.ASCII)
_TOO_EARLY = "is before 1900-01-01 (check the year; cramplog keeps dates from 1900-01-01)"


def parse_when(text: str | None, now: dt.datetime, tz: ZoneInfo, *, field: str = "at") -> dt.datetime:
    """Return the aware instant `text` means, relative to `now` in zone `tz`.

    Raises:
        InvalidInput: the text is not understood, or it names a time in the future.
    """
    raw = printable(text or "").strip()
    low = re.sub(r"\s+", " ", raw.lower())
    now = now.astimezone(tz)
    if low in ("", "now", "just now"):
        return now
    try:
        at = _relative(low, now) or _day_and_clock(low, now, tz) or _iso(raw, tz)
        if at is not None and at.astimezone(tz).date() < MIN_DATE:
            raise OverflowError
    except OverflowError:
        raise InvalidInput(f"time {raw[:40]!r} {_TOO_EARLY}", field) from None
    if at is None:
        raise InvalidInput(
            f"cannot read time {raw[:40]!r} (try 'now', '20 min ago', '03:10', 'yesterday 22:30' "
            "or 2026-11-20T22:30)",
            field,
        )
    if at > now + dt.timedelta(seconds=59):
        raise InvalidInput(
            f"time {raw!r} is in the future ({at:%Y-%m-%d %H:%M}); say e.g. 'yesterday {at:%H:%M}'",
            field,
        )
    return min(at, now)


def parse_date(text: str | None, today: dt.date, *, field: str = "date", latest: dt.date | None = None) -> dt.date:
    """Return the date `text` names, with `today` and `yesterday` relative to `today`.

    Dates after `latest` (default `today`) are refused. The CLI passes the diary day as `today`
    and the calendar date as `latest`, so at 02:00 `today` means the evening just gone while
    the calendar date is still accepted.
    """
    raw = printable(text or "").strip()
    low = re.sub(r"\s+", " ", raw.lower())
    if low in ("", "today"):
        return today
    if low == "yesterday":
        return today - dt.timedelta(days=1)
    m = _DAYS_AGO.match(low)
    if m:
        try:
            day = today - dt.timedelta(days=int(m.group(1)))
        except OverflowError:
            day = dt.date.min
    else:
        try:
            if not raw.isascii():
                raise ValueError
            day = dt.date.fromisoformat(raw)
        except ValueError:
            raise InvalidInput(
                f"cannot read date {raw[:40]!r} (try 'today', 'yesterday', '3 days ago' or 2026-11-20)",
                field,
            ) from None
    if day < MIN_DATE:
        raise InvalidInput(f"date {raw[:40]!r} {_TOO_EARLY}", field)
    if day > (latest or today):
        raise InvalidInput(f"date {day.isoformat()} is in the future", field)
    return day


def _relative(low: str, now: dt.datetime) -> dt.datetime | None:
    m = _AGO.match(low)
    if not m:
        return None
    seconds = 0.0
    for number, unit in _AGO_PART.findall(m.group(1)):
        if unit not in _UNIT_SECONDS:
            return None
        seconds += float(number) * _UNIT_SECONDS[unit]
    return now - dt.timedelta(seconds=round(seconds))


def _clock(text: str) -> dt.time | None:
    m = _CLOCK.match(text.strip())
    if not m:
        return None
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if m.group(2) is None and half is None:
        return None  # a bare number is not a time of day
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def _day_and_clock(low: str, now: dt.datetime, tz: ZoneInfo) -> dt.datetime | None:
    today = now.date()
    for prefix, offset in (("today", 0), ("yesterday", 1), ("last night", None), ("tonight", 0)):  # noqa: B007
        if low == prefix or low.startswith(prefix + " "):
            rest = low[len(prefix):].strip().removeprefix("at ").strip()
            break
    else:
        prefix, offset, rest = "", 0, low
    if not rest:
        if prefix == "yesterday":
            return dt.datetime.combine(today - dt.timedelta(days=1), dt.time(12), tzinfo=tz)
        return None
    clock = _clock(rest)
    if clock is None:
        return None
    if offset is None:  # last night: evening hours were yesterday, small hours most recently
        if clock.hour >= 12:
            day = today - dt.timedelta(days=1)
        else:
            day = today if dt.datetime.combine(today, clock, tzinfo=tz) <= now else today - dt.timedelta(days=1)
    else:
        day = today - dt.timedelta(days=offset)
    return dt.datetime.combine(day, clock, tzinfo=tz)


def _iso(raw: str, tz: ZoneInfo) -> dt.datetime | None:
    if not raw.isascii():
        return None
    text = raw.strip().replace("z", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(raw.strip()) == 10:  # a date alone: anchor at local noon
        value = value.replace(hour=12)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(tz).replace(microsecond=0)
