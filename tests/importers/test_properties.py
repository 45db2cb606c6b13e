"""Properties: the match rule's guarantees hold everywhere, and references are stable."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cramplog.domain.entries import Run
from cramplog.importers.records import candidate_keys, content_ref, match_key

UTC = dt.timezone.utc
starts = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2026, 1, 1)).map(
    lambda d: d.replace(tzinfo=UTC, microsecond=0)
)
distances = st.integers(min_value=1, max_value=3_000_000).map(lambda m: m / 10_000)  # up to 300 km, 0.1 m steps


def matches(a: Run, b: Run) -> bool:
    return match_key(b) in candidate_keys(a)


@settings(max_examples=300, deadline=None)
@given(starts, distances, st.integers(-60, 60), st.integers(-990, 990))
def test_runs_within_a_minute_and_a_tenth_of_a_km_always_match(start, km, shift_s, dm):
    other_km = max(0.0001, km + dm / 10_000)  # a run is more than 0 km
    a = Run(at=start, distance_km=km)
    b = Run(at=start + dt.timedelta(seconds=shift_s), distance_km=other_km)
    assert matches(a, b) and matches(b, a)


@settings(max_examples=300, deadline=None)
@given(starts, distances, st.integers(120, 100_000), st.booleans())
def test_runs_two_minutes_apart_never_match(start, km, shift_s, later):
    a = Run(at=start, distance_km=km)
    b = Run(at=start + dt.timedelta(seconds=shift_s if later else -shift_s), distance_km=km)
    assert not matches(a, b)


@settings(max_examples=300, deadline=None)
@given(starts, st.integers(1, 2_800_000), st.integers(2_000, 100_000))
def test_runs_two_tenths_of_a_km_apart_never_match(start, metres_x10, dm):
    km = metres_x10 / 10_000
    a, b = Run(at=start, distance_km=km), Run(at=start, distance_km=km + dm / 10_000)
    assert not matches(a, b)


@given(st.lists(st.one_of(st.text(), st.integers(), st.none()), max_size=6))
def test_content_references_are_stable_and_short(parts):
    assert content_ref(*parts) == content_ref(*parts)
    assert content_ref(*parts).startswith("sha256:") and len(content_ref(*parts)) == 39
