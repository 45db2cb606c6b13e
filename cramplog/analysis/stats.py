"""Provides the statistics: time-stratified case-crossover per factor, BH, before/after rates.

Method (docs/analysis.md §3): logged days only; calendar-month strata; conditional logistic regression
per factor (the closed-form fit below, checked against statsmodels `ConditionalLogit` in the
tests), with a recent-cramp sensitivity estimate; when the fit cannot be used (a zero cell, one
month only, a runaway estimate) the *stratified* exact conditional test and range, from the
per-month hypergeometric distributions convolved (never pooled across months), with a
median-unbiased estimate at the boundary; a Mantel-Haenszel cross-check; a first-half/second-half
direction check. Before/after rates use the exact conditional (binomial) test.

Only NumPy and `math` on the default path (`ENGINE = "numpy"`): SciPy and statsmodels cost
about 0.5 s to import. `ENGINE = "scipy"` is the previous engine (statsmodels Mantel-Haenszel
and rates, SciPy tails and BH), kept for `bench/analysis` to time side by side and for the tests
to cross-check; `"statsmodels"` also fits the conditional logit with `ConditionalLogit`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

Z95 = 1.959963984540054
MAX_LOG_OR = 8.0
"""|log OR| or SE beyond this means separation: switch to the exact method."""
ENGINE = "numpy"
"""Numeric kernels: "numpy" (default), "scipy" (the previous engine) or "statsmodels" (reference fit)."""
ENGINES = ("numpy", "scipy", "statsmodels")
_BETA_LIMIT = 30.0


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
    reason: str = ""
    """Why the exact method was used, or why there is no estimate (plain words)."""

    @property
    def cramp_days(self) -> int:
        return self.exposed_cramp_days + self.unexposed_cramp_days

    @property
    def days(self) -> int:
        return self.exposed_days + self.unexposed_days


def _engine(engine: str | None) -> str:
    chosen = engine or ENGINE
    if chosen == "closed_form":  # the previous name of the default
        return "scipy"
    if chosen not in ENGINES:
        raise ValueError(f"unknown statistics engine {chosen!r}")
    return chosen


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


def normal_two_sided(z: float) -> float:
    """Two-sided normal tail probability, P(|Z| >= |z|)."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def case_crossover(
    days: pd.DataFrame,
    exposure: str,
    outcome: str = "cramp_day",
    recent: str | None = "recent_cramp",
    engine: str | None = None,
) -> Estimate:
    """Estimate the odds ratio of `outcome` on `exposure` days within calendar-month strata.

    Args:
        days: logged days with `stratum`, the 0/1 `outcome` and the 0/1/NaN `exposure` columns.
        recent: 0/1 column marking a cramp in the previous 2 days; the sensitivity estimate
            drops such non-cramp days from the referents (cramps cluster in time).
        engine: one of `ENGINES` (default `ENGINE`).
    """
    engine = _engine(engine)
    d = days[days[exposure].notna() & days[outcome].notna()]
    y = d[outcome].to_numpy(float)
    x = d[exposure].to_numpy(float)
    groups = pd.factorize(d["stratum"], sort=True)[0]  # integer codes: np.unique on text is slow
    est = Estimate(
        exposed_days=int(x.sum()),
        exposed_cramp_days=int((x * y).sum()),
        unexposed_days=int((1 - x).sum()),
        unexposed_cramp_days=int(((1 - x) * y).sum()),
    )
    if est.exposed_days == 0 or est.unexposed_days == 0 or est.cramp_days == 0 or est.cramp_days == len(d):
        est.reason = "there is nothing to compare yet"
        return est
    half = len(d) // 2
    est.halves = (
        _mh_direction(_stratum_tables(y[:half], x[:half], groups[:half])),
        _mh_direction(_stratum_tables(y[half:], x[half:], groups[half:])),
    )
    tables, keep = _informative(y, x, groups)
    est.strata = tables.shape[2]
    if est.strata == 0:
        est.reason = "no calendar month has both cramp days and other days"
        return est
    pooled = tables.sum(axis=2)
    _mantel_haenszel(est, tables, engine)
    if est.strata >= 2 and (pooled > 0).all():
        if _conditional_logit(est, y[keep], x[keep], groups[keep], engine):
            if recent is not None and recent in d:
                est.sensitivity_odds_ratio = _without_recent(y, x, groups, d[recent].to_numpy(float))
            return est
        est.reason = "cramp days fell almost only on one side of this factor, so the usual fit runs away"
    elif est.strata < 2:
        est.reason = "only one calendar month can be compared"
    else:
        est.reason = "one of the groups had no cramp days (or no other days)"
    exact_stratified(est, tables)
    return est


def _informative(y: np.ndarray, x: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Tables of strata with at least one cramp day and one other day, and their rows."""
    tables = _stratum_tables(y, x, groups)
    cases, totals = tables[0].sum(axis=0), tables.sum(axis=(0, 1))
    informative = (cases > 0) & (cases < totals)
    return tables[:, :, informative], np.isin(groups, np.unique(groups)[informative])


def _without_recent(y: np.ndarray, x: np.ndarray, groups: np.ndarray, recent: np.ndarray) -> float | None:
    """Odds ratio with referent days that follow a cramp day left out (docs/analysis.md §3, cross-checks)."""
    rows = ~((recent == 1) & (y == 0))
    tables, keep = _informative(y[rows], x[rows], groups[rows])
    if tables.shape[2] < 2 or not (tables.sum(axis=2) > 0).all():
        return None
    fitted = clogit_binary(y[rows][keep], x[rows][keep], groups[rows][keep])
    return math.exp(fitted[0]) if fitted and abs(fitted[0]) <= MAX_LOG_OR else None


def _mantel_haenszel(est: Estimate, tables: np.ndarray, engine: str = "numpy") -> None:
    """Mantel-Haenszel pooled odds ratio with the Robins-Breslow-Greenland range; None if undefined."""
    if engine != "numpy":
        from statsmodels.stats.contingency_tables import StratifiedTable

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            st = StratifiedTable(tables)
            ratio = float(st.oddsratio_pooled)
            if math.isfinite(ratio) and ratio > 0:
                low, high = st.oddsratio_pooled_confint()
                est.mh_odds_ratio, est.mh_ci = ratio, (float(low), float(high))
        return
    a, b, c, d = tables[0, 0], tables[0, 1], tables[1, 0], tables[1, 1]
    n = a + b + c + d
    n = np.where(n == 0, 1.0, n)
    r, s = a * d / n, b * c / n
    big_r, big_s = float(r.sum()), float(s.sum())
    if big_r <= 0 or big_s <= 0:
        return
    p, q = (a + d) / n, (b + c) / n
    var = (
        float((p * r).sum()) / (2 * big_r**2)
        + float((p * s + q * r).sum()) / (2 * big_r * big_s)
        + float((q * s).sum()) / (2 * big_s**2)
    )
    log_or = math.log(big_r / big_s)
    se = math.sqrt(max(var, 0.0))
    est.mh_odds_ratio = big_r / big_s
    est.mh_ci = (math.exp(log_or - Z95 * se), math.exp(log_or + Z95 * se))


def _conditional_logit(est: Estimate, y: np.ndarray, x: np.ndarray, groups: np.ndarray, engine: str = "numpy") -> bool:
    """Fit the conditional logistic model; False when it fails or runs away (silent separation)."""
    if engine == "statsmodels":
        fitted = _statsmodels_clogit(y, x, groups, est.mh_odds_ratio)
    else:
        fitted = clogit_binary(y, x, groups, est.mh_odds_ratio)
    if fitted is None:
        return False
    beta, se = fitted
    if not (math.isfinite(beta) and math.isfinite(se)) or abs(beta) > MAX_LOG_OR or se > MAX_LOG_OR:
        return False
    est.odds_ratio = math.exp(beta)
    est.ci_low, est.ci_high = math.exp(beta - Z95 * se), math.exp(beta + Z95 * se)
    if engine == "numpy":
        est.p = normal_two_sided(beta / se)
    else:
        from scipy.stats import norm

        est.p = float(2 * norm.sf(abs(beta / se)))
    est.method = "conditional_logit"
    return True


def _statsmodels_clogit(
    y: np.ndarray, x: np.ndarray, groups: np.ndarray, start_or: float | None
) -> tuple[float, float] | None:
    """The reference fit: statsmodels `ConditionalLogit` by Newton's method from 0 (slow: Python
    recursion per stratum). Not from `start_or`: its default BFGS stops at once when started at
    the Mantel-Haenszel value, which is close but not the maximum (1.5234 for 1.5248)."""
    from statsmodels.discrete.conditional_models import ConditionalLogit

    del start_or
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = ConditionalLogit(y, x[:, None], groups=groups).fit(
                method="newton", disp=0, start_params=np.zeros(1), maxiter=100, tol=1e-12
            )
    except (np.linalg.LinAlgError, ValueError):
        return None
    return float(fit.params[0]), float(fit.bse[0])


_LOG_FACTORIAL = np.zeros(1)


def _log_factorial(top: int) -> np.ndarray:
    """log(i!) for i = 0..top (cached and grown as needed)."""
    global _LOG_FACTORIAL
    if len(_LOG_FACTORIAL) <= top:
        _LOG_FACTORIAL = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, 2 * top + 2, dtype=float)))])
    return _LOG_FACTORIAL


def _stratum_weights(tables: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per stratum, the log null weights of j exposed cramp days: (j grid, log weights K x J, a).

    Within a stratum of n days, m exposed and k cramp days, the number of exposed cramp days
    follows Fisher's noncentral hypergeometric law; its weights are C(m, j) C(n - m, k - j).
    """
    a = tables[0, 0].astype(int)
    k = tables[0].sum(axis=0).astype(int)
    m = tables[:, 0].sum(axis=0).astype(int)
    n = tables.sum(axis=(0, 1)).astype(int)
    lf = _log_factorial(int(n.max()) if len(n) else 0)
    j = np.arange(int(k.max()) + 1 if len(k) else 1)[None, :]
    kk, mm, nn = k[:, None], m[:, None], n[:, None]
    valid = (j <= mm) & (j <= kk) & (kk - j <= nn - mm)

    def lchoose(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
        safe = np.clip(bottom, 0, top)
        chosen: np.ndarray = lf[top] - lf[safe] - lf[top - safe]
        return chosen

    logw = np.where(valid, lchoose(mm, j) + lchoose(nn - mm, np.clip(kk - j, 0, None)), -np.inf)
    return j, logw, a


def clogit_binary(
    y: np.ndarray, x: np.ndarray, groups: np.ndarray, start_or: float | None = None
) -> tuple[float, float] | None:
    """Conditional logistic regression for one binary exposure: (beta, SE), by Newton-Raphson.

    The same likelihood as statsmodels `ConditionalLogit` (tests check they agree), computed in
    closed form over the per-stratum weights (`_stratum_weights`), vectorised over strata where
    statsmodels recurses in Python per stratum and per step (about 100 times slower).
    """
    j, logw, a = _stratum_weights(_stratum_tables(y, x, groups))
    beta = math.log(start_or) if start_or and start_or > 0 and math.isfinite(start_or) else 0.0
    beta = max(-MAX_LOG_OR, min(MAX_LOG_OR, beta))
    with np.errstate(all="ignore"):
        for _ in range(50):
            lw = logw + j * beta
            top = lw.max(axis=1, keepdims=True)
            p = np.exp(lw - top)
            p /= p.sum(axis=1, keepdims=True)
            mean = (p * j).sum(axis=1)
            info = float(((p * j * j).sum(axis=1) - mean * mean).sum())
            if not math.isfinite(info) or info <= 1e-12:
                return None
            step = float((a - mean).sum()) / info
            if not math.isfinite(step):
                return None
            beta += max(-2.0, min(2.0, step))
            if abs(step) < 1e-9:
                break
        else:
            return None
    return beta, 1 / math.sqrt(info)


def _logsumexp(v: np.ndarray) -> float:
    top = float(np.max(v))
    if not math.isfinite(top):
        return top
    return top + math.log(float(np.exp(v - top).sum()))


def _null_distribution(tables: np.ndarray) -> tuple[int, np.ndarray, int]:
    """(smallest total, log P(T = t) under OR 1 for t from it, observed total) over the strata."""
    j, logw, a = _stratum_weights(tables)
    dist = np.array([1.0])
    low = 0
    for row in logw:
        ok = np.isfinite(row)
        first, last = int(np.argmax(ok)), len(ok) - 1 - int(np.argmax(ok[::-1]))
        part = np.exp(row[first : last + 1] - row[first : last + 1].max())
        part /= part.sum()
        dist = np.convolve(dist, part)
        dist /= dist.sum()
        low += first
    with np.errstate(divide="ignore"):
        return low, np.log(dist), int(a.sum())


def _tail_at(logp: np.ndarray, t: np.ndarray, beta: float, upper: bool, at: int) -> float:
    tilted = logp + beta * t
    total = _logsumexp(tilted)
    part = tilted[t >= at] if upper else tilted[t <= at]
    return math.exp(_logsumexp(part) - total) if len(part) else 0.0


def _solve(f: Callable[[float], float], target: float, increasing: bool) -> float:
    """beta in [-LIMIT, LIMIT] with f(beta) = target, by bisection (f monotone)."""
    lo, hi = -_BETA_LIMIT, _BETA_LIMIT
    for _ in range(100):
        mid = (lo + hi) / 2
        if (f(mid) < target) == increasing:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def exact_stratified(est: Estimate, tables: np.ndarray) -> None:
    """Exact conditional OR, range and test over month strata (the per-month laws convolved).

    Interior totals get the conditional maximum-likelihood estimate; at the boundary (all
    exposed-or-not cramp days on one side) a median-unbiased estimate, and the range is open
    on that side. The two-sided p-value sums the null probabilities no larger than the observed.
    """
    low, logp, observed = _null_distribution(tables)
    t = np.arange(low, low + len(logp))
    high = int(t[-1])
    if high == low:
        est.reason = "every month's days fall the same way, so there is nothing to compare"
        return

    def upper(beta: float) -> float:
        return _tail_at(logp, t, beta, True, observed)

    def lower(beta: float) -> float:
        return _tail_at(logp, t, beta, False, observed)

    def mean(beta: float) -> float:
        tilted = logp + beta * t
        w = np.exp(tilted - tilted.max())
        return float((w * t).sum() / w.sum())

    ci_low = -math.inf if observed == low else _solve(upper, 0.025, increasing=True)
    ci_high = math.inf if observed == high else _solve(lower, 0.025, increasing=False)
    if observed == high:
        beta = _solve(upper, 0.5, increasing=True)
    elif observed == low:
        beta = _solve(lower, 0.5, increasing=False)
    else:
        beta = _solve(mean, float(observed), increasing=True)
    null = np.exp(logp)
    p = float(null[null <= null[observed - low] * (1 + 1e-7)].sum())
    est.odds_ratio = math.exp(beta)
    est.ci_low = 0.0 if ci_low == -math.inf else math.exp(ci_low)
    est.ci_high = math.inf if ci_high == math.inf else math.exp(ci_high)
    est.p = min(1.0, p)
    est.method = "exact_conditional"


def bh(pvalues: list[float | None], engine: str | None = None) -> list[float | None]:
    """Benjamini-Hochberg q-values over the whole list; a missing p counts as 1 (pre-specified m)."""
    filled = np.array([1.0 if p is None else p for p in pvalues], dtype=float)
    if not len(filled):
        return []
    if _engine(engine) != "numpy":
        from scipy.stats import false_discovery_control

        q = false_discovery_control(filled, method="bh")
    else:
        m = len(filled)
        order = np.argsort(filled)
        scaled = filled[order] * m / np.arange(1, m + 1)
        q = np.empty(m)
        q[order] = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
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


def _binom_logpmf(n: int, prob: float) -> np.ndarray:
    k = np.arange(n + 1)
    lf = _log_factorial(n)
    with np.errstate(divide="ignore"):
        logs: np.ndarray = lf[n] - lf[k] - lf[n - k] + k * math.log(prob) + (n - k) * math.log1p(-prob)
    return logs


def _binom_tail(x: int, n: int, prob: float, upper: bool) -> float:
    if prob <= 0:
        return 1.0 if (not upper or x == 0) else 0.0
    if prob >= 1:
        return 1.0 if (upper or x == n) else 0.0
    logp = _binom_logpmf(n, prob)
    part = logp[x:] if upper else logp[: x + 1]
    return math.exp(_logsumexp(part))


def _binom_solve(x: int, n: int, target: float, upper: bool) -> float:
    """prob with P(X >= x) = target (upper) or P(X <= x) = target, by bisection."""
    lo, hi = 0.0, 1.0
    for _ in range(80):
        mid = (lo + hi) / 2
        tail = _binom_tail(x, n, mid, upper)
        if (tail < target) == upper:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def rate_ratio(
    days: pd.DataFrame,
    change: pd.Timestamp,
    window_days: int,
    outcome: str = "cramps",
    stop: pd.Timestamp | None = None,
    engine: str | None = None,
) -> RateRatio:
    """Before/after rate ratio around `change`: exact conditional (binomial) test and range.

    Given all cramps of both windows, the number after follows a binomial law with share
    r t1 / (r t1 + t0) (r the rate ratio, t1 and t0 the logged days after and before); the
    range is Clopper-Pearson on that share, and at the boundary (no cramps on one side) the
    estimate is median-unbiased, so it is always finite and inside its range.
    `stop` ends the "after" window early: days after a medicine was stopped are not days on it.
    """
    width = pd.Timedelta(days=window_days)
    end = change + width if stop is None else min(change + width, stop + pd.Timedelta(days=1))
    before = days[(days.index >= change - width) & (days.index < change)]
    after = days[(days.index >= change) & (days.index < end)]
    rr = RateRatio(int(before[outcome].sum()), len(before), int(after[outcome].sum()), len(after))
    t1, t0, x = rr.after_days, rr.before_days, rr.after_cramps
    n = rr.after_cramps + rr.before_cramps
    if not (t1 and t0 and n):
        return rr

    def ratio(share: float) -> float:
        return share * t0 / ((1 - share) * t1) if share < 1 else math.inf

    share0 = t1 / (t1 + t0)
    if _engine(engine) != "numpy":
        from statsmodels.stats.rates import test_poisson_2indep

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rr.p = float(test_poisson_2indep(x, t1, rr.before_cramps, t0, method="exact-cond").pvalue)
    else:
        logp = _binom_logpmf(n, share0)
        rr.p = min(1.0, float(np.exp(logp[logp <= logp[x] + 1e-7]).sum()))
    low = 0.0 if x == 0 else _binom_solve(x, n, 0.025, upper=True)
    high = 1.0 if x == n else _binom_solve(x, n, 0.025, upper=False)
    if x == n:
        share = 0.5 ** (1 / n)
    elif x == 0:
        share = 1 - 0.5 ** (1 / n)
    else:
        share = x / n
    rr.ratio = ratio(share)
    rr.ci_low, rr.ci_high = ratio(low), ratio(high)
    return rr
