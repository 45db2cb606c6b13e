"""The field readers shared by the command line and the app's forms."""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.domain.fieldtext import blank, match_shoe, read_date, read_distance, read_muscles
from cramplog.errors import InvalidInput, NotFound

SHOES = [(3, "Pegasus 40"), (7, "Pegasus Trail"), (9, "Clifton 9")]


@pytest.mark.parametrize(("text", "shoe_id"), [("clifton 9", 9), ("CLIF", 9), ("#7", 7), ("3", 3),
                                                ("Pegasus 4", 3)])
def test_a_shoe_by_name_prefix_or_id(text, shoe_id):
    assert match_shoe(text, SHOES) == shoe_id


@pytest.mark.parametrize("text", ["pegasus", "Nimbus", "#12"])
def test_ambiguous_or_unknown_shoes_are_refused_with_the_known_names(text):
    with pytest.raises(NotFound, match="Clifton 9, Pegasus 40, Pegasus Trail"):
        match_shoe(text, SHOES)


def test_muscles_are_read_once_each_in_order():
    assert read_muscles("calf, hamstring calf,foot") == ("calf", "hamstring", "foot")
    with pytest.raises(InvalidInput):
        read_muscles(" , ")


def test_blank_words():
    assert all(blank(t) for t in (None, "", "  ", "none", "-", "NULL"))
    assert not blank("0")


def test_dates_relative_to_the_diary_day_but_bounded_by_the_calendar():
    diary, calendar = dt.date(2026, 11, 23), dt.date(2026, 11, 24)
    assert read_date("today", diary, "day", latest=calendar) == diary
    assert read_date("2026-11-24", diary, "day", latest=calendar) == calendar
    with pytest.raises(InvalidInput, match="future"):
        read_date("2026-11-25", diary, "day", latest=calendar)
    assert read_date("none", diary, "day", optional=True) is None


def test_bare_distances_follow_the_units():
    assert read_distance("10", "metric", "distance_km") == 10
    assert read_distance("10", "imperial", "distance_km") == pytest.approx(16.093, abs=0.001)
