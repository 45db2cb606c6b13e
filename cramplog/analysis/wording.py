"""Provides the plain sentences of findings, in the style of docs/analysis.md §5.

Natural frequencies first ("cramps on 26% of low-fluid days (18 of 70) and 12% of other days"),
then the relative figure in words ("about 2.6 times the odds") with its range; association words
only; no p-values; null results said plainly. Generated sentences name no reader ("you" / "this
person"), so the app, the terminal and the clinician report can all use them. Every number
shown is finite: callers turn anything else into "not enough data" with the reason, and the
tests check every generated sentence against `FORBIDDEN`. Red-flag text lives in
`cramplog.domain.redflags`.
"""

from __future__ import annotations

import math

from ..domain.summary import plural as plural  # the one plural rule, for the analysis too

INSIGHT_DISCLAIMER = (
    "This is a pattern in your own diary, not proof of a cause. Patterns can come "
    "from chance, from other things that changed at the same time, or from how "
    "things were logged."
)

JOURNAL_NOTE = (
    "cramplog helps you notice patterns in your own logs. It can't diagnose conditions "
    "and isn't a substitute for a doctor, physiotherapist or pharmacist. It cannot detect "
    "blood clots, nerve problems or mineral deficiencies."
)

STATUS_LABELS = {
    "not_enough_data": "not enough data yet",
    "not_analysed": "not analysed for this context",
    "no_clear_link": "no clear link",
    "early_hint": "early hint",
    "consistent_pattern": "consistent pattern in your diary",
}

FORBIDDEN = (
    r"very large",
    r"\b0 of 0\b",
    r"(?i)times as often",
    r"(?i)\bnan\b",
    r"(?i)\binf\b",
    r"(?i)\bunknown\b",
    r"\bNone\b",
    r"[{}]",
    r"  ",
    r"(?<![\d.])0 times",
    r"(?i)\byour?\b",
    r"\b[a-z]+_[a-z_]+\b",
    r"(?<![\d.,])1 (?:cramps|days|logged days|cramp days|nights|weeks)\b",
)
"""Patterns (regular expressions) no sentence generated from numbers may match (the tests check)."""


def number(x: float) -> str:
    """A finite positive ratio for reading, 2 significant figures."""
    if x >= 10:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.1f}"
    text = f"{x:.2g}"
    return "1.0" if text == "1" else text  # 0.996 reads as 1.0 times, never '1 times'


def finite(x: float | None) -> bool:
    return x is not None and not math.isnan(x) and not math.isinf(x)


def range_words(low: float, high: float) -> str:
    """'1.5 to 4.4'; an open end is said in words ('2.5 or more', 'up to 0.4')."""
    if not finite(high):
        return f"{number(low)} or more"
    if low <= 0:
        return f"up to {number(high)}"
    return f"{number(low)} to {number(high)}"


def anywhere(low: float, high: float) -> str:
    """'anywhere from 1.5 to 4.4'; with an open end 'anywhere up to 0.64', 'anywhere from 2.5 up'
    (never 'from up to 0.64': an independent reviewer's diaries found that one)."""
    if not finite(high):
        return "anything at all" if low <= 0 else f"anywhere from {number(low)} up"
    return f"anywhere {range_words(low, high)}" if low <= 0 else f"anywhere from {range_words(low, high)}"


def pct(k: int, n: int) -> str:
    return f"{k / n:.0%}"


def cramps_of(n: int, counted: str = "cramps") -> str:
    """'1 night cramp', '3 night cramps', '1 cramp while running' (`counted` as in CRAMPS_OF)."""
    return f"{n} {counted if n != 1 else counted.replace('cramps', 'cramp', 1)}"


def frequency(k: int, n: int, label: str) -> str:
    """'26% of low-fluid days (18 of 70)'."""
    return f"{pct(k, n)} of {label} ({k} of {n})"


CRAMPS_OF = {
    None: "cramps",
    "night": "night cramps",
    "running": "cramps while running",
    "stretching": "cramps while stretching",
    "rest": "cramps at rest",
    "other_exercise": "cramps during other exercise",
    "other": "other cramps",
}
"""What an analysis counts, by `--context`: the subject of its sentences."""
OTHER_DAYS = {"running": "other days with a run", "stretching": "other days with a stretch"}
"""The comparison days' name under a context bound to an activity (comparisons.AT_RISK)."""


def cramps_counted(context: str | None, bound: str = "") -> str:
    """'cramps', 'night cramps', or 'cramps other than while running' for a factor bound to it."""
    if context is None and bound:
        return f"cramps other than {CRAMPS_OF[bound].removeprefix('cramps ')}"
    return CRAMPS_OF[context]


def counts_sentence(
    label: str, a: int, n1: int, b: int, n0: int, other: str = "other days", subject: str = "cramps"
) -> str:
    """Natural frequencies: 'Cramps on 26% of low-fluid days (18 of 70) and 12% of other days (9 of 78).'"""
    if n1 == 0 and n0 == 0:
        return "No logged day has this factor tracked yet."
    if n1 == 0:
        return f"No {label} among the {plural(n0, 'logged day')} yet: this factor never varies, so nothing to compare."
    if n0 == 0:
        return f"All {plural(n1, 'logged day')} were {label}: this factor never varies, so nothing to compare."
    return f"{subject[0].upper()}{subject[1:]} on {frequency(a, n1, label)} and {frequency(b, n0, other)}."


def not_enough_sentence(reason: str = "") -> str:
    if reason:
        return f"Not enough data for a figure: {reason}."
    from .gates import FINDING_GATE

    return f"Not enough data yet to say more: {FINDING_GATE}."


def pattern_sentence(
    status: str,
    label: str,
    odds_ratio: float | None,
    low: float | None,
    high: float | None,
    reason: str = "",
    subject: str = "cramps",
    point: bool = True,
) -> str:
    """The relative part, worded by status; never 'causes'. Without `point` the range alone: the
    estimate points away from the only days there are ("0 of 7 ... about 9 times the odds")."""
    if status == "not_enough_data" or odds_ratio is None or low is None or high is None:
        return not_enough_sentence(reason)
    if not point:
        return f"No clear link with {label} so far (likely range {range_words(low, high)})."
    higher = odds_ratio > 1
    direction = "more" if higher else "less"
    times = f"about {number(odds_ratio)} times the odds"
    rng = range_words(low, high)
    if status == "consistent_pattern":
        return (
            f"{subject[0].upper()}{subject[1:]} have consistently tended to come {direction} often on "
            f"{label}: {times} (likely range {rng}), in both halves of the diary."
        )
    if status == "early_hint":
        return (
            f"An early hint: {subject} came {direction} often on {label} ({times}), but with this "
            f"much data the true difference could be {anywhere(low, high)}."
        )
    return f"No clear link with {label} so far ({times}; likely range {rng})."


SAME_MONTH = (
    "This figure compares each cramp day with days of the same month on which such a cramp "
    "could happen, so it can point the other way from the totals, which mix months."
)
"""Said when an estimate's direction differs from the crude rates it follows."""


def rate_sentence(
    status: str,
    what: str,
    before: tuple[int, int],
    after: tuple[int, int],
    ratio: float | None,
    low: float | None,
    high: float | None,
    counted: str = "cramps",
) -> str:
    """Before/after wording for a step change (diet, medicine)."""
    if after[1] == 0 and before[1] == 0:
        return f"No logged days around {what} yet, so there is nothing to compare."
    sides = []
    for (cramps, days), when in ((after, "after"), (before, "before")):
        sides.append(
            f"{cramps_of(cramps, counted)} in {plural(days, 'logged day')} {when}" if days else f"no logged days {when}"
        )
    counts = f"Around {what}: {sides[0]} and {sides[1]}."
    if status == "not_enough_data" or ratio is None or low is None or high is None:
        return counts + " Not enough logged days on both sides yet to compare."
    rng = range_words(low, high)
    if status == "early_hint":
        direction = "more" if ratio > 1 else "fewer"
        return (
            counts + f" That is {direction} {counted} per logged day afterwards (about {number(ratio)} "
            f"times the rate; likely range {rng})."
        )
    return counts + f" No clear change so far (about {number(ratio)} times the rate; likely range {rng})."


def overlap_sentence(titles: list[str], shared: int, cramp_days: int, phi: float, reading: str) -> str:
    """'Training load spike and hard-session streak mostly fall on the same days (13 of 22 cramp
    days with either have both; their days correlate at 0.71), so this diary can't tell them
    apart: read them as one pattern, heavy training.'"""
    names = ", ".join(titles[:-1]) + " and " + titles[-1]
    which, many = ("either", "both") if len(titles) == 2 else ("any of them", "more than one")
    how = "mostly fall" if 2 * shared > cramp_days else "often fall"  # linked by their correlation alone
    return (
        f"{names} {how} on the same days ({shared} of {plural(cramp_days, 'cramp day')} with {which} "
        f"have {many}; their days correlate at {phi:.2f}), so this diary can't tell them apart: read "
        f"them as one pattern{', ' + reading if reading else ''}."
    )
