"""Calibration on diaries the analysis did not make (a fixed subset of bench/calibrate).

The diaries come from tests/support/null_diaries.py, written from docs/analysis.md with realistic
timing: night cramps, daytime cramps at random hours, cramps during a run or a stretch, soreness
rated only on cramp-free days, foods in free text. In a null diary nothing is linked to cramps,
so a "consistent pattern" is false; the full run and its table are in docs/analysis.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from cramplog.analysis.insights import analyse
from cramplog.domain.entries import CheckIn, Cramp, Drink, Stretch
from cramplog.domain.settings import Settings
from tests.support.calibration import PLANTED, analysed
from tests.support.null_diaries import Plan

NULL_DIARIES = 24


@pytest.fixture(scope="module")
def null_rows():
    return [row for seed in range(NULL_DIARIES) for row in analysed(Plan(days=365, seed=seed))]


def test_null_diaries_with_realistic_timing_show_no_false_pattern_beyond_chance(null_rows):
    patterns = Counter((r.context, r.factor) for r in null_rows if r.status == "consistent_pattern")
    cells = {(r.context, r.factor) for r in null_rows if r.status != "not_analysed"}
    # Nominal: about 1.5% per factor, so 0 or 1 of 24 diaries; the old exposures gave 24 of 24.
    assert max(patterns.values(), default=0) <= 1, patterns
    assert sum(patterns.values()) <= 0.015 * NULL_DIARIES * len(cells), patterns


def test_null_ranges_hold_no_difference_about_95_times_in_100(null_rows):
    shown = [r for r in null_rows if r.odds_ratio is not None and r.ci_low is not None and r.ci_high is not None]
    held = sum(r.ci_low <= 1 <= r.ci_high for r in shown)
    assert len(shown) > 500 and 0.93 <= held / len(shown) <= 0.99


@pytest.mark.parametrize("context", ["night", None])
def test_a_planted_effect_is_still_found(context):
    found = 0
    for seed in range(8):
        rows = analysed(Plan(days=3 * 365, seed=500 + seed, planted=PLANTED[context], odds_ratio=4.0), (context,))
        hit = next(r for r in rows if r.factor == PLANTED[context])
        found += hit.status == "consistent_pattern" and (hit.odds_ratio or 0) > 1
    assert found >= 6


Z = ZoneInfo("Europe/London")
START = dt.date(2025, 1, 6)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=Z)


def test_a_steady_drinker_with_morning_cramps_has_no_low_fluid_days():
    # 1,800 ml every day, a cramp at 10:30 on every fifth day: the old window (drinks before the
    # cramp) read every cramp day as low-fluid, "about 630 times the odds".
    entries: list = []
    for i in range(180):
        day = START + dt.timedelta(days=i)
        entries += [Drink(at=_at(day, h), tz="Europe/London", amount_ml=600) for h in (8, 13, 19)]
        if i % 5 == 0:
            entries.append(Cramp(at=_at(day, 10, 30), tz="Europe/London", muscle="calf", severity=5, context="rest"))
        else:
            entries.append(CheckIn(day=day, tz="Europe/London", no_cramps=True))
    result = analyse(entries, Settings(beverage_ml=1800), START + dt.timedelta(days=179))
    fluid = next(f for f in result.findings if f.factor == "low_fluid")
    assert fluid.counts["exposed_days"] == 0 and fluid.never_varies and fluid.odds_ratio is None


def test_cramps_during_bedtime_stretches_are_never_held_against_the_stretch():
    # Every cramp comes during a bedtime stretch: the old rule dropped the session and said cramps
    # came more often on nights without one.
    entries: list = []
    for i in range(240):
        day = START + dt.timedelta(days=i)
        stretched = i % 2 == 0
        if stretched:
            entries.append(
                Stretch(at=_at(day, 22), tz="Europe/London", minutes=5, muscles=("calf",), cramped=i % 6 == 0)
            )
        if stretched and i % 6 == 0:
            entries.append(
                Cramp(at=_at(day, 22, 2), tz="Europe/London", muscle="foot_arch", severity=4, context="stretching")
            )
        else:
            entries.append(CheckIn(day=day, tz="Europe/London", no_cramps=True))
    result = analyse(entries, Settings(), START + dt.timedelta(days=239))
    bedtime = next(f for f in result.findings if f.factor == "no_bedtime_stretch")
    assert bedtime.counts["exposed_cramp_days"] == bedtime.counts["unexposed_cramp_days"] == 0
    assert "more often on nights without" not in bedtime.sentence
    assert bedtime.sentence.startswith("Cramps other than while stretching on ")
    stretching = analyse(entries, Settings(), START + dt.timedelta(days=239), context="stretching")
    assert next(f for f in stretching.findings if f.factor == "no_bedtime_stretch").status == "not_analysed"
