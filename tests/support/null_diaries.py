"""Provides diaries with realistic timing, written from docs/analysis.md, not from cramplog.analysis.

Nothing here imports `cramplog.analysis`: the diaries are domain entries, as a person would log
them, and a planted effect reads its factor by this module's own reading of the docs' definition.
Cramps come from separate processes, each at a constant rate in a null diary:
- night cramps on random nights, 22:30 to 03:55 (most after midnight): the evening's diary day;
- daytime cramps at random hours, 08:00 to 21:30 (at rest, or "other");
- cramps during a run (a chance per run, at a random moment of it);
- cramps during a stretch (a chance per session, at a random moment of it; the session is
  marked as one a cramp happened in).
Everything else follows the person's routine and never depends on a cramp: drinks through the
day (some days none logged), runs in two or three shoes (one already worn), stretching in the
morning, after runs and at bedtime (in weekly spells of more and less), foods from the built-in
table and in free text without amounts, a few injuries, and a check-in on most cramp-free days,
where soreness is rated (never on a cramp day, as people do: a cramp makes the day logged).

A planted effect multiplies one cramp process's odds on the days a factor is on:
`low_fluid` (night and daytime cramps), `no_bedtime_stretch` (night cramps), `hard_streak`
(cramps during a run, per run) and `low_stretch_week` (cramps during a stretch, per session).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np

from cramplog.domain.entries import CheckIn, Cramp, Drink, Entry, Food, Injury, Run, Shoe, Stretch
from cramplog.domain.foods import FOODS

BOUNDARY = dt.time(4, 0)
"""docs/analysis.md §1: the default day boundary."""
TARGET_ML, LOW_FLUID = 1800, 0.75
"""The default beverage target (sex unspecified) and the low-fluid share."""
HARD, BEDTIME = 7, dt.time(18, 0)
PLANTABLE = {
    "low_fluid": ("night", "rest"),
    "no_bedtime_stretch": ("night",),
    "hard_streak": ("running",),
    "low_stretch_week": ("stretching",),
}
"""Factor -> the cramp contexts whose odds a planted effect multiplies."""
ZONES = ("Europe/London", "America/New_York", "Australia/Sydney", "Europe/Berlin")
TABLE = sorted(FOODS)


@dataclass(frozen=True, slots=True)
class Plan:
    """One diary: its length, the person's units, and an optional planted effect."""

    days: int = 365
    seed: int = 0
    planted: str = ""
    odds_ratio: float = 1.0
    start: dt.date = dt.date(2023, 1, 2)


@dataclass(slots=True)
class Diary:
    entries: list[Entry]
    units: str
    tz: str
    today: dt.date
    truth: dict[str, np.ndarray]
    """The planted factor's exposure per diary day, by this module's reading of the docs."""


def _odds(p: float, ratio: float) -> float:
    o = p / (1 - p) * ratio
    return o / (1 + o)


def diary(plan: Plan) -> Diary:
    rng = np.random.default_rng(plan.seed)
    tz = ZONES[plan.seed % len(ZONES)]
    z = ZoneInfo(tz)
    units = "imperial" if plan.seed % 3 == 0 else "metric"
    person = {
        "mean_ml": rng.uniform(1300, 2200),
        "run": rng.uniform(0.3, 0.6),
        "night": rng.uniform(0.06, 0.15),
        "day": rng.uniform(0.02, 0.06),
        "per_run": rng.uniform(0.05, 0.15),
        "per_stretch": rng.uniform(0.04, 0.1),
        "checkin": rng.uniform(0.86, 0.97),
        "food": rng.uniform(0.4, 0.8),
        # Half the people log only table foods (amounts known), half some free text too; one in
        # four imports an app's daily totals instead (Cronometer: known amounts near the reference).
        "free_text": 0.0 if plan.seed % 2 else rng.uniform(0.1, 0.4),
        "totals": plan.seed % 4 == 3,
        # How much they stretch: morning, after a run, and the weekly spells of bedtime stretching.
        "morning": rng.uniform(0.0, 0.25),
        "after_run": rng.uniform(0.1, 0.6),
        "spell": rng.uniform(0.2, 1.0),
    }
    n = plan.days
    entries: list[Entry] = []

    def at(day: dt.date, minutes: float) -> dt.datetime:
        """Local wall time `minutes` after midnight of `day` (past 24 h: the next day)."""
        base = dt.datetime.combine(day, dt.time(0), tzinfo=z) + dt.timedelta(minutes=float(minutes))
        return base.replace(fold=0)

    shoes = [
        Shoe(name="Worn", first_used=plan.start - dt.timedelta(days=300), start_km=560.0, tz=tz, id=900001),
        Shoe(name="Daily", first_used=plan.start, tz=tz, id=900002),
    ]
    entries += shoes
    shoe_ids = [s.id for s in shoes]
    bedtime_week = rng.uniform(0.0, person["spell"], size=n // 7 + 2)  # spells of more and less
    effort = np.zeros(n)
    stretched = np.zeros(n, dtype=bool)
    bedtime = np.zeros(n, dtype=bool)
    fluid = np.full(n, np.nan)
    runs_by_day: list[list[Run]] = [[] for _ in range(n)]
    sessions_by_day: list[list[Stretch]] = [[] for _ in range(n)]
    for i in range(n):
        day = plan.start + dt.timedelta(days=i)
        if i and i % 365 == 0:
            new = Shoe(name=f"New {i // 365}", first_used=day, tz=tz, id=900002 + i // 365)
            entries.append(new)
            shoe_ids.append(new.id)
        if rng.random() > 0.04:  # drinks; 4% of days none logged
            k = int(rng.integers(3, 8))
            total = max(200.0, rng.normal(person["mean_ml"], 450))
            amounts = [max(30, int(total * share)) for share in rng.dirichlet(np.ones(k))]
            for t, ml in zip(np.sort(rng.uniform(6.5 * 60, 23 * 60, k)), amounts, strict=True):
                entries.append(Drink(at=at(day, t), tz=tz, amount_ml=ml))
            fluid[i] = sum(amounts)
        if rng.random() < person["run"]:
            start = rng.uniform(6 * 60, 19.5 * 60)
            km = float(np.round(rng.uniform(4, 16), 2))
            e = int(rng.integers(7, 10)) if rng.random() < 0.3 else int(rng.integers(3, 7))
            run = Run(
                at=at(day, start),
                tz=tz,
                distance_km=km,
                duration_s=int(km * rng.normal(340, 25)),
                effort=e,
                shoe_id=int(rng.choice(shoe_ids[-2:])),
            )
            runs_by_day[i].append(run)
            effort[i] = e
        if rng.random() < person["morning"]:
            sessions_by_day[i].append(
                Stretch(
                    at=at(day, rng.uniform(7 * 60, 9 * 60)), tz=tz, minutes=int(rng.integers(3, 10)), muscles=("calf",)
                )
            )
        for run in runs_by_day[i]:
            if rng.random() < person["after_run"]:
                after = run.at + dt.timedelta(seconds=(run.duration_s or 0) + 300)
                sessions_by_day[i].append(Stretch(at=after, tz=tz, minutes=5, muscles=("calf", "hamstring")))
        if rng.random() < bedtime_week[i // 7]:
            sessions_by_day[i].append(
                Stretch(
                    at=at(day, rng.uniform(21 * 60, 23.75 * 60)),
                    tz=tz,
                    minutes=int(rng.integers(2, 8)),
                    muscles=("calf", "hamstring"),
                )
            )
        stretched[i] = bool(sessions_by_day[i])
        # docs: a calf or hamstring stretch from 18:00 (a late run's stretch counts too)
        bedtime[i] = any(
            s.at.astimezone(z).time() >= BEDTIME and {"calf", "hamstring"} & set(s.muscles) for s in sessions_by_day[i]
        )
        if person["totals"] and rng.random() < 0.9:
            entries.append(
                Food(
                    at=at(day, 12 * 60),
                    tz=tz,
                    text="daily total from Cronometer",
                    magnesium_mg=float(np.round(max(0.0, rng.normal(330, 90)), 1)),
                    potassium_mg=float(np.round(max(0.0, rng.normal(2700, 700)), 1)),
                )
            )
        elif rng.random() < person["food"]:
            for _ in range(int(rng.integers(1, 5))):
                when = at(day, rng.uniform(8 * 60, 21 * 60))
                if rng.random() < person["free_text"]:
                    entries.append(Food(at=when, tz=tz, text="home cooking"))  # no amounts: unknown
                else:
                    key = TABLE[int(rng.integers(len(TABLE)))]
                    item = FOODS[key]
                    entries.append(
                        Food(
                            at=when,
                            tz=tz,
                            food=key,
                            servings=1.0,
                            magnesium_mg=item.magnesium_mg,
                            potassium_mg=item.potassium_mg,
                        )
                    )
        if rng.random() < 2 / 365:
            entries.append(
                Injury(
                    day=day,
                    tz=tz,
                    site=str(rng.choice(["calf", "ankle", "foot", "hip"])),
                    severity=int(rng.integers(2, 7)),
                    resolved=day + dt.timedelta(days=int(rng.integers(5, 21))),
                )
            )
    truth = _exposures(plan, fluid, effort, stretched, bedtime)
    ratio = {
        c: truth[plan.planted] * (plan.odds_ratio - 1) + 1 if plan.planted else np.ones(n)
        for c in ("night", "rest", "running", "stretching")
    }
    for c in list(ratio):
        if plan.planted and c not in PLANTABLE[plan.planted]:
            ratio[c] = np.ones(n)
    for i in range(n):
        day = plan.start + dt.timedelta(days=i)
        cramped = False
        for run in runs_by_day[i]:
            if rng.random() < _odds(person["per_run"], ratio["running"][i]):
                moment = run.at + dt.timedelta(seconds=float(rng.uniform(0.2, 1)) * (run.duration_s or 1800))
                entries.append(
                    Cramp(at=moment, tz=tz, muscle="calf", severity=int(rng.integers(3, 9)), context="running")
                )
                cramped = True
        for s in sessions_by_day[i]:
            hit = bool(rng.random() < _odds(person["per_stretch"], ratio["stretching"][i]))
            if hit:
                moment = s.at + dt.timedelta(minutes=float(rng.uniform(0, s.minutes)))
                entries.append(
                    Cramp(
                        at=moment,
                        tz=tz,
                        muscle=str(rng.choice(["calf", "foot_arch"])),
                        severity=int(rng.integers(2, 8)),
                        context="stretching",
                    )
                )
                cramped = True
            entries.append(s.replace(cramped=hit) if hit else s)
        entries += runs_by_day[i]
        if rng.random() < _odds(person["night"], ratio["night"][i]):
            entries.append(
                Cramp(
                    at=at(day, rng.uniform(22.5 * 60, 27.9 * 60)),
                    tz=tz,
                    muscle="calf",
                    severity=int(rng.integers(3, 10)),
                    context="night",
                )
            )
            cramped = True
        if rng.random() < _odds(person["day"], ratio["rest"][i]):
            entries.append(
                Cramp(
                    at=at(day, rng.uniform(8 * 60, 21.5 * 60)),
                    tz=tz,
                    muscle="toes",
                    severity=int(rng.integers(2, 7)),
                    context=str(rng.choice(["rest", "other"])),
                )
            )
            cramped = True
        if not cramped and rng.random() < person["checkin"]:
            sore = int(rng.integers(0, 10)) if rng.random() < 0.6 else None
            entries.append(
                CheckIn(day=day, tz=tz, no_cramps=True, soreness=sore, sleep_hours=float(np.round(rng.normal(7, 1), 1)))
            )
    return Diary(entries, units, tz, plan.start + dt.timedelta(days=n - 1), truth)


def _exposures(
    plan: Plan, fluid: np.ndarray, effort: np.ndarray, stretched: np.ndarray, bedtime: np.ndarray
) -> dict[str, np.ndarray]:
    """The plantable factors per diary day, as docs/analysis.md §2 defines them (this module's
    own reading: every drink, run and stretch here falls inside its calendar day's diary day)."""
    n = plan.days
    low_fluid = np.where(np.isnan(fluid), 0.0, (fluid < LOW_FLUID * TARGET_ML).astype(float))
    hard = effort >= HARD
    streak = np.zeros(n)
    streak[1:] = (hard[1:] & hard[:-1]).astype(float)
    week = np.array([stretched[max(0, i - 7) : i].sum() if i >= 7 else 7 for i in range(n)])
    return {
        "low_fluid": low_fluid,
        "no_bedtime_stretch": (~bedtime).astype(float),
        "hard_streak": streak,
        "low_stretch_week": (week < 2).astype(float),
    }
