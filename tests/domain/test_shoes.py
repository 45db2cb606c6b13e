"""The one shoe matcher, and field readers the command line and the app's forms share."""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.domain import fields as F
from cramplog.domain import reading as R
from cramplog.domain.entries import Shoe
from cramplog.domain.settings import WORN_NOTICE
from cramplog.domain.shoes import check_new_name, resolve, wear_of, wearing_out
from cramplog.errors import InvalidInput, NotFound

NOW = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.timezone.utc)


def match_shoe(text, shoes):
    match = resolve(text, shoes)
    if match.id is None:
        raise NotFound(f"no shoe called {match.name!r}", "shoe_id")
    return match.id


def read_distance(text, units, field):
    kind = "shoe" if field in ("start_km", "life_km") else "run"
    return R.read(kind, field, text, R.Reading(now=NOW, tz=NOW.tzinfo, today=NOW.date(), units=units))


SHOES = [(3, "Pegasus 40"), (7, "Pegasus Trail"), (9, "Clifton 9")]


@pytest.mark.parametrize(
    ("text", "shoe_id"), [("clifton 9", 9), ("  CLIFTON   9 ", 9), ("#7", 7), ("3", 3), ("pegasus trail", 7)]
)
def test_a_known_shoe_by_name_ignoring_case_and_spacing_or_by_id(text, shoe_id):
    assert match_shoe(text, SHOES) == shoe_id


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("Pegasus40", "Pegasus 40"),
        ("Pegasus 41", "Pegasus 40"),
        ("Cliftn 9", "Clifton 9"),
        ("CLIF", "Clifton 9"),
        ("pegasus tral", "Pegasus Trail"),
    ],
)
def test_a_close_name_is_refused_with_did_you_mean(text, meant):
    with pytest.raises(NotFound, match=f"no shoe called .*; did you mean '{meant}'"):
        resolve(text, SHOES)


@pytest.mark.parametrize("text", ["Nimbus 25", "Speedgoat 5", "Bondi"])
def test_an_unrelated_name_is_a_new_shoe(text):
    match = resolve(f"  {text} ", SHOES)
    assert match.is_new and match.name == text


def test_an_unknown_id_is_not_found_and_a_new_name_is_not_a_known_shoe():
    with pytest.raises(NotFound, match="no shoe with ID 12"):
        resolve("#12", SHOES)
    with pytest.raises(NotFound, match="no shoe called 'Nimbus'"):
        match_shoe("Nimbus", SHOES)


def test_names_are_unique_ignoring_case_and_spacing():
    assert check_new_name(" Nimbus  25 ", SHOES) == "Nimbus 25"
    with pytest.raises(InvalidInput, match="a shoe called 'Pegasus 40' already exists"):
        check_new_name("PEGASUS  40", SHOES)


def test_muscles_are_read_once_each_in_order():
    ctx = R.Reading(now=NOW, tz=NOW.tzinfo, today=NOW.date())
    assert R.read("stretch", "muscles", "calf, hamstring calf,foot", ctx) == ("calf", "hamstring", "foot")
    with pytest.raises(InvalidInput):
        R.read("stretch", "muscles", " , ", ctx)


def test_blank_words():
    assert all(F.blank(t) for t in (None, "", "  ", "none", "-", "NULL"))
    assert not F.blank("0")


def test_dates_relative_to_the_diary_day_but_bounded_by_the_calendar():
    diary, calendar = dt.date(2026, 11, 23), dt.date(2026, 11, 24)
    ctx = R.Reading(now=NOW, tz=NOW.tzinfo, today=diary)  # 02:00 on the 24th: still the 23rd's diary day
    assert R.read("checkin", "day", "today", ctx) == diary
    assert R.read("checkin", "day", "2026-11-24", ctx) == calendar
    with pytest.raises(InvalidInput, match="future"):
        R.read("checkin", "day", "2026-11-25", ctx)
    assert R.read("injury", "resolved", "none", ctx) is None


def test_bare_distances_follow_the_units():
    assert read_distance("10", "metric", "distance_km") == 10
    assert read_distance("10", "imperial", "distance_km") == pytest.approx(16.093, abs=0.001)


def test_shoe_distances_reach_5000_km_in_km_or_miles_while_runs_stop_at_400():
    assert read_distance("640", "metric", "life_km") == 640
    assert read_distance("3000mi", "metric", "life_km") == pytest.approx(4828.032)
    assert read_distance("3000", "imperial", "start_km") == pytest.approx(4828.032)
    assert read_distance("0", "metric", "start_km") == 0
    for text, field in (("5001", "life_km"), ("0", "life_km"), ("401", "distance_km"), ("0", "distance_km")):
        with pytest.raises(InvalidInput):
            read_distance(text, "metric", field)


def test_a_shoes_wear_is_its_distance_against_its_own_life_or_the_setting():
    day = dt.date(2026, 1, 1)
    own = Shoe(id=1, name="Own", first_used=day, tz="UTC", life_km=500)
    used = Shoe(id=2, name="Used", first_used=day, tz="UTC", start_km=120)
    assert wear_of(own, {1: 450.0}, 640) == wear_of(own, {1: 450.0}, 800)  # its own life wins
    assert (wear_of(own, {1: 450.0}, 640).fraction, wear_of(own, {1: 450.0}, 640).worn_out) == (0.9, False)
    assert wear_of(own, {1: 450.0}, 640).fraction >= WORN_NOTICE  # the dashboard mentions it
    assert wear_of(own, {1: 500.5}, 640).worn_out
    assert (wear_of(used, {}, 640).km, wear_of(used, {}, 640).life) == (120, 640)  # no run on it yet


def test_the_shoes_wearing_out_are_those_in_use_from_the_notice_share_of_their_life():
    """The dashboard's notice: in use on the day (a retire date still ahead counts), at or past
    `WORN_NOTICE` of its own life or the setting's; a retired shoe, however far it went, is not."""
    day = dt.date(2026, 3, 1)
    life = 640.0
    at_notice = Shoe(id=1, name="At notice", first_used=dt.date(2025, 1, 1), tz="UTC")
    below = Shoe(id=2, name="Below", first_used=dt.date(2025, 1, 1), tz="UTC")
    retired = Shoe(id=3, name="Retired", first_used=dt.date(2025, 1, 1), tz="UTC", retired=day)
    retiring = Shoe(id=4, name="Retiring", first_used=dt.date(2025, 1, 1), tz="UTC", retired=day + dt.timedelta(1))
    own = Shoe(id=5, name="Own life", first_used=dt.date(2025, 1, 1), tz="UTC", life_km=300)
    distances = {1: WORN_NOTICE * life, 2: WORN_NOTICE * life - 0.5, 3: 2 * life, 4: life + 1, 5: 280.0}
    worn = wearing_out([at_notice, below, retired, retiring, own], distances, life, day)
    assert [(shoe.name, wear.km) for shoe, wear in worn] == [
        ("At notice", WORN_NOTICE * life),
        ("Retiring", life + 1),
        ("Own life", 280.0),
    ]
