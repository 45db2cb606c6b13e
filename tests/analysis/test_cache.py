"""Issue 10, point 7: an unchanged journal is answered from the analysis cache."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cramplog.analysis import insights
from cramplog.domain.entries import CheckIn, Symptom
from cramplog.domain.settings import Settings
from cramplog.storage.repository import JournalRepository

from .conftest import NOW, TZ


def test_repeat_is_cached_until_the_journal_settings_or_day_change(tmp_path):
    repo = JournalRepository.open(tmp_path / "j.db")
    repo.add(CheckIn(day=NOW.date(), tz=TZ, no_cramps=True))
    s, today = Settings(), NOW.date()
    first = insights.insights_for_repository(repo, s, today, NOW)
    assert insights.insights_for_repository(repo, s, today, NOW + dt.timedelta(minutes=5)) is first
    assert insights.insights_for_repository(repo, dataclasses.replace(s, units="imperial"), today, NOW) is not first
    assert insights.insights_for_repository(repo, s, today, NOW, context="night") is not first
    # a new entry changes the token: its red flag is never missed
    repo.add(Symptom(at=NOW - dt.timedelta(hours=1), tz=TZ, symptom="chest_pain"))
    after = insights.insights_for_repository(repo, s, today, NOW)
    assert after is not first and [f.rule for f in after.red_flags] == ["pe_signs"]
    tomorrow = NOW + dt.timedelta(days=1)
    assert insights.insights_for_repository(repo, s, tomorrow.date(), tomorrow) is not after
    repo.close()
