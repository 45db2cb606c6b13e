"""The clinician report's figures say what they are: a weekly figure is its total over the weeks
(or days) the sentence names, and a range of one value reads as that value.

A user's report said "26.0 km a week over the 6 weeks with entries (17 runs, 160.0 km in all)":
160 / 6 is 26.7; the figure was a 7-day mean over 43 days. Journals here are built by hand.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cramplog.analysis.report import report_document
from cramplog.analysis.report_format import to_markdown
from cramplog.domain import entries as E
from cramplog.domain.settings import Settings

from .conftest import NOW, TZ
from .helpers import TODAY, cramp, monday, run, stretch


def _journal(start: dt.date, end: dt.date) -> list[E.Entry]:
    entries: list[E.Entry] = []
    day = start
    while day <= end:
        entries.append(E.CheckIn(day=day, tz=TZ, sleep_hours=7.0))
        if day.weekday() in (0, 2, 5):
            entries += [run(day, 6.3 + day.day % 3), stretch(day, 10 + day.day % 4)]
        day += dt.timedelta(days=1)
    return entries


def _text(start: dt.date, end: dt.date, extra: list[E.Entry] = ()) -> str:
    entries = _journal(start, end) + list(extra)
    return to_markdown(report_document(entries, [], Settings(), start, end, NOW))


@pytest.mark.parametrize(
    "start, end",
    [
        (monday(5), TODAY),
        (monday(5) - dt.timedelta(days=1), TODAY),
        (monday(5), monday(0) - dt.timedelta(days=1)),
        (TODAY - dt.timedelta(days=7), TODAY),
    ],
)
def test_a_weekly_figure_is_its_total_over_the_weeks_or_days_it_names(start, end):
    text = " ".join(_text(start, end).split())
    km_total = sum(r.distance_km for r in _journal(start, end) if isinstance(r, E.Run))
    minutes_total = sum(s.minutes for s in _journal(start, end) if isinstance(s, E.Stretch))
    running = re.search(
        r"Running: ([\d.]+) km a week (?:over the (\d+) weeks?|on average over the (\d+) days)"
        r"[^(]*\((\d+) runs?, ([\d.]+) km in all\)",
        text,
    )
    assert running, text
    figure, weeks, days, _, total = running.groups()
    assert float(total) == pytest.approx(km_total, abs=0.05)
    span = int(weeks) if weeks else int(days) / 7
    assert float(figure) == pytest.approx(km_total / span, abs=0.05)
    stretching = re.search(
        r"Stretching: (\d+) min a week (?:over the (\d+) weeks?|on average over the (\d+) days)", text
    )
    assert stretching, text
    figure, weeks, days = stretching.groups()
    span = int(weeks) if weeks else int(days) / 7
    assert float(figure) == pytest.approx(minutes_total / span, abs=0.5)


def test_a_range_of_one_value_reads_as_that_value():
    start = TODAY - dt.timedelta(days=13)
    same = [cramp(start + dt.timedelta(days=2), severity=6), cramp(start + dt.timedelta(days=5), severity=6)]
    text = " ".join(_text(start, TODAY, same).split())
    assert "(all 7 h)" in text and "7–7" not in text
    assert "median 6, all 6" in text and "6–6" not in text
    mixed = [E.CheckIn(day=start, tz=TZ, sleep_hours=5.5), cramp(start + dt.timedelta(days=3), severity=8)]
    text = " ".join(
        to_markdown(
            report_document(
                _journal(start + dt.timedelta(days=1), TODAY) + same + mixed, [], Settings(), start, TODAY, NOW
            )
        ).split()
    )
    assert "range 5.5–7 h" in text and "range 6–8" in text
