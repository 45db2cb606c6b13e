"""Provides the comparisons behind every factor: which days each cramp is compared with.

A cramp is compared with the logged days of the same calendar month on which such a cramp could
have happened (docs/analysis.md §1): a cramp while running with the other runs, a cramp while
stretching with the other stretching sessions, any other cramp (at night, at rest, ...) with every
logged day. A cramp during an activity is an event of one run or one session, so a day with two
sessions is two chances, compared as two: otherwise whatever brings a second session that day (a
run, and its stretch after) would seem to go with cramps while stretching. Cramps of another kind
never remove a day from the comparison: a day with only a cramp while running is still a day
without a night cramp.

Each group is its own set of strata (month and group), so the conditional likelihood compares
like with like; the pooled analysis (no `--context`) is all groups together, one common odds
ratio. A factor `bound` to a context (built from the activity such cramps happen during) leaves
that group out, and is not analysed under that context.
"""

from __future__ import annotations

import pandas as pd

from ..domain import vocab

AT_RISK = {"running": "runs", "stretching": "stretches"}
"""Contexts that happen during an activity -> the frame column counting that activity per day."""
FREE = tuple(c for c in vocab.CONTEXTS if c not in AT_RISK)
"""Contexts a cramp of which can happen on any day (night, rest, other exercise, other)."""
ANY = "any"
"""The group of cramps not bound to an activity, in the pooled analysis."""


def groups(context: str | None) -> list[tuple[str, tuple[str, ...], str | None]]:
    """(group, its cramp contexts, the activity column its days need) for an analysis."""
    if context is None:
        return [(ANY, FREE, None), *((c, (c,), col) for c, col in AT_RISK.items())]
    return [(context, (context,), AT_RISK.get(context))]


def comparison_rows(days: pd.DataFrame, context: str | None) -> pd.DataFrame:
    """One row per logged day (or, for a cramp during an activity, per run or session that day)
    and group, in day order, with the group's outcome.

    Columns: every column of `days` (the day's exposures), `group`, `cramp_day` (a cramp of the
    group's contexts that day, or in that run or session) and `stratum` (month and group).
    """
    parts = []
    for name, contexts, activity in groups(context):
        cramps = sum(days[f"cramps_{c}"].fillna(0) for c in contexts)
        if activity is None:
            part = days.assign(cramp_day=(cramps > 0).astype(float))
        else:
            chances = days[activity].fillna(0).astype(int)
            part = days.loc[days.index.repeat(chances)]
            nth = part.groupby(level=0).cumcount().to_numpy()
            # Which run or session held the cramp doesn't matter: they share the day's exposures.
            part = part.assign(cramp_day=(nth < cramps.loc[part.index].to_numpy()).astype(float))
        parts.append(part.assign(group=name, stratum=part["stratum"] + "/" + name))
    rows = pd.concat(parts) if len(parts) > 1 else parts[0]
    return rows.sort_index(kind="stable")


def outcome_days(days: pd.DataFrame, context: str | None) -> pd.Series:
    """1.0 on the logged days with a cramp the analysis counts (every cramp, or the context's)."""
    if context is None:
        return days["cramp_day"]
    return (days[f"cramps_{context}"].fillna(0) > 0).astype(float)


def compared_days(days: pd.DataFrame, context: str | None) -> pd.DataFrame:
    """The logged days an analysis compares: every one, or those on which its cramps can happen."""
    activity = AT_RISK.get(context or "")
    return days if activity is None else days[days[activity] > 0]


def unmatched(days: pd.DataFrame, context: str | None) -> int:
    """Cramps during an activity on days where that activity wasn't logged: they can't be compared."""
    total = 0
    for c, activity in AT_RISK.items():
        if context in (None, c):
            total += int(days.loc[days[activity] == 0, f"cramps_{c}"].fillna(0).sum())
    return total


def factor_rows(rows: pd.DataFrame, bound: str, context: str | None) -> pd.DataFrame:
    """The rows a factor is estimated on: without the group of the context it is bound to."""
    return rows if not bound or context is not None else rows[rows["group"] != bound]
