"""Provides the plain sentences of findings, in science.md §4.6 style.

Counts first, then the relative figure in words with its range; association words only; no
p-values; null results said plainly. Red-flag text lives in `cramplog.domain.redflags`.
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
    "no_clear_link": "no clear link",
    "early_hint": "early hint",
    "consistent_pattern": "consistent pattern in your diary",
}


def number(x: float | None) -> str:
    """A ratio for reading: 2 significant figures, infinity as 'very large'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "unknown"
    if math.isinf(x):
        return "very large"
    if x >= 10:
        return f"{x:.0f}"
    return f"{x:.2g}" if x < 1 else f"{x:.1f}"


def share(k: int, n: int, label: str) -> str:
    """'6 of 20 low-fluid days (30%)'."""
    return f"{k} of {n} {label}" + (f" ({k / n:.0%})" if n else "")


def counts_sentence(label: str, a: int, n1: int, b: int, n0: int, other: str = "other days") -> str:
    """'You logged cramps on 6 of 20 low-fluid days (30%) and 4 of 70 other days (6%).'"""
    return f"You logged cramps on {share(a, n1, label)} and {share(b, n0, other)}."


def range_words(low: float | None, high: float | None) -> str:
    return f"{number(low)} to {number(high)}"


def pattern_sentence(status: str, label: str, odds_ratio: float | None, low: float | None,
                     high: float | None) -> str:
    """The relative part, worded by status; never 'causes'."""
    if status == "not_enough_data":
        return ("Not enough data yet to say more: patterns need at least 28 logged days (80% "
                "checked in), 8 cramp days, and 5 days with and 5 without this factor.")
    higher = odds_ratio is not None and odds_ratio > 1
    direction = "more" if higher else "less"
    times = f"about {number(odds_ratio)} times the odds"
    rng = range_words(low, high)
    if status == "consistent_pattern":
        return (f"Cramps have consistently tended to come {direction} often on {label}: {times} "
                f"(likely range {rng}), in both halves of your diary.")
    if status == "early_hint":
        return (f"An early hint: cramps came {direction} often on {label} ({times}), but with this "
                f"much data the true difference could be anywhere from {rng}.")
    return (f"No clear link with {label} so far (odds ratio {number(odds_ratio)}, likely range {rng}).")


def rate_sentence(status: str, what: str, before: tuple[int, int], after: tuple[int, int],
                  ratio: float | None, low: float | None, high: float | None) -> str:
    """Before/after wording for a step change (diet, medicine)."""
    counts = (f"You logged {after[0]} cramps in {after[1]} logged days after {what} and "
              f"{before[0]} in {before[1]} logged days before.")
    if status == "not_enough_data":
        return counts + " Not enough logged days on both sides yet to compare."
    rng = range_words(low, high)
    if status == "early_hint":
        direction = "more" if (ratio or 0) > 1 else "fewer"
        return (counts + f" That is {direction} cramps per day afterwards (about {number(ratio)} times the "
                f"rate; likely range {rng}).")
    return counts + f" No clear change so far (rate ratio {number(ratio)}, likely range {rng})."
