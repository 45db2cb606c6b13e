"""Provides planned self-experiments (N-of-1 trials) on one safe behaviour: the plan, its
randomisation in balanced blocks, each night's arm, and what the diary says of each night.

An experiment answers what watching can't: it deals the nights at random, half with the
behaviour and half without, in blocks of `BLOCK` nights that each hold both arms equally (so
the arms stay balanced through the weeks and seasons), from a seed kept in the journal. The plan
is fixed before it starts; afterwards it can only be stopped. Kravitz & Duan, *Design and
Implementation of N-of-1 Trials* (AHRQ 2014); the behaviour is Hallegraeff 2012's (docs/experiment.md).

Standard library only: the shell prompt and the reminder read tonight's arm without pandas.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from ..errors import InvalidInput
from .deal import BLOCK, WORDS, arms_of
from .fields import TEXT_MAX, Bounds, Field, NotBefore
from .record import record

__all__ = [
    "BEHAVIOURS",
    "BLOCK",
    "OUTCOMES",
    "PAUSING",
    "Behaviour",
    "Plan",
    "arms_of",
    "current",
    "new_seed",
    "nights_for",
    "tonight",
    "tonight_word",
]


@record
class Behaviour:
    """A behaviour safe to try on oneself, which a randomised trial supports as such (docs/experiment.md)."""

    key: str
    title: str
    """'a bedtime calf and hamstring stretch'."""
    doing: str
    """Tonight's word with it: 'stretch'."""
    not_doing: str
    """Tonight's word without it: 'no stretch'."""
    muscles: tuple[str, ...]
    since: dt.time
    """It counts when logged from this local time to the day boundary."""
    default_minutes: int
    source: str


BEHAVIOURS: dict[str, Behaviour] = {
    "bedtime_stretch": Behaviour(
        "bedtime_stretch",
        "a bedtime calf and hamstring stretch",
        *WORDS["bedtime_stretch"],
        ("calf", "hamstring"),
        dt.time(18, 0),
        3,
        "Hallegraeff 2012, a randomised trial: nightly calf and hamstring stretching before sleep, "
        "about 3 minutes for both legs, reduced night cramps in adults over 55 (docs/experiment.md).",
    ),
}
"""The fixed list. Never a medicine, a supplement, quinine or a fluid target (docs/experiment.md, What can be tried)."""

OUTCOMES = {"cramp_nights": "nights with a night cramp", "cramp_days": "diary days with any cramp"}
MIN_WEEKS, MAX_WEEKS = 2, 26
MAX_MINUTES = 30
MINUTES = Field("minutes", "int", "minutes", Bounds(1, MAX_MINUTES))
"""Minutes of the behaviour on a night it is done: the plan checks them, storage builds its CHECK from them."""
SEEDS = 2**31
"""Seeds run from 0 to `SEEDS - 1` (`new_seed`'s 31 bits: the column is a 32-bit integer everywhere)."""


def nights_for(weeks: int) -> int:
    """The planned nights for `weeks`: whole blocks, at least the weeks' nights."""
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"an experiment lasts {MIN_WEEKS} to {MAX_WEEKS} weeks, got {weeks}", "weeks")
    return math.ceil(weeks * 7 / BLOCK) * BLOCK


NIGHTS = Field("nights", "int", "nights", Bounds(MIN_WEEKS * 7, nights_for(MAX_WEEKS)))
"""The planned nights, also whole blocks of `BLOCK`: the plan checks both, storage builds its CHECK from them."""


REASON = Field("stop_reason", "text", "reason", Bounds(max_length=TEXT_MAX))
"""Why an experiment stopped: free text like a note (bytes that aren't UTF-8 refused, not cut)."""
STOPS = NotBefore("stopped", "start", "an experiment can't stop before it starts")
"""A stop is on or after the start: the plan checks it, storage builds its CHECK from it."""


@record(kw_only=True)
class Plan:
    """One experiment as planned (and, once it ends early, when and why it stopped)."""

    behaviour: str
    minutes: int
    outcome: str
    nights: int
    start: dt.date
    seed: int
    id: int | None = None
    stopped: dt.date | None = None
    stop_reason: str = ""

    def __post_init__(self) -> None:
        if self.behaviour not in BEHAVIOURS:
            raise InvalidInput(f"behaviour must be one of {', '.join(BEHAVIOURS)}, got {self.behaviour!r}", "behaviour")
        if self.outcome not in OUTCOMES:
            raise InvalidInput(f"outcome must be one of {', '.join(OUTCOMES)}, got {self.outcome!r}", "outcome")
        if not MINUTES.bounds.contains(self.minutes):
            raise InvalidInput(MINUTES.message, MINUTES.name)
        if self.nights % BLOCK or not NIGHTS.bounds.contains(self.nights):
            raise InvalidInput(f"nights must be whole blocks of {BLOCK} for {MIN_WEEKS} to {MAX_WEEKS} weeks", "nights")
        if type(self.seed) is not int or not 0 <= self.seed < SEEDS:
            raise InvalidInput(f"seed must be a whole number from 0 to {SEEDS - 1}", "seed")
        STOPS.check({"stopped": self.stopped, "start": self.start}.get)

    @property
    def about(self) -> Behaviour:
        return BEHAVIOURS[self.behaviour]

    @property
    def end(self) -> dt.date:
        """The last planned night (a diary day)."""
        return self.start + dt.timedelta(days=self.nights - 1)

    @property
    def last(self) -> dt.date:
        """The last night it ran: the planned end, or the night before it was stopped."""
        if self.stopped is None:
            return self.end
        return min(self.end, self.stopped - dt.timedelta(days=1))

    def arms(self) -> list[bool]:
        """Each night's arm, in order (True: with the behaviour). Balanced blocks of `BLOCK`
        nights, each shuffled by a generator seeded from the plan's seed: the same every time."""
        return arms_of(self.seed, self.nights)

    def arm_on(self, day: dt.date) -> bool | None:
        """The arm of diary day `day`'s night, or None outside the plan."""
        n = (day - self.start).days
        return self.arms()[n] if 0 <= n < self.nights else None

    def state(self, today: dt.date) -> str:
        """`planned` (starts later), `running`, `complete` or `stopped`."""
        if self.stopped is not None and self.stopped <= self.end:
            return "stopped"
        if today < self.start:
            return "planned"
        return "running" if today <= self.end else "complete"

    def overlaps(self, other: Plan) -> bool:
        """Whether the two share a night they ran (or will run): plans never overlap."""
        return self.start <= other.last and other.start <= self.last

    def same(self, other: Plan) -> bool:
        """Whether `other` is this plan (from an export, say): the same nights dealt from the same seed."""
        return (self.behaviour, self.minutes, self.outcome, self.nights, self.start, self.seed) == (
            other.behaviour,
            other.minutes,
            other.outcome,
            other.nights,
            other.start,
            other.seed,
        )

    def night_number(self, day: dt.date) -> int:
        """1 for the first night; past the end, more than `nights`."""
        return (day - self.start).days + 1


def stop_reason(text: str) -> str:
    """A stop's reason as kept, the one rule for `experiment stop` and an imported plan: text
    like a note (`REASON`), refused rather than cut when it is too long or not UTF-8."""
    return str(REASON.check(text))


FIELDS = ("id", "behaviour", "minutes", "outcome", "nights", "start", "seed", "stopped", "stop_reason")
"""An experiment's fields in the export (`to_dict`): all a plan needs to deal its nights again."""


def to_dict(plan: Plan) -> dict[str, object]:
    return {
        "id": plan.id,
        "behaviour": plan.behaviour,
        "minutes": plan.minutes,
        "outcome": plan.outcome,
        "nights": plan.nights,
        "start": plan.start.isoformat(),
        "seed": plan.seed,
        "stopped": plan.stopped.isoformat() if plan.stopped else None,
        "stop_reason": plan.stop_reason,
    }


def from_dict(data: dict[str, object]) -> Plan:
    """A plan from its export record (`to_dict`; its `id` is not kept), or `InvalidInput`."""
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise InvalidInput(f"unknown field {unknown[0][:40]!r}", unknown[0][:40])
    stopped, reason = data.get("stopped"), data.get("stop_reason", "")
    if not isinstance(reason, str):
        raise InvalidInput("stop_reason must be text", "stop_reason")
    return Plan(
        behaviour=_text(data, "behaviour"),
        minutes=_whole(data, "minutes"),
        outcome=_text(data, "outcome"),
        nights=_whole(data, "nights"),
        start=_day(_text(data, "start"), "start"),
        seed=_whole(data, "seed"),
        stopped=None if stopped is None else _day(stopped, "stopped"),
        stop_reason=stop_reason(reason),
    )


def _whole(data: dict[str, object], name: str) -> int:
    value = data.get(name)
    if type(value) is not int:  # `true` is not 1, 3.0 is not 3
        raise InvalidInput(f"{name} must be a whole number", name)
    return value


def _text(data: dict[str, object], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise InvalidInput(f"{name} is missing or not text", name)
    return value


def _day(value: object, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else _not_a_date(name)
    except ValueError:
        return _not_a_date(name)


def _not_a_date(name: str) -> dt.date:
    raise InvalidInput(f"{name} must be a date (YYYY-MM-DD)", name)


def new_seed() -> int:
    """A seed nobody chose: the order of the nights is not the person's to pick."""
    import secrets

    return secrets.randbits(31)


def tonight(plan: Plan | None, day: dt.date) -> str:
    """Tonight's word for a prompt or a reminder: 'stretch', 'no stretch', or '' (no experiment
    tonight)."""
    if plan is None or plan.state(day) not in ("running",):
        return ""
    arm = plan.arm_on(day)
    if arm is None:
        return ""
    return plan.about.doing if arm else plan.about.not_doing


PAUSING = ("emergency", "urgent")
"""Red-flag tiers that pause an experiment: they come first (docs/analysis.md §5)."""


def tonight_word(plan: Plan | None, day: dt.date, flag_tiers: Iterable[str]) -> str:
    """`tonight`, or 'paused' while an emergency or urgent red flag is active."""
    word = tonight(plan, day)
    return "paused" if word and any(t in PAUSING for t in flag_tiers) else word


def current(plans: Iterable[Plan], today: dt.date) -> Plan | None:
    """The experiment that concerns `today`: running or planned, else the latest complete or
    stopped one (its reading), else None."""
    ordered = sorted(plans, key=lambda p: (p.start, p.id or 0))
    live = [p for p in ordered if p.state(today) in ("running", "planned")]
    if live:
        return live[0]
    return ordered[-1] if ordered else None
