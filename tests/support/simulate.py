"""Provides seeded simulated journals with planted effects, run through the real pipeline.

The validation scenario of science.md §4.5: 365 logged days, ten binary factors each present on
30% of days independently, baseline cramp probability 10% a day, one factor real. Five of the
ten factors are produced by real domain entries (drinks, foods, runs, bedtime stretches) and
computed by `daily_frame`; five are plain columns. Cramps and check-ins are domain entries too,
so day boundary, completeness and strata go through the app's own code, and the statistics are
the app's `analyse_frame`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

import numpy as np

from cramplog.analysis.factors import BY_ID, Factor
from cramplog.analysis.frame import daily_frame
from cramplog.analysis.insights import Insights, analyse_frame
from cramplog.domain.entries import CheckIn, Cramp, Drink, Entry, Food, Run, Stretch
from cramplog.domain.settings import Settings

TZ = "Europe/London"
ENTRY_FACTORS = ("low_fluid", "low_magnesium", "low_potassium", "ran_today", "no_bedtime_stretch")
PLAIN_FACTORS = tuple(f"sim_factor_{i}" for i in range(6, 11))
SCENARIO_FACTORS = ENTRY_FACTORS + PLAIN_FACTORS
REAL_FACTOR = "low_fluid"


@dataclass(frozen=True, slots=True)
class Scenario:
    days: int = 365
    prevalence: float = 0.30
    baseline: float = 0.10
    odds_ratio: float = 3.0
    real: str = REAL_FACTOR
    start: dt.date = dt.date(2025, 1, 1)


def _factor(fid: str) -> Factor:
    if fid in BY_ID:
        return BY_ID[fid]
    base = BY_ID["low_fluid"]
    return replace(base, id=fid, title=fid.replace("_", " "), label=f"{fid} days", caveat="Simulated.")


def journal(rng: np.random.Generator, sc: Scenario, settings: Settings) -> tuple[list[Entry], dict[str, np.ndarray]]:
    """Domain entries for one simulated journal, and the plain factor columns."""
    z = ZoneInfo(TZ)
    exposed = {fid: rng.random(sc.days) < sc.prevalence for fid in SCENARIO_FACTORS}
    odds0 = sc.baseline / (1 - sc.baseline)
    odds = np.where(exposed[sc.real], odds0 * sc.odds_ratio, odds0)
    cramp = rng.random(sc.days) < odds / (1 + odds)
    low_ml = int(settings.beverage_ml * settings.low_fluid_fraction * 0.6)
    ok_ml = int(settings.beverage_ml * 1.1)
    entries: list[Entry] = []
    for i in range(sc.days):
        day = sc.start + dt.timedelta(days=i)

        def at(hour: int, minute: int = 0, day: dt.date = day) -> dt.datetime:
            return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=z)

        ml = low_ml if exposed["low_fluid"][i] else ok_ml
        entries += [Drink(at=at(9), tz=TZ, amount_ml=ml // 2), Drink(at=at(15), tz=TZ, amount_ml=ml - ml // 2)]
        mg = settings.magnesium_mg * (0.4 if exposed["low_magnesium"][i] else 1.0)
        k = settings.potassium_mg * (0.4 if exposed["low_potassium"][i] else 1.0)
        entries.append(Food(at=at(13), tz=TZ, food="mixed", magnesium_mg=mg, potassium_mg=k))
        if exposed["ran_today"][i]:
            entries.append(Run(at=at(7), tz=TZ, distance_km=8.0, duration_s=2880, effort=5))
        if not exposed["no_bedtime_stretch"][i]:
            entries.append(Stretch(at=at(21), tz=TZ, minutes=5, muscles=("calf", "hamstring")))
        if cramp[i]:
            night = rng.random() < 0.5  # half at 03:10 next morning: the day boundary must place them
            when = at(3, 10, day + dt.timedelta(days=1)) if night else at(17)
            entries.append(
                Cramp(
                    at=when,
                    tz=TZ,
                    muscle="calf",
                    severity=int(rng.integers(2, 8)),
                    context="night" if night else "rest",
                )
            )
        else:
            entries.append(CheckIn(day=day, tz=TZ, no_cramps=True))
    return entries, {fid: exposed[fid].astype(float) for fid in PLAIN_FACTORS}


def run_one(seed: int, sc: Scenario, settings: Settings | None = None) -> Insights:
    """Simulate one journal and analyse it with the app's pipeline over the ten factors."""
    settings = settings or Settings()
    rng = np.random.default_rng(seed)
    entries, plain = journal(rng, sc, settings)
    today = sc.start + dt.timedelta(days=sc.days - 1)
    frame = daily_frame(entries, settings, today)
    for fid, values in plain.items():
        frame[fid] = values
    return analyse_frame(frame, settings, factors=[_factor(f) for f in SCENARIO_FACTORS])


@dataclass(frozen=True, slots=True)
class Rates:
    """Share of journals (or of null factors) reaching 'consistent pattern'."""

    real: float
    """The planted factor, found in the right direction."""
    null_up: float
    """Each null factor called a pattern upwards (one-sided false rate)."""
    null_any: float
    """Each null factor called a pattern in either direction (two-sided false rate)."""
    any_null: float
    """Journals with at least one null factor called a pattern (either direction)."""
    journals: int


def rates(seeds: range, sc: Scenario, settings: Settings | None = None) -> Rates:
    """How often the pipeline calls the real and the null factors a consistent pattern."""
    real = up = both = any_null = 0
    n_null = len(SCENARIO_FACTORS) - 1
    for seed in seeds:
        result = run_one(seed, sc, settings)
        found = {f.factor: f for f in result.findings}
        hit = found[sc.real]
        real += hit.status == "consistent_pattern" and (hit.odds_ratio or 0) > 1
        nulls = [found[f] for f in SCENARIO_FACTORS if f != sc.real and found[f].status == "consistent_pattern"]
        both += len(nulls)
        up += sum((f.odds_ratio or 0) > 1 for f in nulls)
        any_null += bool(nulls)
    n = len(seeds)
    return Rates(real / n, up / (n * n_null), both / (n * n_null), any_null / n, n)
