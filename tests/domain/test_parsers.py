"""Parsers of time, amount, distance and duration: examples and properties (hypothesis)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cramplog.domain.quantities import (
    KM_PER,
    ML_PER,
    format_duration,
    parse_amount_ml,
    parse_distance_km,
    parse_duration_s,
)
from cramplog.domain.when import parse_date, parse_when
from cramplog.errors import InvalidInput

TZ = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", NOW),
        ("now", NOW),
        ("20 min ago", NOW - dt.timedelta(minutes=20)),
        ("2h ago", NOW - dt.timedelta(hours=2)),
        ("1h30m ago", NOW - dt.timedelta(minutes=90)),
        ("03:10", dt.datetime(2026, 11, 24, 3, 10, tzinfo=TZ)),
        ("3:10am", dt.datetime(2026, 11, 24, 3, 10, tzinfo=TZ)),
        ("1pm", dt.datetime(2026, 11, 24, 13, 0, tzinfo=TZ)),
        ("last night 3:10", dt.datetime(2026, 11, 24, 3, 10, tzinfo=TZ)),
        ("last night 23:30", dt.datetime(2026, 11, 23, 23, 30, tzinfo=TZ)),
        ("yesterday 22:30", dt.datetime(2026, 11, 23, 22, 30, tzinfo=TZ)),
        ("2026-11-20T22:30", dt.datetime(2026, 11, 20, 22, 30, tzinfo=TZ)),
        ("2026-11-20 22:30", dt.datetime(2026, 11, 20, 22, 30, tzinfo=TZ)),
        ("2026-11-20T21:30:00Z", dt.datetime(2026, 11, 20, 22, 30, tzinfo=TZ)),
        ("2026-11-20T22:30+01:00", dt.datetime(2026, 11, 20, 22, 30, tzinfo=TZ)),
        ("2026-11-20T16:30-05:00", dt.datetime(2026, 11, 20, 22, 30, tzinfo=TZ)),
    ],
)
def test_times_as_people_say_them(text, expected):
    assert parse_when(text, NOW, TZ) == expected


def test_last_night_small_hours_before_they_happened_today_means_yesterday():
    early = dt.datetime(2026, 11, 24, 2, 0, tzinfo=TZ)
    assert parse_when("last night 3:10", early, TZ) == dt.datetime(2026, 11, 23, 3, 10, tzinfo=TZ)


@pytest.mark.parametrize("text", ["23:59", "in 5 min", "2026-11-25", "2027-01-01T00:00", "tomorrow"])
def test_future_or_unreadable_times_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_when(text, NOW, TZ)


@given(st.integers(min_value=0, max_value=60 * 24 * 30))
def test_minutes_ago_is_exact(minutes):
    assert parse_when(f"{minutes} min ago", NOW, TZ) == NOW - dt.timedelta(minutes=minutes)


@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2026, 11, 24, 12, 0)),
    st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-5)), dt.timezone(dt.timedelta(hours=9))]),
)
def test_iso_with_offset_round_trips(moment, offset):
    aware = moment.replace(microsecond=0, tzinfo=offset)
    # the same instant (compared as timestamps: Python never calls two zones' times equal
    # inside a repeated hour, such as 02:00 on the night clocks go back)
    assert parse_when(aware.isoformat(), NOW, TZ).timestamp() == aware.timestamp()


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_parsed_times_are_never_in_the_future(moment):
    text = moment.replace(microsecond=0).isoformat()
    try:
        parsed = parse_when(text, NOW, TZ)
    except InvalidInput:
        return
    assert parsed <= NOW


@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_a_clock_time_is_today_or_refused(hour, minute):
    text = f"{hour:02d}:{minute:02d}"
    candidate = dt.datetime(2026, 11, 24, hour, minute, tzinfo=TZ)
    if candidate <= NOW:
        assert parse_when(text, NOW, TZ) == candidate
    else:
        with pytest.raises(InvalidInput, match="future"):
            parse_when(text, NOW, TZ)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2026, 11, 24)))
def test_iso_dates_round_trip(day):
    assert parse_date(day.isoformat(), dt.date(2026, 11, 24)) == day


@given(st.integers(min_value=0, max_value=3000))
def test_days_ago(n):
    assert parse_date(f"{n} days ago", dt.date(2026, 11, 24)) == dt.date(2026, 11, 24) - dt.timedelta(days=n)


@given(st.integers(min_value=1, max_value=5000), st.sampled_from(["", "ml", " ml", "ML"]))
def test_millilitres_round_trip(ml, unit):
    assert parse_amount_ml(f"{ml}{unit}") == ml


@given(st.integers(min_value=1, max_value=5000), st.sampled_from(["l", "oz", "cup", "cl", "dl"]))
def test_other_units_convert_to_the_nearest_ml(ml, unit):
    value = ml / ML_PER[unit]
    if round(value * ML_PER[unit]) > 5000:
        return
    assert abs(parse_amount_ml(f"{value!r}{unit}") - ml) <= 1


@given(st.floats(max_value=0, allow_nan=False, allow_infinity=False))
def test_non_positive_amounts_are_refused(value):
    with pytest.raises(InvalidInput):
        parse_amount_ml(repr(value))


@pytest.mark.parametrize("text", ["abc", "5 gallons", "", "500 ml water", "nan", "inf", "1e9"])
def test_unreadable_amounts_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_amount_ml(text)


@given(st.floats(min_value=0.01, max_value=400, allow_nan=False), st.sampled_from(["km", "mi", "m", ""]))
def test_distances_convert(value, unit):
    km = value * KM_PER[unit or "km"]
    text = f"{value!r}{unit}"
    if not 0 < round(km, 3) <= 400:
        with pytest.raises(InvalidInput):
            parse_distance_km(text)
        return
    assert parse_distance_km(text) == pytest.approx(km, abs=0.001)


def test_bare_distance_follows_the_default_unit():
    assert parse_distance_km("3.1", default_unit="mi") == pytest.approx(4.989, abs=0.001)


@given(st.integers(min_value=1, max_value=48 * 3600))
def test_clock_durations_round_trip(seconds):
    assert parse_duration_s(format_duration(seconds)) == seconds


@given(st.integers(min_value=1, max_value=600), st.sampled_from(["min", "m", "s", "h"]))
def test_durations_with_units(n, unit):
    factor = {"min": 60, "m": 60, "s": 1, "h": 3600}[unit]
    if n * factor > 48 * 3600:
        return
    assert parse_duration_s(f"{n}{unit}") == n * factor


@pytest.mark.parametrize(
    ("text", "seconds"), [("31:00", 1860), ("1:05:30", 3930), ("45", 2700), ("1h30m", 5400), ("90s", 90)]
)
def test_duration_examples(text, seconds):
    assert parse_duration_s(text) == seconds


@pytest.mark.parametrize("text", ["31:75", "1:2:3:4", "fast", "-5", "0", "5 fortnights", "::"])
def test_bad_durations_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_duration_s(text)


NUMBERISH = st.text(alphabet="0123456789 +-.,\t\n٣²１ⅷmlozcup", max_size=12) | st.from_regex(
    r"[0-9]{1,400}", fullmatch=True
)
"""ASCII and other digits (Arabic-Indic, superscript, full-width, a Roman numeral), signs, marks,
spaces, units, and runs of digits long enough to overflow a float."""


def _outcome(read, text):
    try:
        return read(text)
    except InvalidInput:
        return "refused"


@given(NUMBERISH)
def test_a_plain_number_reads_as_its_pattern_reads_it(text):
    """`ascii_digits` spares `250` and `7` their patterns (a quick log's amount and severity): the
    answers, refusals included, are the ones the patterns alone give, for any text."""
    import math

    from cramplog.domain import fields, quantities

    def by_pattern(raw):
        m = quantities._NUMBER_UNIT.match(raw.strip().lower())
        value = float(m.group(1).replace(",", ".")) if m else math.inf
        return (value, " ".join(m.group(2).split())) if m and math.isfinite(value) else "refused"

    assert _outcome(lambda t: quantities._number_and_unit(t, "amount", "amount"), text) == by_pattern(text)
    raw = text.strip()
    integer = fields._INT.fullmatch(raw)
    whole = _outcome(lambda t: fields._whole(t, "severity", "severity"), raw) if integer else "refused"
    assert _outcome(lambda t: fields.parse_int(t, "severity"), text) == whole
