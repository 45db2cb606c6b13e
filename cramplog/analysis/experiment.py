"""Provides the reading of a planned experiment: each night from the diary, then the comparison
its randomisation allows.

Each night's outcome and adherence are read from what was logged, never asked twice: a cramp
night is a diary day with a night cramp (or any cramp, for the outcome `cramp_days`); a night
with neither a check-in nor a cramp is not logged and left out, never counted as cramp-free. A
night followed its arm when the behaviour was logged in its window (for the bedtime stretch:
calf or hamstring stretching from 18:00, at least the planned minutes, before the night's first
cramp: a stretch to ease a cramp is relief, not the behaviour) on a night dealt "with", and none
of it on a night dealt "without".

The reading comes once the planned nights have passed: counts first, the difference in the
share of cramp nights with its 95% range (Newcombe's hybrid score interval), and a
randomisation test that deals the same nights' arms again within their blocks, as the plan did
(`DEALS` times, from a generator seeded by the plan's seed: the same answer every time). The
test is of the nights as dealt (as assigned); the nights that followed their arm (per protocol)
are shown beside it, without a test of their own: which nights were followed was not dealt.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..domain.entries import CheckIn, Cramp, Entry, Stretch, entry_day
from ..domain.experiment import BLOCK, Plan
from ..domain.record import record
from . import wording

if TYPE_CHECKING:
    from ..storage.repository import JournalRepository

DEALS = 4000
"""Re-deals in the randomisation test (the p-value's Monte Carlo error near 0.05: about 0.003)."""
LEVEL = 0.05
"""Two-sided level of the randomisation test, stated in the plan."""
Z95 = 1.959963984540054


@record
class Night:
    """One planned night, as the diary tells it."""

    day: dt.date
    number: int
    arm: bool
    """Dealt with the behaviour."""
    outcome: bool | None
    """A cramp night (or day); None: not logged (no check-in, no cramp)."""
    minutes: int
    """Minutes of the behaviour logged in its window, before the night's first cramp."""
    followed: bool


@record
class Arms:
    """Cramp nights among the logged nights with and without the behaviour, and the difference."""

    with_cramps: int
    with_nights: int
    without_cramps: int
    without_nights: int
    difference: float | None
    """Share of cramp nights with the behaviour minus without (-0.2: 20 points fewer)."""
    low: float | None
    high: float | None


@record
class Reading:
    plan: Plan
    state: str
    """`planned`, `running` (no reading yet), `complete` or `stopped`."""
    nights: list[Night]
    """The nights so far (to the end, or the stop)."""
    left: int
    as_assigned: Arms | None
    per_protocol: Arms | None
    p: float | None
    """Two-sided randomisation p-value of the as-assigned difference; None before the end."""
    summary: str
    details: list[str]


def nights_of(plan: Plan, entries: Iterable[Entry], boundary: dt.time, today: dt.date) -> list[Night]:
    """The plan's nights up to `today`'s (or its end, or its stop), read from `entries`."""
    about = plan.about
    last = min(plan.last, today)
    cramps: dict[dt.date, list[Cramp]] = {}
    checked: set[dt.date] = set()
    sessions: dict[dt.date, list[Stretch]] = {}
    for e in entries:
        day = entry_day(e, boundary)
        if not plan.start <= day <= last:
            continue
        if isinstance(e, Cramp):
            cramps.setdefault(day, []).append(e)
        elif isinstance(e, CheckIn):
            checked.add(e.day)
        elif isinstance(e, Stretch) and set(e.muscles) & set(about.muscles):
            sessions.setdefault(day, []).append(e)
    since = dt.datetime.combine(dt.date.min, about.since) - dt.datetime.combine(dt.date.min, boundary)
    out = []
    for i, arm in enumerate(plan.arms()):
        day = plan.start + dt.timedelta(days=i)
        if day > last:
            break
        mine = cramps.get(day, [])
        counted = [c for c in mine if plan.outcome == "cramp_days" or c.context == "night"]
        first = min((c.at for c in mine), default=None)
        start = dt.datetime.combine(day, boundary)
        minutes = sum(
            s.minutes for s in sessions.get(day, []) if _local(s) - start >= since and (first is None or s.at < first)
        )
        logged = day in checked or bool(mine)
        followed = minutes >= plan.minutes if arm else minutes == 0
        out.append(Night(day, i + 1, arm, bool(counted) if logged else None, minutes, followed))
    return out


def _local(entry: Entry) -> dt.datetime:
    from ..domain.zones import zone

    return entry.at.astimezone(zone(entry.tz)).replace(tzinfo=None)


def arms_of(nights: Sequence[Night], per_protocol: bool = False) -> Arms:
    """Counts and the difference with its 95% range among the logged nights."""
    chosen = [n for n in nights if n.outcome is not None and (n.followed or not per_protocol)]
    a = sum(1 for n in chosen if n.arm and n.outcome)
    n1 = sum(1 for n in chosen if n.arm)
    b = sum(1 for n in chosen if not n.arm and n.outcome)
    n0 = sum(1 for n in chosen if not n.arm)
    if not n1 or not n0:
        return Arms(a, n1, b, n0, None, None, None)
    low, high = newcombe(a, n1, b, n0)
    return Arms(a, n1, b, n0, a / n1 - b / n0, low, high)


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson's 95% score interval for a share k of n."""
    p = k / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / (1 + Z95**2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(a: int, n1: int, b: int, n0: int) -> tuple[float, float]:
    """Newcombe's hybrid score 95% interval for a/n1 - b/n0 (method 10, Newcombe 1998)."""
    p1, p0 = a / n1, b / n0
    l1, u1 = wilson(a, n1)
    l0, u0 = wilson(b, n0)
    d = p1 - p0
    return d - math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)


def randomisation_p(nights: Sequence[Night], seed: int, deals: int = DEALS) -> float | None:
    """Two-sided p of the as-assigned difference: the same nights dealt again, each block of
    `BLOCK` nights shuffled as the plan shuffled it, and how often the difference is as large."""
    if not nights:
        return None
    n = len(nights) - len(nights) % BLOCK
    if n == 0:
        return None
    arm = np.array([night.arm for night in nights[:n]], dtype=bool)
    logged = np.array([night.outcome is not None for night in nights[:n]], dtype=bool)
    y = np.array([bool(night.outcome) for night in nights[:n]], dtype=float)
    observed = _difference(arm[None, :], logged, y)[0]
    if not np.isfinite(observed):
        return None
    rng = np.random.default_rng([seed, 21])
    blocks = arm.reshape(-1, BLOCK)
    order = np.argsort(rng.random((deals, *blocks.shape)), axis=2)
    dealt = np.take_along_axis(np.broadcast_to(blocks, order.shape), order, axis=2).reshape(deals, n)
    diffs = _difference(dealt, logged, y)
    diffs = diffs[np.isfinite(diffs)]
    extreme = int((np.abs(diffs) >= abs(observed) - 1e-12).sum())
    return (extreme + 1) / (len(diffs) + 1)


def _difference(arm: np.ndarray, logged: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        w = arm & logged
        wo = ~arm & logged
        differences: np.ndarray = (w * y).sum(axis=1) / w.sum(axis=1) - (wo * y).sum(axis=1) / wo.sum(axis=1)
    return differences


def read(plan: Plan, entries: Iterable[Entry], boundary: dt.time, today: dt.date) -> Reading:
    """What can be said of `plan` on `today`: before its end, only where it stands."""
    state = plan.state(today)
    nights = nights_of(plan, entries, boundary, today) if state != "planned" else []
    about = plan.about
    done = len(nights)
    followed = sum(n.followed for n in nights if n.day < today)
    past = sum(1 for n in nights if n.day < today)
    outcome_words = "cramp nights" if plan.outcome == "cramp_nights" else "cramp days"
    if state == "planned":
        return Reading(
            plan,
            state,
            [],
            plan.nights,
            None,
            None,
            None,
            f"Planned: {plan.nights} nights of {about.title} or none, dealt at random, from {plan.start}.",
            [],
        )
    if state == "running":
        left = plan.nights - done + 1
        return Reading(
            plan,
            state,
            nights,
            left,
            None,
            None,
            None,
            f"Night {done} of {plan.nights}: the reading comes after night {plan.nights} "
            f"({wording.plural(left, 'night')} left, tonight included).",
            [f"The plan was followed on {followed} of {wording.plural(past, 'night')} so far, as the diary tells it."]
            if past
            else [],
        )
    assigned = arms_of(nights)
    protocol = arms_of(nights, per_protocol=True)
    if state == "stopped":
        reason = f" ({plan.stop_reason})" if plan.stop_reason else ""
        return Reading(
            plan,
            state,
            nights,
            0,
            assigned,
            protocol,
            None,
            f"Stopped on {plan.stopped}{reason}, after {done} of {plan.nights} planned nights: "
            "a stopped experiment has no reading, only its counts.",
            [_counts(assigned, about.doing, about.not_doing, outcome_words)],
        )
    p = randomisation_p(nights, plan.seed)
    return Reading(
        plan,
        state,
        nights,
        0,
        assigned,
        protocol,
        p,
        _verdict(plan, assigned, p, outcome_words),
        _details(plan, nights, assigned, protocol, outcome_words),
    )


def _counts(arms: Arms, doing: str, not_doing: str, outcome: str) -> str:
    def side(k: int, n: int, word: str) -> str:
        return f"{k} of {n} logged {word} nights ({k / n:.0%})" if n else f"no logged {word} nights"

    if not arms.with_nights and not arms.without_nights:
        return "No night was logged yet."
    return (
        f"{outcome[0].upper()}{outcome[1:]}: {side(arms.with_cramps, arms.with_nights, doing)} and "
        f"{side(arms.without_cramps, arms.without_nights, not_doing)}."
    )


def _points(x: float) -> str:
    return f"{abs(x) * 100:.0f} points {'fewer' if x < 0 else 'more'}"


def _verdict(plan: Plan, arms: Arms, p: float | None, outcome: str) -> str:
    about = plan.about
    counts = _counts(arms, about.doing, about.not_doing, outcome)
    if arms.difference is None or arms.low is None or arms.high is None or p is None:
        return counts + " Too few logged nights on one side to compare."
    rng = f"the likely range runs from {_signed(arms.low)} to {_signed(arms.high)} points"
    if p < LEVEL:
        direction = "fewer" if arms.difference < 0 else "more"
        return (
            f"{counts} On the nights dealt {about.doing}, {outcome} came {direction} often: "
            f"{_points(arms.difference)} ({rng}). Dealing the same nights again at random seldom gives "
            f"a difference this large (the randomisation test, at the {LEVEL:.0%} level): in this "
            f"experiment on your own nights, {about.title} went with {direction} {outcome}."
        )
    return (
        f"{counts} No clear difference: {_points(arms.difference)} with {about.doing} ({rng}), and "
        "dealing the same nights again at random often gives a difference this large. This experiment "
        "can't tell a real effect of this size from chance."
    )


def _signed(x: float) -> str:
    return f"{x * 100:+.0f}"


def _details(plan: Plan, nights: Sequence[Night], assigned: Arms, protocol: Arms, outcome: str) -> list[str]:
    about = plan.about
    logged = sum(n.outcome is not None for n in nights)
    off = [n for n in nights if not n.followed]
    lines = [
        f"{logged} of {plan.nights} nights were logged (a check-in or a cramp); the others are left out, "
        "never counted as cramp-free."
    ]
    lines.append(
        f"The plan was followed on {len(nights) - len(off)} of {plan.nights} nights"
        + (
            f"; not on {wording.plural(len(off), 'night')} ("
            f"{sum(n.arm for n in off)} dealt {about.doing}, {sum(not n.arm for n in off)} dealt "
            f"{about.not_doing})."
            if off
            else "."
        )
    )
    if protocol.difference is not None and off:
        lines.append(
            "Only the nights that followed the plan: "
            + _counts(protocol, about.doing, about.not_doing, outcome)
            + " This is shown beside the main reading, not instead of it: which nights were followed "
            "was not dealt at random."
        )
    lines.append(
        "What this shows: on these nights, for you, whether the nights dealt "
        f"{about.doing} had fewer {outcome} than the others, beyond what dealing alone makes. What it "
        "doesn't: whether it would work for anyone else, why, or for how long; you knew which nights "
        "were which (there is no placebo for a stretch), and expecting a difference can make one. "
        "A journal is not a diagnosis: talk to a clinician about cramps that trouble you."
    )
    return lines


RECENT_DAYS = 56
"""The diary's recent cramp rate, for the plan's power, is read over this many diary days."""


def recent_rate(entries: Iterable[Entry], boundary: dt.time, today: dt.date, outcome: str) -> tuple[float | None, int]:
    """(cramp nights, or days, a month over the last `RECENT_DAYS` logged days; the logged days)."""
    since = today - dt.timedelta(days=RECENT_DAYS)
    logged: set[dt.date] = set()
    hit: set[dt.date] = set()
    for e in entries:
        day = entry_day(e, boundary)
        if not since <= day < today:
            continue
        if isinstance(e, CheckIn):
            logged.add(e.day)
        elif isinstance(e, Cramp):
            logged.add(day)
            if outcome == "cramp_days" or e.context == "night":
                hit.add(day)
    if len(logged) < 14:
        return None, len(logged)
    return len(hit) / len(logged) * 30, len(logged)


def _times_in_10(share: float) -> str:
    tenths = round(share * 10)
    return "less than once in 10 times" if tenths == 0 else f"about {tenths} times in 10"


def power_sentence(weeks: int, rate: float | None, logged: int, outcome: str) -> str:
    """How often such a plan finds a halving, from `bench/experiment`'s simulations."""
    from ..domain.experiment_power import POWER

    rates = sorted({r for _, r in POWER})
    weeks_known = min({w for w, _ in POWER}, key=lambda w: abs(w - weeks))
    what = "cramp nights" if outcome == "cramp_nights" else "cramp days"
    if rate is None:
        a, b = POWER[(weeks_known, 4)], POWER[(weeks_known, 12)]
        return (
            f"The diary has {wording.plural(logged, 'logged day')} in the last {RECENT_DAYS // 7} weeks, too few "
            f"to say how often {weeks} weeks would find a halving of your {what}: with 4 a month, "
            f"{_times_in_10(a)}; with 12 a month, {_times_in_10(b)} (simulated: bench/experiment)."
        )
    nearest = min(rates, key=lambda r: abs(r - rate))
    share = POWER[(weeks_known, nearest)]
    longest = max(w for w, _ in POWER)
    longer = (
        "" if weeks_known == longest else (f" {longest} weeks would find it {_times_in_10(POWER[(longest, nearest)])}.")
    )
    return (
        f"With about {rate:.0f} {what} a month (your last {RECENT_DAYS // 7} weeks), {weeks} weeks finds a "
        f"true halving {_times_in_10(share)} (simulated: bench/experiment); a smaller effect, less often."
        f"{longer} One person's nights are few: a plan that finds nothing has not shown there is nothing."
    )


def read_from(repo: JournalRepository, plan: Plan, tz: str, boundary: dt.time, today: dt.date) -> Reading:
    """`read` with the entries the plan's nights need, from the journal."""
    from ..domain.clock import day_start

    first = day_start(plan.start - dt.timedelta(days=1), tz, boundary)
    return read(plan, repo.entries(["cramp", "checkin", "stretch"], first), boundary, today)


@record
class Status:
    """Where the current experiment stands, for the command line and the app alike."""

    plan: Plan | None
    reading: Reading | None
    tonight: str
    """'stretch', 'no stretch', 'paused' (a red flag first) or ''."""
    lines: list[str]


def status(repo: JournalRepository, tz: str, boundary: dt.time, today: dt.date, now: dt.datetime) -> Status:
    """The current experiment (running, planned, else the latest), its reading and tonight's arm."""
    from ..domain.experiment import PAUSING, current, tonight_word
    from ..domain.redflags import check_active

    plan = current(repo.experiments(), today)
    if plan is None:
        return Status(None, None, "", [])
    flags = [f for f in check_active(repo, now) if f.tier in PAUSING]
    reading = read_from(repo, plan, tz, boundary, today)
    word = tonight_word(plan, today, [f.tier for f in flags])
    lines = [
        f"Experiment #{plan.id}: {plan.about.title} ({plan.minutes} min) or none, {plan.nights} nights "
        f"from {plan.start} to {plan.end}, dealt at random in blocks of {BLOCK}."
    ]
    if word == "paused":
        lines.append(
            f"Tonight: paused. {flags[0].title}: that comes first (the red flag says what to do). "
            "The experiment waits; a night that couldn't follow the plan is shown as such in its reading."
        )
    elif word:
        lines.append(f"Tonight: {word}.")
    return Status(plan, reading, word, [*lines, reading.summary, *reading.details])


def plan_lines(new: Plan, rate: float | None, logged: int, weeks: int) -> list[str]:
    """What a plan says before it starts: the plan, what is counted, how often it finds a halving, why."""
    about = new.about
    counted = "nights with a night cramp" if new.outcome == "cramp_nights" else "diary days with any cramp"
    return [
        f"Plan: {about.title} ({new.minutes} min) on half of {new.nights} nights, none on the others, from "
        f"{new.start} to {new.end}; the nights are dealt at random in blocks of {BLOCK} (two of each) and "
        "can't be chosen or changed.",
        f"Counted: {counted}; a night with no check-in and no cramp is left out. Log a stretch when you do it, "
        "and check in every day.",
        power_sentence(weeks, rate, logged, new.outcome),
        f"Why this behaviour: {about.source}",
    ]


def propose(
    repo: JournalRepository,
    tz: str,
    boundary: dt.time,
    today: dt.date,
    now: dt.datetime,
    *,
    weeks: int,
    minutes: int | None,
    outcome: str,
    start: dt.date,
) -> tuple[Plan, list[str]]:
    """A new plan (not stored) and what it says, or `InvalidInput` when none may start: another
    experiment runs or is planned, or an emergency or urgent red flag is active (it comes first)."""
    from ..domain.clock import day_start
    from ..domain.experiment import BEHAVIOURS, PAUSING, current, new_seed, nights_for
    from ..domain.redflags import check_active
    from ..errors import InvalidInput

    live = current(repo.experiments(), today)
    if live is not None and live.state(today) in ("running", "planned"):
        raise InvalidInput(
            f"experiment #{live.id} runs until {live.last}: one experiment at a time (stop it first)", "experiment"
        )
    flags = [f for f in check_active(repo, now) if f.tier in PAUSING]
    if flags:
        raise InvalidInput(f"a red flag needs attention first ({flags[0].title}); an experiment can wait", "experiment")
    behaviour = BEHAVIOURS["bedtime_stretch"]
    minutes = behaviour.default_minutes if minutes is None else minutes  # 0 is refused, not defaulted
    new = Plan(
        behaviour=behaviour.key,
        minutes=minutes,
        outcome=outcome,
        nights=nights_for(weeks),
        start=start,
        seed=new_seed(),
    )
    since = day_start(today - dt.timedelta(days=RECENT_DAYS + 1), tz, boundary)
    rate, logged = recent_rate(repo.entries(["cramp", "checkin"], since), boundary, today, outcome)
    return new, plan_lines(new, rate, logged, weeks)
