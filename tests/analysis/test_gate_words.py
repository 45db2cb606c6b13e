"""The minimum-data gates and the number of factors are said once, the same everywhere.

A user's `cramplog insights` said on its cards "patterns need at least 28 logged days ... 8 cramp
days" and in its method paragraph "A pattern needs at least 60 logged days and 15 cramp days";
it said "Across the 14 factors" where the clinician report said "of 16 factors compared". The
journal is `tests/support/null_diaries` (written from the docs), with a diet change and a
medicine, so before/after comparisons are made too.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cramplog.analysis import gates
from cramplog.analysis.factors import FACTORS
from cramplog.analysis.insights import analyse
from cramplog.analysis.present import present
from cramplog.analysis.report import report_document
from cramplog.analysis.report_format import to_markdown
from cramplog.cli.insights import render
from cramplog.domain.entries import Diet, Medicine
from cramplog.domain.settings import Settings
from tests.support.null_diaries import Plan, diary


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("days, context", [(43, None), (200, None), (200, "running")])
def test_insights_and_the_report_say_the_same_gates_and_the_same_count(days, context):
    d = diary(Plan(days=days, seed=3, start=dt.date(2026, 1, 5)))
    middle = dt.date(2026, 1, 5) + dt.timedelta(days=days // 2)
    entries = [
        *d.entries,
        Diet(day=middle, tz=d.tz, pattern="vegetarian"),
        Medicine(name="Atorvastatin", start=middle, tz=d.tz, med_class="statin"),
    ]
    settings = Settings(units=d.units)
    result = analyse(entries, settings, d.today, context=context)
    view = present(result)
    app = " ".join([view.method_note, *(c.sentence for c in view.cards)])
    texts = {"insights": _flat(render(result)), "app": _flat(app)}
    if context is None:
        now = dt.datetime.combine(d.today, dt.time(23), tzinfo=dt.timezone.utc)
        report = report_document(entries, [], settings, dt.date(2026, 1, 5), d.today, now)
        texts["report"] = _flat(to_markdown(report))
    expected = len(FACTORS) - (context == "running")
    for name, text in texts.items():
        counts = {int(n) for n in re.findall(r"(\d+) factors", text)}
        assert counts == {expected}, (name, counts)
        # Every "N logged days" / "N cramp days" a gate names is one of the gates' own numbers,
        # tied to the same words each time.
        said = r"(any finding|a consistent pattern|patterns?) needs? at least (\d+) logged days"
        claims = set(re.findall(said, text, flags=re.I))
        assert {(who.lower(), int(n)) for who, n in claims} <= {
            ("any finding", gates.MIN_LOGGED_DAYS),
            ("a consistent pattern", gates.PATTERN_LOGGED_DAYS),
        }, name
        assert claims, name
