"""A fixed subset of bench/experiment: the randomisation test holds its level, and the power the
plan quotes (`domain.experiment_power`) is what a fresh simulation finds."""

from __future__ import annotations

import pytest

from cramplog.domain.experiment_power import POWER
from tests.support.experiments import simulate


def test_with_no_effect_the_test_says_there_is_one_at_most_about_5_times_in_100():
    rejected = sum(simulate(6, 8, 1.0, 0.9, 0.9, seed, deals=1000)[0] for seed in range(400))
    assert rejected / 400 <= 0.075  # 5% plus about two Monte Carlo errors of 400 runs


@pytest.mark.parametrize("weeks, rate", [(12, 20), (26, 12)])
def test_the_power_the_plan_quotes_is_what_a_fresh_simulation_finds(weeks, rate):
    found = sum(simulate(weeks, rate, 0.5, 0.9, 0.9, 10_000 + seed, deals=1000)[1] for seed in range(160))
    assert abs(found / 160 - POWER[(weeks, rate)]) <= 0.12
