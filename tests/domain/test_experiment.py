"""The plan of an experiment: one behaviour from a fixed list, nights dealt in balanced blocks."""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.domain.experiment import BLOCK, Plan, arms_of, current, nights_for, tonight
from cramplog.errors import InvalidInput

START = dt.date(2026, 12, 7)


def plan(**kw) -> Plan:
    values = dict(behaviour="bedtime_stretch", minutes=3, outcome="cramp_nights", nights=44, start=START, seed=7)
    values.update(kw)
    return Plan(**values)


def test_every_block_holds_both_arms_equally_and_the_seed_fixes_the_order():
    for seed in range(50):
        arms = arms_of(seed, 44)
        assert len(arms) == 44
        for i in range(0, 44, BLOCK):
            assert sum(arms[i : i + BLOCK]) == BLOCK // 2
        assert arms == arms_of(seed, 44)
    orders = {tuple(arms_of(seed, 44)) for seed in range(50)}
    assert len(orders) == 50  # the seed decides; nobody picks the nights
    # over many seeds each night is dealt "with" about half the time: no position is favoured
    share = [sum(arms_of(seed, 44)[n] for seed in range(2000)) / 2000 for n in range(44)]
    assert all(0.45 < s < 0.55 for s in share)


def test_lengths_are_whole_blocks_and_behaviours_come_from_the_fixed_list():
    assert (nights_for(2), nights_for(6), nights_for(26)) == (16, 44, 184)
    for weeks in (1, 27):
        with pytest.raises(InvalidInput, match="2 to 26 weeks"):
            nights_for(weeks)
    for bad in ("quinine", "magnesium", "drink_more"):
        with pytest.raises(InvalidInput, match="behaviour must be one of bedtime_stretch"):
            plan(behaviour=bad)
    with pytest.raises(InvalidInput):
        plan(nights=43)
    with pytest.raises(InvalidInput):
        plan(minutes=0)


def test_tonight_follows_the_deal_and_says_nothing_outside_the_plan():
    p = plan()
    words = [tonight(p, START + dt.timedelta(days=i)) for i in range(44)]
    assert words == ["stretch" if arm else "no stretch" for arm in p.arms()]
    assert tonight(p, START - dt.timedelta(days=1)) == "" and tonight(p, p.end + dt.timedelta(days=1)) == ""
    stopped = plan(stopped=START + dt.timedelta(days=3), stop_reason="ill")
    later = START + dt.timedelta(days=5)
    assert tonight(stopped, later) == "" and stopped.state(later) == "stopped"
    assert tonight(None, START) == ""


def test_the_current_experiment_is_the_live_one_else_the_latest():
    old = plan(id=1, start=START - dt.timedelta(days=100))
    live = plan(id=2)
    assert current([old, live], START + dt.timedelta(days=2)) == live
    assert current([old], START) == old and current([], START) is None
