"""Provides the plain sentences of findings, in science.md §4.6 style.

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

INSIGHT_DISCLAIMER = ("This is a pattern in your own diary, not proof of a cause. Patterns can come "
                      "from chance, from other things that changed at the same time, or from how "
                      "things were logged.")

JOURNAL_NOTE = ("cramplog helps you notice patterns in your own logs. It can't diagnose conditions "
                "and isn't a substitute for a doctor, physiotherapist or pharmacist. It cannot detect "
                "blood clots, nerve problems or mineral deficiencies.")

STATUS_LABELS = {
    "not_enough_data": "not enough data yet",
    "not_analysed": "not analysed for this context",
    "no_clear_link": "no clear link",
    "early_hint": "early hint",
    "consistent_pattern": "consistent pattern in your diary",
}

FORBIDDEN = (r"very large", r"\b0 of 0\b", r"(?i)times as often", r"(?i)\bnan\b", r"(?i)\binf\b",
             r"(?i)\bunknown\b", r"\bNone\b", r"[{}]", r"  ", r"(?<![\d.])0 times", r"(?i)\byour?\b")
"""Patterns (regular expressions) no sentence generated from numbers may match (the tests check)."""

GATES = ("patterns need at least 28 logged days (80% checked in), 8 cramp days, and 5 days with "
         "and 5 without this factor")


def number(x: float) -> str:
    """A finite positive ratio for reading, 2 significant figures."""
    if x >= 10:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.2g}"


def finite(x: float | None) -> bool:
    return x is not None and not math.isnan(x) and not math.isinf(x)


def range_words(low: float, high: float) -> str:
    """'1.5 to 4.4'; an open end is said in words ('2.5 or more', 'up to 0.4')."""
    if not finite(high):
        return f"{number(low)} or more"
    if low <= 0:
        return f"up to {number(high)}"
    return f"{number(low)} to {number(high)}"


def pct(k: int, n: int) -> str:
    return f"{k / n:.0%}"


def frequency(k: int, n: int, label: str) -> str:
    """'26% of low-fluid days (18 of 70)'."""
    return f"{pct(k, n)} of {label} ({k} of {n})"


def counts_sentence(label: str, a: int, n1: int, b: int, n0: int, other: str = "other days") -> str:
    """Natural frequencies: 'Cramps on 26% of low-fluid days (18 of 70) and 12% of other days (9 of 78).'"""
    if n1 == 0 and n0 == 0:
        return "No logged day has this factor tracked yet."
    if n1 == 0:
        return f"No {label} among the {n0} logged days yet, so there is nothing to compare."
    if n0 == 0:
        return f"All {n1} logged days were {label}, so there is nothing to compare."
    return f"Cramps on {frequency(a, n1, label)} and {frequency(b, n0, other)}."


def not_enough_sentence(reason: str = "") -> str:
    if reason:
        return f"Not enough data for a figure: {reason}."
    return f"Not enough data yet to say more: {GATES}."


def pattern_sentence(status: str, label: str, odds_ratio: float | None, low: float | None,
                     high: float | None, reason: str = "") -> str:
    """The relative part, worded by status; never 'causes'."""
    if status == "not_enough_data" or odds_ratio is None or low is None or high is None:
        return not_enough_sentence(reason)
    higher = odds_ratio > 1
    direction = "more" if higher else "less"
    times = f"about {number(odds_ratio)} times the odds"
    rng = range_words(low, high)
    if status == "consistent_pattern":
        return (f"Cramps have consistently tended to come {direction} often on {label}: {times} "
                f"(likely range {rng}), in both halves of the diary.")
    if status == "early_hint":
        return (f"An early hint: cramps came {direction} often on {label} ({times}), but with this "
                f"much data the true difference could be anywhere from {rng}.")
    return f"No clear link with {label} so far ({times}; likely range {rng})."


def rate_sentence(status: str, what: str, before: tuple[int, int], after: tuple[int, int],
                  ratio: float | None, low: float | None, high: float | None) -> str:
    """Before/after wording for a step change (diet, medicine)."""
    if after[1] == 0 and before[1] == 0:
        return f"No logged days around {what} yet, so there is nothing to compare."
    sides = []
    for (cramps, days), when in ((after, "after"), (before, "before")):
        sides.append(f"{cramps} cramps in {days} logged days {when}" if days else f"no logged days {when}")
    counts = f"Around {what}: {sides[0]} and {sides[1]}."
    if status == "not_enough_data" or ratio is None or low is None or high is None:
        return counts + " Not enough logged days on both sides yet to compare."
    rng = range_words(low, high)
    if status == "early_hint":
        direction = "more" if ratio > 1 else "fewer"
        return (counts + f" That is {direction} cramps per logged day afterwards (about {number(ratio)} "
                f"times the rate; likely range {rng}).")
    return counts + f" No clear change so far (about {number(ratio)} times the rate; likely range {rng})."


def overlap_sentence(titles: list[str], shared: int, cramp_days: int, reading: str) -> str:
    """'Training load spike and hard-session streak mostly fall on the same days (13 of 22 cramp
    days with either share both), so this diary can't tell them apart: read them as one pattern.'"""
    names = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    which = "either" if len(titles) == 2 else "any of them"
    return (f"{names} mostly fall on the same days ({shared} of {cramp_days} cramp days with {which} "
            f"have more than one), so this diary can't tell them apart: read them as one pattern"
            f"{', ' + reading if reading else ''}.")
