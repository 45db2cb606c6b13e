"""Planned experiments in the journal, on SQLite and PostgreSQL: fixed once made, only stopped."""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.domain.experiment import Plan
from cramplog.errors import InvalidInput, NotFound

TODAY = dt.date(2026, 12, 7)


def plan(start: dt.date = TODAY, weeks_nights: int = 44, seed: int = 1234) -> Plan:
    return Plan(
        behaviour="bedtime_stretch", minutes=3, outcome="cramp_nights", nights=weeks_nights, start=start, seed=seed
    )


def test_a_plan_reads_back_with_the_same_nights_dealt(repo):
    stored = repo.plan_experiment(plan(), TODAY)
    [again] = repo.experiments()
    assert again == stored and again.id is not None
    assert again.arms() == plan().arms() and sum(again.arms()) == 22


def test_a_plan_starts_tonight_or_later_and_never_overlaps_another(repo):
    with pytest.raises(InvalidInput, match="starts tonight"):
        repo.plan_experiment(plan(start=TODAY - dt.timedelta(days=1)), TODAY)
    first = repo.plan_experiment(plan(), TODAY)
    with pytest.raises(InvalidInput, match=f"experiment #{first.id} runs until"):
        repo.plan_experiment(plan(start=TODAY + dt.timedelta(days=10)), TODAY)
    with pytest.raises(InvalidInput, match="can't be changed"):
        repo.plan_experiment(first, TODAY)
    after = repo.plan_experiment(plan(start=first.end + dt.timedelta(days=1)), TODAY)
    assert [p.id for p in repo.experiments()] == [first.id, after.id]


def test_a_stop_is_the_one_change_and_is_recorded_once(repo):
    running = repo.plan_experiment(plan(), TODAY)
    day = TODAY + dt.timedelta(days=5)
    stopped = repo.stop_experiment(running.id, day, "travelling")
    assert (stopped.stopped, stopped.stop_reason, stopped.state(day)) == (day, "travelling", "stopped")
    assert stopped.last == day - dt.timedelta(days=1) and stopped.arms() == running.arms()
    with pytest.raises(InvalidInput, match="already ended"):
        repo.stop_experiment(running.id, day, "again")
    with pytest.raises(NotFound):
        repo.stop_experiment(999, day, "")
    # the stop frees the nights after it for a new plan
    assert repo.plan_experiment(plan(start=day), day).start == day


@pytest.mark.sqlite_only
def test_the_journal_itself_refuses_a_plan_off_the_list(repo):
    import sqlite3

    conn = sqlite3.connect(repo.path)
    for bad in (
        "'quinine', 3, 'cramp_nights', 44",
        "'bedtime_stretch', 3, 'cramp_nights', 43",
        "'bedtime_stretch', 60, 'cramp_nights', 44",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO experiment (behaviour, minutes, outcome, nights, start, seed, stop_reason, "
                f"created_utc) VALUES ({bad}, '2026-12-07', 1, '', '2026-12-07')"
            )
    conn.close()
