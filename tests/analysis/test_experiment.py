"""Reading a planned experiment: each night from the diary, then the test its randomisation allows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cramplog.analysis.experiment import Night, newcombe, nights_of, randomisation_p, read
from cramplog.domain.entries import CheckIn, Cramp, Stretch
from cramplog.domain.experiment import Plan

TZ = "Europe/London"
Z = ZoneInfo(TZ)
START = dt.date(2026, 1, 5)
BOUNDARY = dt.time(4, 0)


def plan(**kw) -> Plan:
    values = dict(behaviour="bedtime_stretch", minutes=3, outcome="cramp_nights", nights=44, start=START, seed=11)
    values.update(kw)
    return Plan(**values)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=Z)


def diary(p: Plan, cramp_on: set[int], follow: bool = True, skip: frozenset[int] = frozenset()) -> list:
    """Night i: a stretch at 22:00 on nights dealt 'stretch' (when followed), a night cramp at
    03:00 on the nights in `cramp_on`, a check-in on the others (but not on `skip`)."""
    out: list = []
    for i, arm in enumerate(p.arms()):
        day = START + dt.timedelta(days=i)
        if arm == follow:
            out.append(Stretch(at=at(day, 22), tz=TZ, minutes=4, muscles=("calf", "hamstring")))
        if i in cramp_on:
            out.append(Cramp(at=at(day + dt.timedelta(days=1), 3), tz=TZ, muscle="calf", severity=6, context="night"))
        elif i not in skip:
            out.append(CheckIn(day=day, tz=TZ, no_cramps=True))
    return out


def test_each_night_is_read_from_the_diary_never_asked_twice():
    p = plan()
    arms = p.arms()
    stretch_night = arms.index(True)
    other = arms.index(False)
    checked = next(i for i in range(44) if i not in (stretch_night, other))
    entries = [
        Stretch(at=at(START + dt.timedelta(days=stretch_night), 21, 30), tz=TZ, minutes=3, muscles=("calf",)),
        Cramp(
            at=at(START + dt.timedelta(days=stretch_night + 1), 2), tz=TZ, muscle="calf", severity=5, context="night"
        ),
        # on a night dealt "no stretch": a stretch after the cramp eases it, it isn't the behaviour
        Cramp(at=at(START + dt.timedelta(days=other), 23), tz=TZ, muscle="calf", severity=5, context="night"),
        Stretch(at=at(START + dt.timedelta(days=other), 23, 10), tz=TZ, minutes=5, muscles=("calf",)),
        CheckIn(day=START + dt.timedelta(days=checked), tz=TZ, no_cramps=True),
    ]
    nights = {n.number - 1: n for n in nights_of(p, entries, BOUNDARY, START + dt.timedelta(days=43))}
    assert nights[stretch_night].outcome is True and nights[stretch_night].followed
    assert nights[other].outcome is True and nights[other].followed and nights[other].minutes == 0
    assert nights[checked].outcome is False
    unlogged = next(i for i in range(44) if i not in (stretch_night, other, checked))
    assert nights[unlogged].outcome is None  # no check-in, no cramp: not cramp-free


def test_before_the_end_it_says_only_how_many_nights_are_left():
    p = plan()
    today = START + dt.timedelta(days=11)
    r = read(p, diary(p, {1, 5, 9}), BOUNDARY, today)
    assert r.state == "running" and r.as_assigned is None and r.p is None
    assert r.summary == "Night 12 of 44: the reading comes after night 44 (33 nights left, tonight included)."
    assert "stretch" not in " ".join(r.details).replace("no stretch", "")  # no counts by arm


def test_a_clear_halving_is_read_as_such_and_no_difference_as_none():
    p = plan(nights=84)
    arms = p.arms()
    fewer = {i for i, arm in enumerate(arms) if (not arm and i % 2 == 0) or (arm and i % 9 == 0)}
    r = read(p, diary(p, fewer), BOUNDARY, p.end + dt.timedelta(days=1))
    assert r.state == "complete" and r.p is not None and r.p < 0.05
    assert r.as_assigned.difference < 0 and r.as_assigned.high < 0
    assert "went with fewer cramp nights" in r.summary and r.summary.startswith("Cramp nights: ")
    same = {i for i in range(84) if i % 3 == 0}
    r2 = read(p, diary(p, same), BOUNDARY, p.end + dt.timedelta(days=1))
    assert r2.p > 0.2 and "No clear difference" in r2.summary
    assert r2.as_assigned.low < 0 < r2.as_assigned.high


def test_nights_off_plan_are_shown_beside_the_reading_not_instead_of_it():
    p = plan()
    entries = diary(p, {0, 4, 8}, follow=False)  # stretched on every night dealt "no stretch"
    r = read(p, entries, BOUNDARY, p.end + dt.timedelta(days=1))
    assert any("The plan was followed on 0 of 44 nights" in d for d in r.details)
    assert r.per_protocol is not None and r.per_protocol.with_nights == 0


def test_a_stopped_experiment_has_counts_and_no_reading():
    p = plan(stopped=START + dt.timedelta(days=20), stop_reason="ill")
    r = read(p, diary(p, {1, 2}), BOUNDARY, START + dt.timedelta(days=30))
    assert r.state == "stopped" and r.p is None and len(r.nights) == 20
    assert r.summary.startswith(f"Stopped on {START + dt.timedelta(days=20)} (ill), after 20 of 44 planned nights")


def test_the_randomisation_test_is_the_same_every_time_and_holds_its_level():
    import numpy as np

    p = plan()
    nights = [Night(START, i + 1, arm, bool(i % 4 == 0), 0, True) for i, arm in enumerate(p.arms())]
    assert randomisation_p(nights, 5) == randomisation_p(nights, 5)
    rng = np.random.default_rng(3)
    rejected = 0
    for trial in range(300):
        arms = Plan(
            behaviour="bedtime_stretch", minutes=3, outcome="cramp_nights", nights=44, start=START, seed=trial
        ).arms()
        ys = rng.random(44) < 0.25
        got = randomisation_p(
            [Night(START, i + 1, a, bool(y), 0, True) for i, (a, y) in enumerate(zip(arms, ys))], trial, deals=500
        )
        rejected += got is not None and got < 0.05
    assert rejected / 300 <= 0.08


def test_newcombe_matches_the_published_example():
    # Newcombe 1998 (Stat Med 17:873), table II, example (a): 56/70 vs 48/80 -> 0.0524 to 0.3339
    low, high = newcombe(56, 70, 48, 80)
    assert (low, high) == (pytest.approx(0.0524, abs=1e-4), pytest.approx(0.3339, abs=1e-4))


def test_the_clinician_report_carries_the_reading_as_the_experiment_reads_it():
    from cramplog.analysis.report import report_document
    from cramplog.analysis.report_format import render
    from cramplog.domain.settings import Settings

    p = plan(nights=84)
    entries = diary(p, {i for i, arm in enumerate(p.arms()) if not arm and i % 2 == 0})
    reading = read(p, entries, BOUNDARY, p.end + dt.timedelta(days=1))
    end = p.end
    now = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(9), tzinfo=Z)
    doc = report_document(entries, [], Settings(), p.start, end, now, experiments=[reading])
    section = next(s for s in doc.sections if s.key == "experiment")
    assert not section.first_page and section.title == "Planned self-experiment"
    text = render(doc, "md")
    assert reading.summary in text and "dealt at random" in text
