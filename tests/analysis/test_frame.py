"""The diary-day frame: day boundary, completeness, exposures with science.md's definitions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from zoneinfo import ZoneInfo

import pandas as pd

from cramplog.analysis.frame import daily_frame
from cramplog.domain.entries import CheckIn, Cramp, Drink, Food, Injury, Run, Shoe, Stretch
from cramplog.domain.settings import Settings

from .conftest import TZ

Z = ZoneInfo(TZ)
D0 = dt.date(2026, 3, 1)


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=Z)


def ck(day: int, **kw) -> CheckIn:
    return CheckIn(day=dt.date(2026, 3, day), tz=TZ, no_cramps=True, **kw)


def row(frame: pd.DataFrame, day: int) -> pd.Series:
    return frame.loc[pd.Timestamp(2026, 3, day)]


def test_night_cramp_belongs_to_the_evening_and_unlogged_days_are_not_zeros():
    entries = [ck(1), Cramp(at=t(3, 3, 10), tz=TZ, muscle="calf", severity=6, context="night")]
    f = daily_frame(entries, Settings(), dt.date(2026, 3, 4))
    assert list(f.index.strftime("%d")) == ["01", "02", "03", "04"] and f.index.name == "day"
    assert row(f, 2)["cramps"] == 1 and row(f, 2)["cramps_night"] == 1
    assert row(f, 1)["cramp_day"] == 0 and row(f, 1)["beverages_ml"] == 0
    for day in (3, 4):
        assert not row(f, day)["logged"]
        assert math.isnan(row(f, day)["cramps"]) and math.isnan(row(f, day)["beverages_ml"])


def test_day_boundary_setting_moves_the_cramp():
    entries = [Cramp(at=t(3, 5, 0), tz=TZ, muscle="calf", severity=3, context="night")]
    late = dataclasses.replace(Settings(), day_boundary="06:00")
    assert row(daily_frame(entries, late, dt.date(2026, 3, 3)), 2)["cramps"] == 1
    assert row(daily_frame(entries, Settings(), dt.date(2026, 3, 3)), 3)["cramps"] == 1


def test_low_fluid_uses_the_fraction_of_the_target_and_untracked_days_are_nan():
    entries = [
        ck(1),
        ck(2),
        ck(3),
        Drink(at=t(1, 10), tz=TZ, amount_ml=1300),
        Drink(at=t(2, 10), tz=TZ, amount_ml=1400),
    ]
    f = daily_frame(entries, Settings(beverage_ml=1800), dt.date(2026, 3, 3))
    assert row(f, 1)["low_fluid"] == 1 and row(f, 2)["low_fluid"] == 0  # 75% of 1800 = 1350
    assert math.isnan(row(f, 3)["low_fluid"])
    stricter = daily_frame(entries, Settings(beverage_ml=1800, low_fluid_fraction=0.6), dt.date(2026, 3, 3))
    assert row(stricter, 1)["low_fluid"] == 0


def test_a_bedtime_stretch_is_measured_the_same_on_every_day_whatever_happened_in_it():
    # science.md §4.9: the same window on a cramp day and on the days it is compared with. A
    # session a cramp happened in is still a stretch (the analysis never compares this factor
    # with a cramp while stretching: tests/analysis/test_exposures.py), and a stretch logged
    # after a night cramp is a stretch that evening, as on any other evening.
    session = Stretch(at=t(2, 22, 0), tz=TZ, minutes=5, muscles=("calf",))
    during = Cramp(at=t(2, 22, 5), tz=TZ, muscle="calf", severity=5, context="stretching")
    before = Cramp(at=t(2, 21, 0), tz=TZ, muscle="calf", severity=5, context="night")
    for cramps in ([], [during], [before]):
        f = daily_frame([ck(1), session, *cramps], Settings(), dt.date(2026, 3, 2))
        assert row(f, 2)["no_bedtime_stretch"] == 0
    morning = Stretch(at=t(2, 9, 0), tz=TZ, minutes=5, muscles=("calf",))
    f = daily_frame([ck(1), ck(2), morning], Settings(), dt.date(2026, 3, 2))
    assert row(f, 2)["no_bedtime_stretch"] == 1 and row(f, 1)["no_bedtime_stretch"] == 1


def test_drinks_count_over_the_whole_diary_day_on_cramp_days_too():
    # The old rule counted only drinks before a daytime cramp on its day, and every drink on
    # other days: every daytime cramp day looked low-fluid.
    drinks = [Drink(at=t(d, h), tz=TZ, amount_ml=600) for d in (1, 2) for h in (8, 13, 19)]
    cramp = Cramp(at=t(2, 10, 30), tz=TZ, muscle="calf", severity=5, context="rest")
    f = daily_frame([ck(1), cramp, *drinks], Settings(beverage_ml=1800), dt.date(2026, 3, 2))
    assert row(f, 1)["low_fluid"] == row(f, 2)["low_fluid"] == 0


def test_soreness_counts_from_the_day_before_and_unrated_is_not_tracked():
    entries = [ck(1, soreness=6), ck(2), ck(3, soreness=2), ck(4)]
    f = daily_frame(entries, Settings(), dt.date(2026, 3, 5))
    assert math.isnan(row(f, 1)["muscle_damage"])  # nothing before the first day
    assert row(f, 2)["muscle_damage"] == 1  # the day before was sore
    assert math.isnan(row(f, 3)["muscle_damage"])  # the day before has no rating
    assert row(f, 4)["muscle_damage"] == 0 and math.isnan(row(f, 5)["muscle_damage"])


def test_a_food_without_amounts_leaves_the_day_not_tracked_unless_known_ones_suffice():
    known = Food(at=t(1, 12), tz=TZ, food="x", magnesium_mg=100, potassium_mg=3000)
    text = Food(at=t(1, 18), tz=TZ, text="lentil soup", magnesium_mg=None, potassium_mg=None)
    f = daily_frame([ck(1), known, text], Settings(magnesium_mg=370, potassium_mg=3000), dt.date(2026, 3, 1))
    assert math.isnan(row(f, 1)["low_magnesium"])  # 100 known, the soup could make it 370
    assert row(f, 1)["low_potassium"] == 0  # 3000 known: not low whatever the soup held
    only_text = daily_frame([ck(1), text], Settings(), dt.date(2026, 3, 1))
    assert math.isnan(row(only_text, 1)["low_magnesium"]) and math.isnan(row(only_text, 1)["low_potassium"])


def test_post_injury_window_and_low_stretch_week():
    entries = [
        Injury(day=dt.date(2026, 3, 2), tz=TZ, site="calf"),
        *[ck(d) for d in range(1, 25)],
        Stretch(at=t(3, 9), tz=TZ, minutes=5),
        Stretch(at=t(5, 9), tz=TZ, minutes=5),
    ]
    f = daily_frame(entries, Settings(post_injury_days=14), dt.date(2026, 3, 24))
    assert row(f, 1)["post_injury"] == 0 and row(f, 2)["post_injury"] == 1
    assert row(f, 16)["post_injury"] == 1 and row(f, 17)["post_injury"] == 0
    assert math.isnan(row(f, 7)["low_stretch_week"])  # not enough history yet
    assert row(f, 8)["low_stretch_week"] == 0  # days 1-7 include 2 stretching days
    assert row(f, 13)["low_stretch_week"] == 1  # days 6-12: none


def test_minerals_shoes_and_load_columns():
    shoe = Shoe(name="Old", first_used=D0, start_km=700, tz=TZ, id=10)
    fresh = Shoe(name="New", first_used=D0, tz=TZ, id=11)
    entries = [
        ck(1),
        ck(2),
        shoe,
        fresh,
        Food(at=t(1, 12), tz=TZ, food="x", magnesium_mg=400, potassium_mg=1000),
        Run(at=t(1, 8), tz=TZ, distance_km=10, duration_s=3600, effort=8, shoe_id=10),
        Run(at=t(2, 8), tz=TZ, distance_km=5, duration_s=1500, effort=7, shoe_id=11),
    ]
    f = daily_frame(entries, Settings(magnesium_mg=370, potassium_mg=3000), dt.date(2026, 3, 2))
    assert row(f, 1)["low_magnesium"] == 0 and row(f, 1)["low_potassium"] == 1
    assert row(f, 1)["worn_shoe"] == 1 and row(f, 1)["new_shoe"] == 0
    assert row(f, 2)["worn_shoe"] == 0 and row(f, 2)["new_shoe"] == 1
    assert row(f, 1)["run_load"] == 8 * 60 and row(f, 2)["hard_streak"] == 1
    assert row(f, 2)["run_km"] == 5


def test_a_shoe_is_worn_past_its_own_life_else_past_the_setting():
    long_lived = Shoe(name="Trail", first_used=D0, start_km=700, life_km=1000, tz=TZ, id=10)
    default = Shoe(name="Road", first_used=D0, start_km=700, tz=TZ, id=11)
    entries = [
        ck(1),
        ck(2),
        long_lived,
        default,
        Run(at=t(1, 8), tz=TZ, distance_km=10, shoe_id=10),
        Run(at=t(2, 8), tz=TZ, distance_km=10, shoe_id=11),
    ]
    f = daily_frame(entries, Settings(life_km=640), dt.date(2026, 3, 2))
    assert row(f, 1)["worn_shoe"] == 0 and row(f, 2)["worn_shoe"] == 1


def test_empty_journal_gives_a_single_unlogged_day():
    f = daily_frame([], Settings(), dt.date(2026, 3, 2))
    assert len(f) == 1 and not f["logged"].any()
