"""Provides the minimum-data gates of docs/analysis.md §3 (Statuses) and the statuses they lead to.

One rule: a factor is *not enough data yet* below the gates; a *consistent pattern* needs more
days, a false discovery rate below `fdr_q`, a 95% range that excludes 1 and the same direction
in both halves of the diary; an *early hint* is a range that excludes 1 without all of that; and
*no clear link* is a range that includes 1. So no early hint's range ever includes 1.
"""

from __future__ import annotations

MIN_LOGGED_DAYS = 28
MIN_COMPLETENESS = 0.8
MIN_CRAMP_DAYS = 8
MIN_EXPOSED_DAYS = 5
PATTERN_LOGGED_DAYS = 60
PATTERN_CRAMP_DAYS = 15

FINDING_GATE = (
    f"any finding needs at least {MIN_LOGGED_DAYS} logged days ({MIN_COMPLETENESS:.0%} checked "
    f"in), {MIN_CRAMP_DAYS} cramp days, and {MIN_EXPOSED_DAYS} days with and {MIN_EXPOSED_DAYS} "
    "without the factor"
)
"""The gates in words (a factor below them is "not enough data yet")."""
PATTERN_GATE = (
    f"a consistent pattern needs at least {PATTERN_LOGGED_DAYS} logged days and "
    f"{PATTERN_CRAMP_DAYS} cramp days, a range that excludes 'no difference', and the same "
    "direction in the first and second halves of the diary; an early hint is a range that "
    "excludes it without all of that"
)
"""What a consistent pattern needs beyond the gates, in words. The insights' cards, their method
note, the app and the clinician report all say the gates with these two phrases, never their own."""


def met(days: int, cramp_days: int, exposed: int, unexposed: int, completeness: float) -> bool:
    """Whether a factor's counts pass the gates for showing a figure."""
    return (
        days >= MIN_LOGGED_DAYS
        and completeness >= MIN_COMPLETENESS
        and cramp_days >= MIN_CRAMP_DAYS
        and exposed >= MIN_EXPOSED_DAYS
        and unexposed >= MIN_EXPOSED_DAYS
    )


def status(
    odds_ratio: float,
    low: float,
    high: float,
    q: float,
    fdr_q: float,
    days: int,
    cramp_days: int,
    halves: tuple[int, int] | None,
) -> str:
    """The status of a figure that passed the gates (see the module's rule)."""
    excludes_one = low > 1 or high < 1
    direction = 1 if odds_ratio > 1 else -1
    if (
        excludes_one
        and q < fdr_q
        and days >= PATTERN_LOGGED_DAYS
        and cramp_days >= PATTERN_CRAMP_DAYS
        and halves == (direction, direction)
    ):
        return "consistent_pattern"
    return "early_hint" if excludes_one else "no_clear_link"
