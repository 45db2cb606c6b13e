"""Provides the parsers for times and dates as people say them.

Accepted times: `now`, `20 min ago`, `2h ago`, `1h30m ago`, `03:10`, `3:10pm`, `today 08:30`,
`yesterday 22:30`, `last night 3:10`, `saturday 22:00` (the latest Saturday), `2026-11-20 7:15`
and ISO 8601 with or without an offset. A bare clock time means today; a time in the future is
refused with a hint, and so is a wall-clock time the clocks skipped (a daylight-saving gap).
Dates: `today`, `yesterday`, `3 days ago`, `saturday`, `2026-11-20`.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import InvalidInput
from .fields import MIN_DATE, printable
from .patterns import Pattern

_UNIT_SECONDS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
}
_AGO = Pattern(r"^((?:\s*[0-9]+(?:\.[0-9]+)?\s*[a-z]+)+)\s+ago$", re.ASCII)
_AGO_PART = Pattern(r"([0-9]+(?:\.[0-9]+)?)\s*([a-z]+)", re.ASCII)
_CLOCK = Pattern(r"^([0-9]{1,2})(?:[:.h]([0-9]{2}))?\s*(am|pm)?$", re.ASCII)
_DAYS_AGO = Pattern(r"^([0-9]+)\s*(?:d|day|days)\s+ago$", re.ASCII)
_DATE_AND_CLOCK = Pattern(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})\s+(?:at\s+)?(.+)$", re.ASCII)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TOO_EARLY = "is before 1900-01-01 (check the year; cramplog keeps dates from 1900-01-01)"


def parse_when(text: str | None, now: dt.datetime, tz: dt.tzinfo, *, field: str = "at") -> dt.datetime:
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
    except InvalidInput as exc:  # a time the clocks skipped: named for this field
        raise InvalidInput(str(exc), field) from None
    except OverflowError:
        raise InvalidInput(f"time {raw[:40]!r} {_TOO_EARLY}", field) from None
    if at is None:
        raise InvalidInput(
            f"cannot read time {raw[:40]!r} (try 'now', '20 min ago', '03:10', 'yesterday 22:30' or 2026-11-20T22:30)",
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
    for i, name in enumerate(WEEKDAYS):
        if low in (name, name[:3]):
            return today - dt.timedelta(days=(today.weekday() - i) % 7)
    m = _DAYS_AGO.match(low)
    if m:
        try:
            day = today - dt.timedelta(days=_small(m.group(1)))
        except OverflowError:
            day = dt.date.min
    else:
        try:
            if not raw.isascii():
                raise ValueError
            day = dt.date.fromisoformat(raw)
        except ValueError:
            raise InvalidInput(
                f"cannot read date {raw[:40]!r} (try 'today', 'yesterday', '3 days ago', 'saturday' or 2026-11-20)",
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


def parse_clock(text: str, field: str) -> dt.time:
    """A time of day as `--at` reads one (`21:00`, `9pm`, `9:30pm`), for a daily reminder."""
    raw = printable(text or "").strip()
    clock = _clock(re.sub(r"\s+", " ", raw.lower()))
    if clock is None:
        raise InvalidInput(f"--{field} must be a time of day such as 21:00 or 9pm, got {raw[:40]!r}", field)
    return clock


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


_DAY_WORDS: tuple[tuple[str, str, int], ...] = (
    ("today", "back", 0),
    ("yesterday", "back", 1),
    ("last night", "night", 0),
    ("tonight", "back", 0),
    *((name, "weekday", i) for i, name in enumerate(WEEKDAYS)),
    *((name[:3], "weekday", i) for i, name in enumerate(WEEKDAYS)),
)
"""Words naming a day before a clock time: days back, last night, or the latest such weekday."""


def _day_and_clock(low: str, now: dt.datetime, tz: dt.tzinfo) -> dt.datetime | None:
    today = now.date()
    dated = _DATE_AND_CLOCK.match(low)
    if dated:  # 2026-11-20 7:15, 2026-11-20 9pm (ISO 8601 itself is read by `_iso`)
        clock = _clock(dated.group(2))
        try:
            day = dt.date.fromisoformat(dated.group(1))
        except ValueError:
            return None
        return None if clock is None else _wall(day, clock, tz)
    word, how, number = next((w for w in _DAY_WORDS if low == w[0] or low.startswith(w[0] + " ")), ("", "back", 0))
    rest = low[len(word) :].strip().removeprefix("at ").strip() if word else low
    if how == "weekday":
        number = (today.weekday() - number) % 7  # its latest date, today included
    if not rest:
        if word == "yesterday" or how == "weekday":
            return _wall(today - dt.timedelta(days=number), dt.time(12), tz)
        return None
    clock = _clock(rest)
    if clock is None:
        return None
    if how == "night":  # last night: evening hours were yesterday, small hours most recently
        if clock.hour >= 12:
            day = today - dt.timedelta(days=1)
        else:
            day = today if dt.datetime.combine(today, clock, tzinfo=tz) <= now else today - dt.timedelta(days=1)
    else:
        day = today - dt.timedelta(days=number)
        if how == "weekday" and number == 0 and dt.datetime.combine(day, clock, tzinfo=tz) > now:
            day -= dt.timedelta(days=7)  # "saturday 22:00" on a Saturday afternoon: last week's
    return _wall(day, clock, tz)


def _wall(day: dt.date, clock: dt.time, tz: dt.tzinfo) -> dt.datetime:
    """`day` at `clock` on the wall clocks of `tz`; a time the clocks skipped is refused."""
    at = dt.datetime.combine(day, clock, tzinfo=tz)
    _require_exists(at, tz)
    return at


def _require_exists(at: dt.datetime, tz: dt.tzinfo) -> None:
    """Refuse a wall-clock time inside a daylight-saving gap (02:30 on the night clocks go from
    02:00 to 03:00): it names no instant, and storing it as 03:30 would change what was typed."""
    try:
        round_trip = at.astimezone(dt.timezone.utc).astimezone(tz)
    except (OverflowError, ValueError):
        return  # out of range: refused as too early or in the future
    if round_trip.replace(tzinfo=None) != at.replace(tzinfo=None):
        gap = (round_trip.utcoffset() or dt.timedelta()) - (at.utcoffset() or dt.timedelta())
        minutes = int(gap.total_seconds() // 60)
        from .summary import plural  # only for this message: not on every quick log's path

        jump = plural(minutes // 60, "hour") if minutes % 60 == 0 else f"{minutes} minutes"
        raise InvalidInput(
            f"{at:%Y-%m-%d %H:%M} did not happen in {tz}: the clocks went forward {jump} "
            f"that night, so {at:%H:%M} on the old clock was {round_trip:%H:%M}; say "
            f"{round_trip:%H:%M}, or give an offset (e.g. {at:%Y-%m-%dT%H:%M}{_offset(at)})",
            "at",
        )


def _offset(at: dt.datetime) -> str:
    minutes = int((at.utcoffset() or dt.timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _small(digits: str) -> int:
    """A whole number from ASCII digits; more than 30 of them counts as too large for any use
    (Python refuses to read more than 4,300)."""
    return int(digits) if len(digits.lstrip("0")) <= 30 else 10**30


def _iso(raw: str, tz: dt.tzinfo) -> dt.datetime | None:
    if not raw.isascii():
        return None
    text = raw.strip().replace("z", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    try:
        dt.date.fromisoformat(text)
        value = value.replace(hour=12)  # a date alone (2026-11-20, 20261120): anchor at local noon
    except ValueError:
        pass
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
        _require_exists(value, tz)
    return value.astimezone(tz).replace(microsecond=0)
