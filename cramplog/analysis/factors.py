"""Provides the pre-specified factor list: each exposure's definition, lag, default and evidence.

This list is the "pre-registered" list of science.md §4.4: Benjamini-Hochberg runs over all of
it, shown or not. Order is the order of the article's sections. Changing it changes every q.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.quantities import format_volume
from ..domain.record import record
from ..domain.settings import Settings


@record
class Factor:
    """One case-crossover exposure: a 0/1/NaN column of the daily frame."""

    id: str
    title: str
    article_section: str
    label: str
    """Plural noun phrase for sentences: 'You logged cramps on 6 of 20 {label}'."""
    definition: str
    lag: str
    default: Callable[[Settings], str]
    evidence: str
    caveat: str
    exploratory: bool = False


def _pct(x: float) -> str:
    return f"{x:.0%}"


FACTORS: tuple[Factor, ...] = (
    Factor("low_fluid", "Low fluid intake", "Dehydration", "low-fluid days",
           "beverages logged that diary day below a share of the target; on a day with a daytime "
           "cramp only drinks before the first such cramp count; days with no drinks logged count "
           "as not tracked",
           "same diary day, before a daytime cramp (a night cramp is compared with the evening before it)",
           lambda s: f"below {_pct(s.low_fluid_fraction)} of {format_volume(s.beverage_ml, s.units)}",
           "weak / conflicting",
           "Hot weather can drive both drinking and cramps, and people often drink more after a "
           "cramp. Drinking beyond thirst is not a fix: over-drinking has risks of its own."),
    Factor("post_injury", "Recent injury", "Recent trauma", "post-injury days",
           "within the window after a logged lower-limb injury (until it resolved)",
           "days 0 to N after the injury",
           lambda s: f"days 0-{s.post_injury_days}", "very weak / indirect",
           "Injuries also change how much running and stretching is done."),
    Factor("muscle_damage", "Heavy muscle soreness", "Recent trauma", "heavy-soreness days",
           "soreness (DOMS) of 5/10 or more logged in the check-in that day or the day before",
           "same or previous diary day", lambda s: "soreness >= 5/10", "very weak / indirect",
           "Soreness follows hard sessions, which are a factor of their own."),
    Factor("ran_today", "Running that day", "Running, footwear and form", "running days",
           "at least one run or high-impact workout logged that diary day", "same diary day",
           lambda s: "any run", "moderate (exercise-associated cramps)",
           "Cramps during a run are counted on the run's day by definition."),
    Factor("worn_shoe", "Worn shoes", "Running, footwear and form", "worn-shoe run days",
           "a run in a shoe whose distance before the run exceeds its life; run days only",
           "same diary day", lambda s: f"over {s.life_km:g} km", "none",
           "No study links footwear to cramps; this is exploratory.", exploratory=True),
    Factor("new_shoe", "New shoes", "Running, footwear and form", "new-shoe run days",
           "a run within a shoe's first kilometres; run days only", "same diary day",
           lambda s: f"first {s.new_km:g} km", "none",
           "No study links footwear to cramps; this is exploratory.", exploratory=True),
    Factor("faster_than_usual", "Faster than usual", "Running, footwear and form", "faster-than-usual run days",
           "pace at least 5% faster than the median of similar-distance runs in the previous "
           "28 days (needs 3 such runs); run days only", "same diary day",
           lambda s: "5% faster than the 28-day median", "moderate (exercise-associated cramps)",
           "Fast days are often race or hard-session days with other differences."),
    Factor("low_stretch_week", "Little stretching this week", "Stretching too little", "days in a low-stretch week",
           "fewer than 2 stretching days in the 7 diary days before", "previous 7 diary days",
           lambda s: "fewer than 2 of 7 days", "low (night cramps); none (exercise cramps)",
           "People often stretch more after a run of cramps, which can hide or reverse a link."),
    Factor("no_bedtime_stretch", "No bedtime calf stretch", "Stretching too little", "nights without a bedtime stretch",
           "no calf or hamstring stretch after 18:00 (before the cramp on a night-cramp night); a "
           "session a cramp happened in never counts", "same evening",
           lambda s: "none after 18:00", "low (night cramps)",
           "Meant for night cramps: compare night cramps alone once there are enough of them."),
    Factor("load_spike", "Training load spike", "Over-exertion", "load-spike days",
           "acute:chronic workload ratio (7-day load / (28-day load / 4), load = effort x minutes) "
           "above the spike threshold", "7 and 28 diary days up to that day",
           lambda s: f"ratio > {s.acwr_spike:g}", "moderate (exercise cramps); the ratio itself is contested",
           "The ratio can be a statistical artefact and was derived for injuries, not cramps."),
    Factor("hard_streak", "Hard-session streak", "Over-exertion", "hard-streak days",
           "a session of effort 7/10 or more on this day and the day before", "this and the previous diary day",
           lambda s: "2 days at effort >= 7", "moderate (exercise cramps)",
           "Hard streaks cluster in training blocks with other changes."),
    Factor("distance_jump", "Weekly distance jump", "Over-exertion", "distance-jump days",
           "this week's distance above a multiple of the week before", "7 diary days vs the 7 before",
           lambda s: f"> {s.distance_jump:g} x last week", "moderate (exercise cramps)",
           "Jumps often come with races or holidays."),
    Factor("low_magnesium", "Low magnesium intake", "Mineral imbalance", "low-magnesium days",
           "magnesium from logged foods below a share of the reference; days with no food logged "
           "count as not tracked", "same diary day",
           lambda s: f"below {_pct(s.low_mineral_fraction)} of {s.magnesium_mg} mg", "weak",
           "Food logs rarely capture all intake. Magnesium supplements showed no clinically "
           "meaningful benefit for cramps in trials. The upper limit for magnesium from "
           "supplements is 350 mg a day; ask a clinician before taking any, especially with "
           "kidney disease."),
    Factor("low_potassium", "Low potassium intake", "Mineral imbalance", "low-potassium days",
           "potassium from logged foods below a share of the reference; days with no food logged "
           "count as not tracked", "same diary day",
           lambda s: f"below {_pct(s.low_mineral_fraction)} of {s.potassium_mg} mg", "weak",
           "Food logs rarely capture all intake, and low potassium is rarely caused by diet alone."),
)
"""Every case-crossover factor, in article order. BH runs over all of them."""

BY_ID = {f.id: f for f in FACTORS}

FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "training_load": ("heavy training", ("load_spike", "hard_streak", "distance_jump", "ran_today")),
    "footwear": ("shoe wear", ("worn_shoe", "new_shoe")),
    "stretching": ("little stretching", ("low_stretch_week", "no_bedtime_stretch")),
    "minerals": ("low mineral intake", ("low_magnesium", "low_potassium")),
}
"""Pre-specified families of factors built from the same diary data (science.md §4.8): each
family counts once in Benjamini-Hochberg and in the summary. family id -> (reading, members)."""

FAMILY_OF = {member: fam for fam, (_, members) in FAMILIES.items() for member in members}

DEFINITIONAL: dict[str, dict[str, str]] = {
    "running": {"ran_today": "a cramp while running happens on a running day by definition"},
}
"""Per cramp context, factors true by definition for it: not analysed, with the reason."""
