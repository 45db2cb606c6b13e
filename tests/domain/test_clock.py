"""The diary day: local calendar day, minus one before the day boundary."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
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


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 1, 1), timezones=st.just(TZ)),
       st.times(max_value=dt.time(12, 0)))
def test_diary_day_is_the_calendar_day_or_the_one_before(moment, boundary):
    day = diary_day(moment, TZ, boundary)
    local = moment.astimezone(TZ)
    assert day == (local.date() if local.time() >= boundary else local.date() - dt.timedelta(days=1))
