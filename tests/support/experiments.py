"""Provides simulated planned experiments, read by the app's own randomisation test.

Shared by `bench/experiment` (the full tables, the plan's power table) and
`tests/analysis/test_experiment_calibration.py` (a fixed subset). Each night: followed with
`adherence`; a cramp night with the base rate, halved (`effect`) on a night the stretch was done;
a cramp-free night logged with `logging` (a cramp night always is, by its cramp).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from cramplog.analysis.experiment import LEVEL, Night, randomisation_p
from cramplog.domain.experiment import arms_of, nights_for


def simulate(
    weeks: int, rate: int, effect: float, adherence: float, logging: float, seed: int, deals: int | None = None
) -> tuple[bool, bool]:
    """(rejected at LEVEL, rejected with fewer cramp nights on nights dealt the stretch)."""
    rng = np.random.default_rng([seed, weeks, rate, int(effect * 100)])
    nights = nights_for(weeks)
    plan_seed = int(rng.integers(2**31))
    base = rate / 30
    out = []
    start = dt.date(2026, 1, 1)
    for i, arm in enumerate(arms_of(plan_seed, nights)):
        followed = bool(rng.random() < adherence)
        did = arm if followed else not arm
        cramp = bool(rng.random() < base * (effect if did else 1.0))
        logged = cramp or bool(rng.random() < logging)
        out.append(
            Night(start + dt.timedelta(days=i), i + 1, arm, cramp if logged else None, 3 if did else 0, followed)
        )
    p = randomisation_p(out, plan_seed) if deals is None else randomisation_p(out, plan_seed, deals)
    if p is None:
        return False, False
    with_ = [bool(n.outcome) for n in out if n.arm and n.outcome is not None]
    without = [bool(n.outcome) for n in out if not n.arm and n.outcome is not None]
    fewer = sum(with_) / max(len(with_), 1) < sum(without) / max(len(without), 1)
    return p < LEVEL, p < LEVEL and fewer
