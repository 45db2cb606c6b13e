"""Provides the statistics: time-stratified case-crossover per factor, BH, before/after rates.

Method (science.md §4): logged days only; calendar-month strata; conditional logistic regression
per factor (the closed-form fit below, checked against statsmodels `ConditionalLogit`), with a
recent-cramp sensitivity estimate; the exact conditional odds ratio and Fisher test (scipy) when a
pooled cell is zero, strata are few, or the fit runs away (ConditionalLogit does so silently);
a Mantel-Haenszel cross-check; a first-half/second-half direction check.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

Z95 = 1.959963984540054
MAX_LOG_OR = 8.0
"""|log OR| or SE beyond this means separation: switch to the exact method."""
ENGINE = "closed_form"
"""How the conditional logit is fitted: "closed_form" (fast, exact) or "statsmodels" (reference)."""


@dataclass(slots=True)
class Estimate:
    """One factor's case-crossover result on the analysable days."""

    exposed_days: int
    exposed_cramp_days: int
    unexposed_days: int
    unexposed_cramp_days: int
    odds_ratio: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p: float | None = None
    method: str = "none"
    mh_odds_ratio: float | None = None
    mh_ci: tuple[float, float] | None = None
    sensitivity_odds_ratio: float | None = None
    """The estimate without referent days in the 2 days after a cramp day (clustering check)."""
    halves: tuple[int, int] | None = None
    """Direction (+1 higher, -1 lower, 0 none) of the Mantel-Haenszel OR in each half."""
    strata: int = 0

    @property
    def cramp_days(self) -> int:
        return self.exposed_cramp_days + self.unexposed_cramp_days

    @property
    def days(self) -> int:
        return self.exposed_days + self.unexposed_days


def _stratum_tables(y: np.ndarray, x: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """2x2xK tables [[a, b], [c, d]] per stratum: a exposed cramp days ... d unexposed others."""
    codes, inverse = np.unique(groups, return_inverse=True)
    k = len(codes)
    a = np.bincount(inverse, weights=y * x, minlength=k)
    b = np.bincount(inverse, weights=y * (1 - x), minlength=k)
    c = np.bincount(inverse, weights=(1 - y) * x, minlength=k)
    d = np.bincount(inverse, weights=(1 - y) * (1 - x), minlength=k)
    return np.array([[a, b], [c, d]])


def _mh_direction(tables: np.ndarray) -> int:
    a, b, c, d = tables[0, 0], tables[0, 1], tables[1, 0], tables[1, 1]
    n = a + b + c + d
    n = np.where(n == 0, 1, n)
    num, den = float(np.sum(a * d / n)), float(np.sum(b * c / n))
    return (num > den) - (num < den)


def case_crossover(days: pd.DataFrame, exposure: str, outcome: str = "cramp_day",
                   recent: str | None = "recent_cramp", engine: str | None = None) -> Estimate:
    """Estimate the odds ratio of `outcome` on `exposure` days within calendar-month strata.

    Args:
        days: logged days with `stratum`, the 0/1 `outcome` and the 0/1/NaN `exposure` columns.
        recent: 0/1 column marking a cramp in the previous 2 days; the sensitivity estimate
            drops such non-cramp days from the referents (cramps cluster in time).
        engine: "closed_form" or "statsmodels" (see `ENGINE`).
    """
    d = days[days[exposure].notna() & days[outcome].notna()]
    y = d[outcome].to_numpy(float)
    x = d[exposure].to_numpy(float)
    groups = d["stratum"].to_numpy()
    est = Estimate(exposed_days=int(x.sum()), exposed_cramp_days=int((x * y).sum()),
                   unexposed_days=int((1 - x).sum()), unexposed_cramp_days=int(((1 - x) * y).sum()))
    if est.exposed_days == 0 or est.unexposed_days == 0 or est.cramp_days == 0 or est.cramp_days == len(d):
        return est
    half = len(d) // 2
    est.halves = (_mh_direction(_stratum_tables(y[:half], x[:half], groups[:half])),
                  _mh_direction(_stratum_tables(y[half:], x[half:], groups[half:])))
    tables, keep = _informative(y, x, groups)
    est.strata = tables.shape[2]
    pooled = tables.sum(axis=2)
    if est.strata >= 2 and (pooled > 0).all():
        _mantel_haenszel(est, tables)
        if _conditional_logit(est, y[keep], x[keep], groups[keep], engine):
            if recent is not None and recent in d:
                est.sensitivity_odds_ratio = _without_recent(y, x, groups, d[recent].to_numpy(float))
            return est
    _exact(est, pooled if est.strata else np.array([[est.exposed_cramp_days, est.unexposed_cramp_days],
                                                    [est.exposed_days - est.exposed_cramp_days,
                                                     est.unexposed_days - est.unexposed_cramp_days]]))
    return est


def _informative(y: np.ndarray, x: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Tables of strata with at least one cramp day and one other day, and their rows."""
    tables = _stratum_tables(y, x, groups)
    cases, totals = tables[0].sum(axis=0), tables.sum(axis=(0, 1))
    informative = (cases > 0) & (cases < totals)
    return tables[:, :, informative], np.isin(groups, np.unique(groups)[informative])


def _without_recent(y: np.ndarray, x: np.ndarray, groups: np.ndarray, recent: np.ndarray) -> float | None:
    """Odds ratio with referent days that follow a cramp day left out (science.md §4.3)."""
    rows = ~((recent == 1) & (y == 0))
    tables, keep = _informative(y[rows], x[rows], groups[rows])
    if tables.shape[2] < 2 or not (tables.sum(axis=2) > 0).all():
        return None
    fitted = clogit_binary(y[rows][keep], x[rows][keep], groups[rows][keep])
    return math.exp(fitted[0]) if fitted and abs(fitted[0]) <= MAX_LOG_OR else None


def _mantel_haenszel(est: Estimate, tables: np.ndarray) -> None:
    from statsmodels.stats.contingency_tables import StratifiedTable  # ~0.1 s import

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        st = StratifiedTable(tables)
        low, high = st.oddsratio_pooled_confint()
        est.mh_odds_ratio = float(st.oddsratio_pooled)
        est.mh_ci = (float(low), float(high))


def _conditional_logit(est: Estimate, y: np.ndarray, x: np.ndarray, groups: np.ndarray,
                       engine: str | None = None) -> bool:
    """Fit the conditional logistic model; False when it fails or runs away (silent separation)."""
    if (engine or ENGINE) == "statsmodels":
        fitted = _statsmodels_clogit(y, x, groups, est.mh_odds_ratio)
    else:
        fitted = clogit_binary(y, x, groups, est.mh_odds_ratio)
    if fitted is None:
        return False
    beta, se = fitted
    if not (math.isfinite(beta) and math.isfinite(se)) or abs(beta) > MAX_LOG_OR or se > MAX_LOG_OR:
        return False
    from scipy.stats import norm

    est.odds_ratio = math.exp(beta)
    est.ci_low, est.ci_high = math.exp(beta - Z95 * se), math.exp(beta + Z95 * se)
    est.p = float(2 * norm.sf(abs(beta / se)))
    est.method = "conditional_logit"
    return True


def _statsmodels_clogit(y: np.ndarray, x: np.ndarray, groups: np.ndarray,
                        start_or: float | None) -> tuple[float, float] | None:
    """The reference fit: statsmodels `ConditionalLogit` (slow: Python recursion per stratum)."""
    from statsmodels.discrete.conditional_models import ConditionalLogit  # ~0.2 s import

    start = np.array([math.log(start_or) if start_or and start_or > 0 else 0.0])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = ConditionalLogit(y, x[:, None], groups=groups).fit(disp=0, start_params=start)
    except (np.linalg.LinAlgError, ValueError):
        return None
    return float(fit.params[0]), float(fit.bse[0])


def clogit_binary(y: np.ndarray, x: np.ndarray, groups: np.ndarray,
                  start_or: float | None = None) -> tuple[float, float] | None:
    """Conditional logistic regression for one binary exposure: (beta, SE), by Newton-Raphson.

    The same likelihood as statsmodels `ConditionalLogit` (tests check they agree), computed in
    closed form: within a stratum of n days, m exposed and k cramp days, the number of exposed
    cramp days follows Fisher's noncentral hypergeometric law with odds ratio exp(beta). That
    is vectorised over strata, where statsmodels recurses in Python per stratum and per step
    (about 100 times slower on a 10-year journal).
    """
    from scipy.special import gammaln

    tables = _stratum_tables(y, x, groups)
    a = tables[0, 0]
    k = tables[0].sum(axis=0)
    m = tables[:, 0].sum(axis=0)
    n = tables.sum(axis=(0, 1))
    j = np.arange(int(k.max()) + 1)[None, :]
    kk, mm, nn = k[:, None], m[:, None], n[:, None]
    valid = (j <= mm) & (j <= kk) & (kk - j <= nn - mm)

    def lchoose(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
        safe = np.clip(bottom, 0, top)
        return gammaln(top + 1) - gammaln(safe + 1) - gammaln(top - safe + 1)

    logw = np.where(valid, lchoose(mm, j) + lchoose(nn - mm, kk - j), -np.inf)
    beta = math.log(start_or) if start_or and start_or > 0 else 0.0
    for _ in range(50):
        lw = logw + j * beta
        top = lw.max(axis=1, keepdims=True)
        p = np.exp(lw - top)
        p /= p.sum(axis=1, keepdims=True)
        mean = (p * j).sum(axis=1)
        info = float(((p * j * j).sum(axis=1) - mean * mean).sum())
        if info <= 1e-12:
            return None
        step = float((a - mean).sum()) / info
        beta += max(-2.0, min(2.0, step))
        if abs(step) < 1e-9:
            break
    else:
        return None
    return beta, 1 / math.sqrt(info)


def _exact(est: Estimate, pooled: np.ndarray) -> None:
    """Exact conditional OR with its exact CI, and Fisher's test, on the pooled 2x2 table."""
    from scipy.stats import fisher_exact
    from scipy.stats.contingency import odds_ratio

    table = pooled.astype(int)
    result = odds_ratio(table, kind="conditional")
    ci = result.confidence_interval(0.95)
    est.odds_ratio, est.ci_low, est.ci_high = float(result.statistic), float(ci.low), float(ci.high)
    est.p = float(fisher_exact(table).pvalue)
    est.method = "exact_conditional"


def bh(pvalues: list[float | None]) -> list[float | None]:
    """Benjamini-Hochberg q-values over the whole list; a missing p counts as 1 (pre-specified m)."""
    from scipy.stats import false_discovery_control

    filled = [1.0 if p is None else p for p in pvalues]
    if not filled:
        return []
    q = false_discovery_control(filled, method="bh")
    return [None if p is None else float(v) for p, v in zip(pvalues, q, strict=True)]


@dataclass(slots=True)
class RateRatio:
    """Cramps per logged day after a step change against the same window before it."""

    before_cramps: int
    before_days: int
    after_cramps: int
    after_days: int
    ratio: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p: float | None = None


def rate_ratio(days: pd.DataFrame, change: pd.Timestamp, window_days: int, outcome: str = "cramps",
               stop: pd.Timestamp | None = None) -> RateRatio:
    """Before/after rate ratio around `change` (exact conditional test, statsmodels).

    `stop` ends the "after" window early: days after a medicine was stopped are not days on it.
    """
    width = pd.Timedelta(days=window_days)
    end = change + width if stop is None else min(change + width, stop + pd.Timedelta(days=1))
    before = days[(days.index >= change - width) & (days.index < change)]
    after = days[(days.index >= change) & (days.index < end)]
    rr = RateRatio(int(before[outcome].sum()), len(before), int(after[outcome].sum()), len(after))
    if rr.before_days and rr.after_days and (rr.before_cramps or rr.after_cramps):
        from statsmodels.stats.rates import confint_poisson_2indep, test_poisson_2indep

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            test = test_poisson_2indep(rr.after_cramps, rr.after_days, rr.before_cramps, rr.before_days,
                                       method="exact-cond")
            low, high = confint_poisson_2indep(rr.after_cramps, rr.after_days, rr.before_cramps,
                                               rr.before_days, compare="ratio")
        rr.p = float(test.pvalue)
        rr.ci_low, rr.ci_high = float(low), float(high)
        if rr.before_cramps:
            rr.ratio = (rr.after_cramps / rr.after_days) / (rr.before_cramps / rr.before_days)
        else:
            rr.ratio = math.inf
    return rr
