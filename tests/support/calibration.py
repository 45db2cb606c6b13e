"""Provides the calibration runs: diaries from `null_diaries` through the app's own analysis.

For each diary, every factor under every context (none, night, running, stretching): its status,
odds ratio and range. `bench/calibrate` prints the rates; `tests/analysis/test_calibration.py`
runs a fixed subset.
"""

from __future__ import annotations

from dataclasses import dataclass

from cramplog.analysis import tables as T
from cramplog.analysis.frame import frame_from_tables
from cramplog.analysis.insights import analyse_frame
from cramplog.domain.settings import Settings
from tests.support.null_diaries import Plan, diary

CONTEXTS = (None, "night", "running", "stretching")
PLANTED = {None: "low_fluid", "night": "no_bedtime_stretch", "running": "hard_streak", "stretching": "low_stretch_week"}
"""The factor planted for each context's power run (null_diaries.PLANTABLE)."""
EXACT_OR = ("night", "running")
"""Contexts whose planted odds ratio is exactly the day-level one (one process, one chance a day),
so the coverage of the planted factor's range can be read against it."""


@dataclass(frozen=True, slots=True)
class Row:
    context: str | None
    factor: str
    status: str
    odds_ratio: float | None
    ci_low: float | None
    ci_high: float | None


def analysed(plan: Plan, contexts: tuple[str | None, ...] = CONTEXTS) -> list[Row]:
    """The diary of `plan`, analysed under each context."""
    d = diary(plan)
    settings = Settings(units=d.units)
    tables = T.from_entries(d.entries, settings.boundary)
    frame = frame_from_tables(tables, settings, d.today)
    out = []
    for context in contexts:
        result = analyse_frame(frame, settings, tables=tables, context=context)
        out += [
            Row(context, f.factor, f.status, f.odds_ratio, f.ci_low, f.ci_high)
            for f in result.findings
            if f.kind == "case_crossover"
        ]
    return out
