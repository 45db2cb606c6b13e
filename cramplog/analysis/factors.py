"""Provides the pre-specified factor list: each exposure's window, definition, default and evidence.

This list is the "pre-registered" list of docs/analysis.md §2: Benjamini-Hochberg runs over all of
it, shown or not. Order is the order of the article's sections. Changing it changes every q.

Each factor declares here, once, the *window* it is measured over (`Window`): the same clock
window on every diary day, cramp day or not (docs/analysis.md §2), so a cramp day and the days it is
compared with answer the same question. `frame.py` computes every factor from these windows and
thresholds; docs/analysis.md's table is tested against `Window.describe`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..domain.quantities import format_distance, format_volume
from ..domain.record import record
from ..domain.settings import Settings

LOWER_LIMB = ("foot", "ankle", "calf", "shin", "knee", "thigh", "hip", "back")
"""Injury sites that open a post-injury window (docs/analysis.md §2)."""
BEDTIME = dt.time(18, 0)
"""A bedtime stretch is one logged from this local time to the day boundary."""
BEDTIME_MUSCLES = ("calf", "hamstring")
HARD_EFFORT = 7
"""Session effort (RPE 0-10) that makes a hard session."""
FASTER = 0.05
"""A run this much faster than usual (pace) counts as faster than usual."""
SIMILAR_DISTANCE = 0.3
"""Runs within this share of a run's distance count as similar to it."""
PACE_HISTORY_DAYS = 28
MIN_PACE_RUNS = 3
DOMS = 5
"""Soreness (DOMS, 0-10) that counts as heavy."""
LOW_STRETCH_DAYS = 2
"""Fewer stretching days than this in the week before makes a low-stretch week (ACSM: 2-3 a week)."""
ACUTE_DAYS, CHRONIC_DAYS = 7, 28
"""The acute:chronic workload ratio's windows (Gabbett 2016)."""
JUMP_DAYS = 7
"""A distance jump compares this many days with the same number before them."""


@record
class Window:
    """Where a factor is measured for diary day d: the diary days d+first to d+last, and on the
    last of them only from local `since` to the day boundary. With `days_setting`, `first` is
    minus that setting (the post-injury window's length).

    A window read from day-to-day entries (`diary`) must lie inside the diary: on a day whose
    window starts before the diary's first logged day the factor is unknown (NaN), since the
    days before the diary hold no entries, not zeros (a load ratio over a month of "no load"
    would make the first weeks of every diary a spike). A window read from context entries
    (injuries, read whatever their date) is known from the first day.
    """

    first: int
    last: int
    since: dt.time | None = None
    days_setting: str = ""
    diary: bool = True

    def span(self, settings: Settings) -> tuple[int, int]:
        """(first, last) as day offsets, the setting applied."""
        first = -int(getattr(settings, self.days_setting)) if self.days_setting else self.first
        return first, self.last

    def describe(self, settings: Settings | None = None) -> str:
        """The window in words, for people (docs/analysis.md's 'Window' column)."""
        first, last = self.span(settings or Settings())
        if self.since is not None:
            return f"that diary day, from {self.since:%H:%M} to the day boundary"
        if first == last == 0:
            return "that whole diary day"
        if first == last == -1:
            return "the diary day before"
        n = last - first + 1
        if last == -1:
            return f"the {n} diary days before"
        return f"the {n} diary days up to and including that day"


@record
class Factor:
    """One case-crossover exposure: a 0/1/NaN column of the daily frame (NaN: not tracked)."""

    id: str
    title: str
    article_section: str
    label: str
    """Plural noun phrase for sentences: 'Cramps on 6 of 20 {label}'."""
    definition: str
    window: Window
    default: Callable[[Settings], str]
    evidence: str
    caveat: str
    exploratory: bool = False
    bound: str = ""
    """A cramp context that happens *during* the activity this factor is built from (a run, a
    stretch): such cramps are never compared on this factor (docs/analysis.md §1: the stretch a cramp
    happened in is no exposure), and under that context the factor is not analysed."""

    @property
    def lag(self) -> str:
        return self.window.describe()


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _distance(km: float, settings: Settings) -> str:
    """A shoe's distance in the diary's units ('640 km', '397.7 mi')."""
    return f"{km:g} km" if settings.units != "imperial" else format_distance(km, settings.units)


SAME_DAY = Window(0, 0)

FACTORS: tuple[Factor, ...] = (
    Factor(
        "low_fluid",
        "Low fluid intake",
        "Dehydration",
        "low-fluid days",
        "beverages logged over the whole diary day (boundary to boundary, so a night cramp is "
        "compared with the evening before it) below a share of the target; a day with no drinks "
        "logged is not tracked",
        SAME_DAY,
        lambda s: f"below {_pct(s.low_fluid_fraction)} of {format_volume(s.beverage_ml, s.units)}",
        "weak / conflicting",
        "Hot weather can drive both drinking and cramps, and people often drink more after a "
        "cramp (on a day with a daytime cramp, drinks after it count too). Drinking beyond "
        "thirst is not a fix: over-drinking has risks of its own.",
    ),
    Factor(
        "post_injury",
        "Recent injury",
        "Recent trauma",
        "post-injury days",
        "a logged lower-limb injury on one of the days of the window (until it resolved)",
        Window(0, 0, days_setting="post_injury_days", diary=False),
        lambda s: f"days 0-{s.post_injury_days}",
        "very weak / indirect",
        "Injuries also change how much running and stretching is done.",
    ),
    Factor(
        "muscle_damage",
        "Heavy muscle soreness",
        "Recent trauma",
        "days after heavy soreness",
        f"soreness (DOMS) of {DOMS}/10 or more rated in the check-in of the diary day before; a "
        "day whose day before has no soreness rating is not tracked (cramp days often have no "
        "check-in, so a day's own rating would be missing more often on cramp days)",
        Window(-1, -1),
        lambda s: f"soreness >= {DOMS}/10",
        "very weak / indirect",
        "Soreness follows hard sessions, which are a factor of their own.",
    ),
    Factor(
        "ran_today",
        "Running that day",
        "Running, footwear and form",
        "running days",
        "at least one run or high-impact workout logged that diary day",
        SAME_DAY,
        lambda s: "any run",
        "moderate (exercise-associated cramps)",
        "A cramp during a run is never compared on this factor: it can only happen on a running day.",
        bound="running",
    ),
    Factor(
        "worn_shoe",
        "Worn shoes",
        "Running, footwear and form",
        "worn-shoe run days",
        "a run in a shoe whose distance before the run exceeds its life; run days only",
        SAME_DAY,
        lambda s: f"over {_distance(s.life_km, s)}",
        "none",
        "No study links footwear to cramps; this is exploratory.",
        exploratory=True,
    ),
    Factor(
        "new_shoe",
        "New shoes",
        "Running, footwear and form",
        "new-shoe run days",
        "a run within a shoe's first kilometres; run days only",
        SAME_DAY,
        lambda s: f"first {_distance(s.new_km, s)}",
        "none",
        "No study links footwear to cramps; this is exploratory.",
        exploratory=True,
    ),
    Factor(
        "faster_than_usual",
        "Faster than usual",
        "Running, footwear and form",
        "faster-than-usual run days",
        f"a run at a pace at least {_pct(FASTER)} faster than the median of similar-distance runs "
        f"(within {_pct(SIMILAR_DISTANCE)}) in the previous {PACE_HISTORY_DAYS} days (needs "
        f"{MIN_PACE_RUNS} such runs); run days only",
        SAME_DAY,
        lambda s: f"{_pct(FASTER)} faster than the {PACE_HISTORY_DAYS}-day median",
        "moderate (exercise-associated cramps)",
        "Fast days are often race or hard-session days with other differences.",
    ),
    Factor(
        "low_stretch_week",
        "Little stretching this week",
        "Stretching too little",
        "days in a low-stretch week",
        f"fewer than {LOW_STRETCH_DAYS} days with a stretch among the 7 diary days before",
        Window(-7, -1),
        lambda s: f"fewer than {LOW_STRETCH_DAYS} of 7 days",
        "low (night cramps); none (exercise cramps)",
        "People often stretch more after a run of cramps, which can hide or reverse a link.",
    ),
    Factor(
        "no_bedtime_stretch",
        "No bedtime calf stretch",
        "Stretching too little",
        "nights without a bedtime stretch",
        f"no {' or '.join(BEDTIME_MUSCLES)} stretch logged from {BEDTIME:%H:%M} to the day boundary "
        "of that diary day; a cramp during a stretch is never compared on this factor (the stretch "
        "it happened in would otherwise count against it)",
        Window(0, 0, since=BEDTIME),
        lambda s: f"none after {BEDTIME:%H:%M}",
        "low (night cramps)",
        "Meant for night cramps: compare night cramps alone once there are enough of them. A "
        "stretch logged after a night cramp, to ease it, counts as a stretch that evening.",
        bound="stretching",
    ),
    Factor(
        "load_spike",
        "Training load spike",
        "Over-exertion",
        "load-spike days",
        f"acute:chronic workload ratio ({ACUTE_DAYS}-day load / ({CHRONIC_DAYS}-day load / "
        f"{CHRONIC_DAYS // ACUTE_DAYS}), load = effort x minutes) above the spike threshold",
        Window(-(CHRONIC_DAYS - 1), 0),
        lambda s: f"ratio > {s.acwr_spike:g}",
        "moderate (exercise cramps); the ratio itself is contested",
        "The ratio can be a statistical artefact and was derived for injuries, not cramps.",
    ),
    Factor(
        "hard_streak",
        "Hard-session streak",
        "Over-exertion",
        "hard-streak days",
        f"a session of effort {HARD_EFFORT}/10 or more on that diary day and on the day before",
        Window(-1, 0),
        lambda s: f"2 days at effort >= {HARD_EFFORT}",
        "moderate (exercise cramps)",
        "Hard streaks cluster in training blocks with other changes.",
    ),
    Factor(
        "distance_jump",
        "Weekly distance jump",
        "Over-exertion",
        "distance-jump days",
        f"distance over the {JUMP_DAYS} diary days up to that day above a multiple of the {JUMP_DAYS} days before them",
        Window(-(2 * JUMP_DAYS - 1), 0),
        lambda s: f"> {s.distance_jump:g} x last week",
        "moderate (exercise cramps)",
        "Jumps often come with races or holidays.",
    ),
    Factor(
        "low_magnesium",
        "Low magnesium intake",
        "Mineral imbalance",
        "low-magnesium days",
        "magnesium from the foods logged that diary day below a share of the reference; a day "
        "with no food logged is not tracked, nor is one whose foods without amounts (free text) "
        "could lift it over",
        SAME_DAY,
        lambda s: f"below {_pct(s.low_mineral_fraction)} of {s.magnesium_mg} mg",
        "weak",
        "Food logs rarely capture all intake. Magnesium supplements showed no clinically "
        "meaningful benefit for cramps in trials. The upper limit for magnesium from "
        "supplements is 350 mg a day; ask a clinician before taking any, especially with "
        "kidney disease.",
    ),
    Factor(
        "low_potassium",
        "Low potassium intake",
        "Mineral imbalance",
        "low-potassium days",
        "potassium from the foods logged that diary day below a share of the reference; a day "
        "with no food logged is not tracked, nor is one whose foods without amounts (free text) "
        "could lift it over",
        SAME_DAY,
        lambda s: f"below {_pct(s.low_mineral_fraction)} of {s.potassium_mg} mg",
        "weak",
        "Food logs rarely capture all intake, and low potassium is rarely caused by diet alone.",
    ),
)
"""Every case-crossover factor, in article order. BH runs over all of them."""

BY_ID = {f.id: f for f in FACTORS}

FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "training_load": ("heavy training", ("load_spike", "hard_streak", "distance_jump", "ran_today")),
    "footwear": ("shoe wear", ("worn_shoe", "new_shoe")),
    "stretching": ("little stretching", ("low_stretch_week", "no_bedtime_stretch")),
    "minerals": ("low mineral intake", ("low_magnesium", "low_potassium")),
}
"""Pre-specified families of factors built from the same diary data (docs/analysis.md §3, point 5): each
family counts once in Benjamini-Hochberg and in the summary. family id -> (reading, members)."""

FAMILY_OF = {member: fam for fam, (_, members) in FAMILIES.items() for member in members}


def family_titles() -> list[str]:
    """'heavy training (training load spike, hard-session streak, ...)' per family, for the method note."""
    return [
        f"{reading} ({', '.join(BY_ID[m].title.lower() for m in members)})" for reading, members in FAMILIES.values()
    ]
