"""Provides the at-a-glance numbers for one diary day (the `today` line and the dashboard).

Pure Python over a list of entries, so the quick paths need no pandas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .describe import checkin_word
from .entries import CheckIn, Cramp, Drink, Entry, Run, Stretch, entry_day
from .record import record
from .settings import Settings
from .zones import zone


@record
class DaySummary:
    """The dashboard's today panel: the diary day's figures and the week's."""

    day: dt.date
    beverages_ml: int
    beverage_target_ml: int
    stretch_min_today: int
    stretch_min_week: int
    cramps_today: int
    last_cramp: Cramp | None
    runs_week: int
    run_km_week: float
    cramps_today_word: str | None
    """What the journal says of today's cramps (`cramp_state`); None: nothing yet."""
    cramps_yesterday_word: str | None

    @property
    def checked_in_today(self) -> bool:
        return self.cramps_today_word is not None

    @property
    def checked_in_yesterday(self) -> bool:
        return self.cramps_yesterday_word is not None

    @property
    def beverage_fraction(self) -> float:
        return self.beverages_ml / self.beverage_target_ml if self.beverage_target_ml else 0.0


def turned_off_note(day: dt.date) -> str:
    """What a save says when a cramp turned its day's "no cramps" check-in off."""
    return f'the "no cramps" check-in for {day:%a %d %b} is turned off'


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 cramp day', '2 cramp days' (`many` for irregular plurals): the one plural rule."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def listed(items: list[str], most: int = 5) -> str:
    """`items` joined for a sentence, the first `most` of them: `a, b and 3 more`."""
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def contradiction_note(checkins: list[CheckIn], in_app: bool = False) -> str:
    """What to say of "no cramps" check-ins on days that have a cramp ("" when none): the cramp
    counts, and how to turn a check-in's "no cramps" off (a command, or History in the app)."""
    if not checkins:
        return ""
    days = listed([f"{c.day:%a %d %b %Y} (#{c.id})" for c in checkins])
    fix = "edit it in History (h, then e)" if in_app else f"cramplog edit {checkins[0].id} --no-cramps false"
    many = len(checkins) != 1
    return (
        f"{len(checkins)} diary day{'s' if many else ''} now ha{'ve' if many else 's'} a cramp and a "
        f'"no cramps" check-in: {days}. The cramp counts; to turn "no cramps" off, {fix}.'
    )


def cramp_state(cramps: int, checkin: CheckIn | None) -> str | None:
    """What the journal says of one diary day's cramps: `2 cramps` (logged), the check-in's word
    (`checkin_word`), or None when neither a cramp nor a check-in was logged."""
    if cramps:
        return f"{cramps} cramp{'s' * (cramps != 1)}"
    return checkin_word(checkin) if checkin is not None else None


def window_start(day: dt.date, tz: str, settings: Settings) -> dt.datetime:
    """Earliest instant `summarise` looks at: the start of the 7-diary-day window ending `day`."""
    start = day - dt.timedelta(days=6)
    return dt.datetime.combine(start, settings.boundary, tzinfo=zone(tz))


def summarise(
    entries: Iterable[Entry], day: dt.date, settings: Settings, tz: str, last_cramp: Cramp | None = None
) -> DaySummary:
    """Summarise diary day `day` and the 7 diary days ending with it.

    Args:
        entries: at least every entry since `window_start(day, ...)`.
        last_cramp: the newest cramp in the whole journal, if the caller looked it up.
    """
    entries = list(entries)
    for entry in entries:
        if isinstance(entry, Cramp) and (last_cramp is None or entry.at > last_cramp.at):
            last_cramp = entry
    # The day's and the week's figures are the diary days' totals: one rule for what a day holds.
    lines = day_lines(entries, day - dt.timedelta(days=6), day, settings)
    today, yesterday, week = lines[-1], lines[-2], totals(lines)
    return DaySummary(
        day=day,
        beverages_ml=today.drinks_ml,
        beverage_target_ml=settings.beverage_ml,
        stretch_min_today=today.stretch_min,
        stretch_min_week=week.stretch_min,
        cramps_today=today.cramps,
        last_cramp=last_cramp,
        runs_week=week.runs,
        run_km_week=week.run_km,
        cramps_today_word=today.state,
        cramps_yesterday_word=yesterday.state,
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


@record
class DayLine:
    """One diary day's totals (the wide dashboard's 7-day strip)."""

    day: dt.date
    cramps: int
    drinks_ml: int
    stretch_min: int
    runs: int
    run_km: float
    checkin: CheckIn | None

    @property
    def state(self) -> str | None:
        """What the journal says of this day's cramps (`cramp_state`); None: not logged yet. The one
        rule for "is this day logged": the top card and the 7-day table both read it."""
        return cramp_state(self.cramps, self.checkin)


def day_lines(entries: Iterable[Entry], first: dt.date, last: dt.date, settings: Settings) -> list[DayLine]:
    """One `DayLine` per diary day from `first` to `last`, oldest first (each entry on its
    `entry_day`, in the zone it was logged in).

    Args:
        entries: at least every entry since the start of diary day `first` (others are skipped).
    """
    boundary = settings.boundary
    n = (last - first).days + 1
    days = [first + dt.timedelta(days=i) for i in range(n)]
    totals = {d: [0, 0, 0, 0, 0.0] for d in days}  # cramps, ml, stretch min, runs, km
    checkins: dict[dt.date, CheckIn] = {}
    for entry in entries:
        if isinstance(entry, CheckIn):
            if entry.day in totals:
                checkins[entry.day] = entry
            continue
        t = totals.get(entry_day(entry, boundary))
        if t is None:
            continue
        if isinstance(entry, Cramp):
            t[0] += 1
        elif isinstance(entry, Drink):
            t[1] += entry.amount_ml
        elif isinstance(entry, Stretch):
            t[2] += entry.minutes
        elif isinstance(entry, Run):
            t[3] += 1
            t[4] += entry.distance_km or 0.0
    return [
        DayLine(d, int(t[0]), int(t[1]), int(t[2]), int(t[3]), round(t[4], 2), checkins.get(d))
        for d, t in totals.items()
    ]


@record
class Totals:
    """Counts over a run of diary days (the wide dashboard's week against the week before)."""

    cramps: int
    cramp_days: int
    checkin_days: int
    drinks_ml: int
    stretch_min: int
    stretch_days: int
    runs: int
    run_km: float


def totals(lines: Iterable[DayLine]) -> Totals:
    """Sums and day counts over `lines`."""
    lines = list(lines)
    return Totals(
        cramps=sum(x.cramps for x in lines),
        cramp_days=sum(x.cramps > 0 for x in lines),
        checkin_days=sum(x.checkin is not None for x in lines),
        drinks_ml=sum(x.drinks_ml for x in lines),
        stretch_min=sum(x.stretch_min for x in lines),
        stretch_days=sum(x.stretch_min > 0 for x in lines),
        runs=sum(x.runs for x in lines),
        run_km=round(sum(x.run_km for x in lines), 2),
    )
