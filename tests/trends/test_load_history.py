"""Factors built from the run history need that history inside the diary (docs/analysis.md §2).

A user's six-week journal with one stray drink logged months earlier showed 18 of 43 days as
load-spike days in `cramplog insights` (the month before the diary read as a month of no load),
while `cramplog trends`, which reads only recent weeks, marked one week. The journal here is
built by hand: steady easy running, a check-in every day, and one hard week at the end.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cramplog.analysis import tables as T
from cramplog.analysis.frame import frame_from_tables
from cramplog.analysis.insights import analyse_repository
from cramplog.analysis.trends import load_trends, week_start
from cramplog.storage.repository import JournalRepository

from .conftest import NOW
from .helpers import TODAY, checkin, drink, monday, run

FIRST = monday(5)
"""The diary's first day: six weeks ago on Monday (this week is the sixth)."""


@pytest.fixture
def repo(tmp_path):
    repository = JournalRepository.open(tmp_path / "j.db")
    entries = [drink(FIRST - dt.timedelta(days=150), 500)]  # tried the app once, months before
    day = FIRST
    while day <= TODAY:
        entries.append(checkin(day))
        if day.weekday() in (0, 2, 4):
            hard = day >= monday(0)
            entries.append(run(day, 14.0 if hard else 6.0, minutes=80 if hard else 36, effort=8 if hard else 4))
        day += dt.timedelta(days=1)
    repository.add_many(entries)
    yield repository
    repository.close()


def test_no_load_spike_before_the_diary_holds_28_days_of_history(repo, settings):
    frame = frame_from_tables(T.from_repository(repo, settings.boundary), settings, TODAY)
    diary = frame[frame.index >= pd.Timestamp(FIRST)]
    early = diary.iloc[:27]
    assert early["load_spike"].isna().all()
    assert early["acwr"].isna().all()
    assert diary["load_spike"].iloc[27:].notna().all()
    # The other windows over run history: unknown until their window fits in the diary.
    assert diary["distance_jump"].iloc[:13].isna().all() and diary["distance_jump"].iloc[13:].notna().all()
    assert pd.isna(diary["hard_streak"].iloc[0])
    assert pd.isna(diary["low_stretch_week"].iloc[:7]).all()


def test_insights_and_trends_count_the_same_spike_days(repo, settings, clock):
    frame = frame_from_tables(T.from_repository(repo, settings.boundary), settings, TODAY)
    spike_days = frame.index[frame["load_spike"] == 1]
    assert len(spike_days) and all(d.date() >= monday(0) for d in spike_days)  # only the hard week
    finding = next(f for f in analyse_repository(repo, settings, TODAY, NOW).findings if f.factor == "load_spike")
    assert finding.counts["exposed_days"] == len(spike_days)
    spike_weeks = {week_start(d.date()) for d in spike_days}
    for weeks in (4, 12, 52):
        trends = load_trends(repo, settings, clock, weeks)
        assert {w.start for w in trends.weeks if w.spike} == spike_weeks, weeks
