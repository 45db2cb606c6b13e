"""The engine against an independent reference: statsmodels `ConditionalLogit` by Newton's method.

The closed-form conditional logit (`stats.clogit_binary`) must find the same maximum as
statsmodels on the strata the analysis really builds: calendar months with several cramp days,
and the pooled analysis's groups (a month's days compared in up to three groups, a day in more
than one of them). statsmodels is a test-only dependency (the `test` and `crosscheck` extras).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from cramplog.analysis import stats
from cramplog.analysis.comparisons import comparison_rows

pytest.importorskip("statsmodels")


def _journal(rng: np.random.Generator, n: int, effect: float, base: float) -> pd.DataFrame:
    idx = pd.date_range("2024-01-01", periods=n, freq="D", name="day")
    x = (rng.random(n) < rng.uniform(0.2, 0.5)).astype(float)
    odds = np.where(x == 1, effect, 1.0) * base / (1 - base)
    y = (rng.random(n) < odds / (1 + odds)).astype(float)
    return pd.DataFrame({"x": x, "cramp_day": y, "stratum": idx.strftime("%Y-%m"), "recent_cramp": 0.0}, index=idx)


def _reference(days: pd.DataFrame) -> tuple[float, float]:
    from statsmodels.discrete.conditional_models import ConditionalLogit

    d = days[days["x"].notna()]
    groups = pd.factorize(d["stratum"])[0]
    with warnings.catch_warnings():  # statsmodels says it drops months without both kinds of day
        warnings.simplefilter("ignore")
        fit = ConditionalLogit(d["cramp_day"].to_numpy(float), d[["x"]].to_numpy(float), groups=groups).fit(
            method="newton", disp=0, start_params=np.zeros(1), maxiter=100, tol=1e-12
        )
    return float(fit.params[0]), float(fit.bse[0])


@pytest.mark.parametrize("seed", range(24))
def test_the_closed_form_fit_is_statsmodels_newton_maximum(seed):
    rng = np.random.default_rng(1000 + seed)
    days = _journal(
        rng, int(rng.integers(120, 900)), float(rng.choice([0.4, 1.0, 2.0, 3.5])), float(rng.uniform(0.05, 0.3))
    )
    est = stats.case_crossover(days, "x")
    if est.method != "conditional_logit":
        # Only where the fit can't be used: a zero cell, where statsmodels runs away silently.
        assert est.method == "exact_conditional" and "no cramp days" in est.reason
        return
    beta, se = _reference(days)
    assert math.log(est.odds_ratio) == pytest.approx(beta, abs=1e-8)
    assert math.log(est.ci_high / est.odds_ratio) / stats.Z95 == pytest.approx(se, rel=1e-6)
    via_statsmodels = stats.case_crossover(days, "x", engine="statsmodels")
    assert via_statsmodels.odds_ratio == pytest.approx(est.odds_ratio, rel=1e-8)


@pytest.mark.parametrize("seed", range(8))
def test_the_pooled_groups_are_fitted_as_statsmodels_fits_them(seed):
    # A day in several groups (any cramp, cramps while running, while stretching), each group
    # its own strata within the month: the same conditional likelihood as statsmodels's.
    rng = np.random.default_rng(2000 + seed)
    n = 400
    idx = pd.date_range("2024-01-01", periods=n, freq="D", name="day")
    runs = (rng.random(n) < 0.5).astype(float)
    stretches = (rng.random(n) < 0.4).astype(float)
    days = pd.DataFrame(
        {
            "x": (rng.random(n) < 0.3).astype(float),
            "runs": runs,
            "stretches": stretches,
            "stratum": idx.strftime("%Y-%m"),
            "recent_cramp": 0.0,
            "cramps_night": (rng.random(n) < 0.12).astype(float),
            "cramps_running": runs * (rng.random(n) < 0.2),
            "cramps_stretching": stretches * (rng.random(n) < 0.15),
            "cramps_rest": 0.0,
            "cramps_other": 0.0,
            "cramps_other_exercise": 0.0,
        },
        index=idx,
    )
    rows = comparison_rows(days, None)
    assert set(rows["group"]) == {"any", "running", "stretching"} and len(rows) > n
    est = stats.case_crossover(rows, "x")
    assert est.method == "conditional_logit"
    beta, se = _reference(rows)
    assert math.log(est.odds_ratio) == pytest.approx(beta, abs=1e-8)
    assert math.log(est.ci_high / est.odds_ratio) / stats.Z95 == pytest.approx(se, rel=1e-6)
