"""Provides the one gate of a before/after comparison (a medicine start, a diet change) and the
one rule for which entries make a diary day *logged*.

The red flag `new_medicine` (two weeks each side) and the insights' step changes (their own
windows) both ask `enough_sides` before comparing rates, so a flag never says "more cramps after"
where the insights say "not enough logged days on both sides yet to compare". A logged day is
one with a check-in or a cramp (docs/analysis.md §1): days with nothing logged are never counted
as cramp-free, on either side.
"""

from __future__ import annotations

from .entries import CheckIn, Cramp, Entry

MIN_SIDE_DAYS = 14
"""Logged days needed on each side of a change before comparing rates."""


def enough_sides(before_days: int, after_days: int) -> bool:
    """Whether both sides of a change hold enough logged days to compare their rates."""
    return before_days >= MIN_SIDE_DAYS and after_days >= MIN_SIDE_DAYS


def logs_the_day(entry: Entry) -> bool:
    """Whether `entry` makes its diary day a logged day (a check-in or a cramp)."""
    return isinstance(entry, (CheckIn, Cramp))
