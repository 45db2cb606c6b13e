"""The diary day: local calendar day, minus one before the day boundary."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cramplog.domain.clock import diary_day

TZ = ZoneInfo("Europe/Berlin")


def test_a_0310_cramp_belongs_to_the_previous_evening():
    at = dt.datetime(2026, 11, 24, 3, 10, tzinfo=TZ)
    assert diary_day(at, TZ) == dt.date(2026, 11, 23)
    assert diary_day(at.replace(hour=4, minute=0), TZ) == dt.date(2026, 11, 24)


def test_the_boundary_is_configurable():
    at = dt.datetime(2026, 11, 24, 4, 30, tzinfo=TZ)
    assert diary_day(at, TZ, dt.time(5, 0)) == dt.date(2026, 11, 23)
    assert diary_day(at, TZ, dt.time(0, 0)) == dt.date(2026, 11, 24)


def test_the_day_is_taken_in_the_entry_zone_not_utc():
    at = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.timezone.utc)  # 01:30 in Berlin
    assert diary_day(at, "Europe/Berlin") == dt.date(2026, 7, 1)
    assert diary_day(at, "America/New_York") == dt.date(2026, 7, 1)
    assert diary_day(at, "Asia/Tokyo") == dt.date(2026, 7, 2)


@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 1, 1), timezones=st.just(TZ)),
    st.times(max_value=dt.time(12, 0)),
)
def test_diary_day_is_the_calendar_day_or_the_one_before(moment, boundary):
    day = diary_day(moment, TZ, boundary)
    local = moment.astimezone(TZ)
    assert day == (local.date() if local.time() >= boundary else local.date() - dt.timedelta(days=1))


ZONES = ("Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "UTC")


@given(
    st.lists(
        st.datetimes(
            min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2040, 1, 1), timezones=st.just(dt.timezone.utc)
        ),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(ZONES),
    st.times(max_value=dt.time(12, 0)),
)
@settings(deadline=None)  # the first example imports pandas
def test_the_tables_file_whole_columns_by_the_same_day_rule(moments, zone_name, boundary):
    """`analysis.tables` applies `domain.days` to whole columns (vectorised): the day of every
    row is the day the rule gives one instant, in zones with half- and quarter-hour offsets."""
    from cramplog.analysis.tables import from_entries
    from cramplog.domain.entries import Drink

    drinks = [Drink(at=m, tz=zone_name, amount_ml=100, id=i + 1) for i, m in enumerate(moments)]
    table = from_entries(drinks, boundary)["drink"]
    assert [d.date() for d in table["day"]] == [diary_day(m, zone_name, boundary) for m in moments]


@given(
    st.datetimes(
        min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 1, 1), timezones=st.just(dt.timezone.utc)
    ),
    st.sampled_from(ZONES),
    st.times(max_value=dt.time(12, 0)),
)
def test_a_diary_days_window_holds_exactly_its_instants(moment, zone_name, boundary):
    """The window the shell prompt reads (`days.day_window`) is `[start, end)` of the rule's day."""
    from cramplog.domain import days

    tz = ZoneInfo(zone_name)
    day = days.diary_day(moment, tz, boundary)
    start, end = days.day_window(day, tz, boundary)
    assert start <= moment < end


def test_a_boundary_is_read_by_one_rule():
    from cramplog.domain import days
    from cramplog.domain.settings import Settings, parse_clock_setting

    assert Settings().boundary == days.DEFAULT_DAY_BOUNDARY == dt.time(4)
    for text in ("4:00", "12:00", "00:00", " 05:30 "):
        assert parse_clock_setting(text) == days.read_boundary(text)
    for text in ("12:01", "24:00", "4", "4:0", "٤:00", "04:00:00", "-1:00", ""):
        with pytest.raises(ValueError):
            days.read_boundary(text)
