"""The dashboard's figures for a diary day and its week (`summarise`), from the days' totals."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from cramplog.domain import entries as E
from cramplog.domain.settings import Settings
from cramplog.domain.summary import day_lines, summarise, totals

TZ = "Europe/Berlin"
DAY = dt.date(2026, 3, 14)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(TZ))


def ago(days: int) -> dt.date:
    return DAY - dt.timedelta(days=days)


def journal() -> list[E.Entry]:
    return [
        E.Drink(at=at(DAY, 9), tz=TZ, amount_ml=500),
        E.Drink(at=at(ago(-1), 1, 30), tz=TZ, amount_ml=300),  # 01:30 the next morning: still DAY's
        E.Drink(at=at(DAY, 2), tz=TZ, amount_ml=700),  # 02:00 on DAY: the day before's
        E.Stretch(at=at(DAY, 7), tz=TZ, minutes=10),
        E.Stretch(at=at(ago(6), 7), tz=TZ, minutes=20),  # the week's first day
        E.Stretch(at=at(ago(7), 7), tz=TZ, minutes=40),  # the week before: not counted
        E.Run(at=at(ago(2), 7), tz=TZ, distance_km=8.5),
        E.Run(at=at(ago(4), 7), tz=TZ, workout="jump_rope", duration_s=600),
        E.Cramp(at=at(DAY, 3), tz=TZ, muscle="calf", side="left", severity=6),  # yesterday's, by diary day
        E.Cramp(at=at(ago(20), 3), tz=TZ, muscle="calf", side="left", severity=2),
        E.CheckIn(day=DAY, tz=TZ, no_cramps=True),
    ]


def test_the_day_and_its_week_are_counted_by_diary_day():
    s = summarise(journal(), DAY, Settings(), TZ)
    assert s.beverages_ml == 800 and s.stretch_min_today == 10 and s.stretch_min_week == 30
    assert (s.runs_week, s.run_km_week) == (2, 8.5)
    assert s.cramps_today == 0 and s.last_cramp is not None and s.last_cramp.at == at(DAY, 3)
    assert (s.cramps_today_word, s.cramps_yesterday_word) == ("no cramps", "1 cramp")


def test_the_summary_says_what_the_days_totals_say():
    entries = journal()
    lines = day_lines(entries, ago(6), DAY, Settings())
    s, week = summarise(entries, DAY, Settings(), TZ), totals(lines)
    assert (s.beverages_ml, s.stretch_min_today, s.cramps_today) == (
        lines[-1].drinks_ml,
        lines[-1].stretch_min,
        lines[-1].cramps,
    )
    assert (s.stretch_min_week, s.runs_week, s.run_km_week) == (week.stretch_min, week.runs, week.run_km)
    assert lines[-2].drinks_ml == 700 and lines[-2].cramps == 1


def test_a_later_day_boundary_moves_the_night_with_it():
    late = Settings(day_boundary="01:00")
    s = summarise(journal(), DAY, late, TZ)
    assert s.beverages_ml == 500 + 700  # 02:00 is DAY's now, 01:30 the next day's
    assert (s.cramps_today_word, s.cramps_yesterday_word) == ("1 cramp", None)


def test_an_entry_counts_on_the_diary_day_of_the_zone_it_was_logged_in():
    """A drink at 22:30 in New York is 04:30 the next morning in Berlin: it belongs to the evening
    it was drunk in, as History and the check-in rule file it, wherever the clock is now."""
    ny = "America/New_York"
    evening = dt.datetime(2026, 3, 13, 22, 30, tzinfo=ZoneInfo(ny))
    drink = E.Drink(at=evening, tz=ny, amount_ml=400)
    assert E.entry_day(drink) == dt.date(2026, 3, 13)
    lines = day_lines([drink], ago(1), DAY, Settings())
    assert [line.drinks_ml for line in lines] == [400, 0]
    assert summarise([drink], DAY, Settings(), TZ).beverages_ml == 0
    assert E.entry_day(E.CheckIn(day=DAY, tz=ny)) == DAY  # a date-only kind: its own date
