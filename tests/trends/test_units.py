"""Imperial units reach the trends chart axes: fl oz and mi, converted by the domain's one layer."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cramplog.analysis.trends import load_trends
from cramplog.domain import entries as E
from cramplog.storage.repository import JournalRepository

from .helpers import TZ, checkin, drink, monday, run


@pytest.fixture
def repo(tmp_path):
    repository = JournalRepository.open(tmp_path / "j.db")
    yield repository
    repository.close()


def test_chart_axes_follow_the_units(repo, settings, clock):
    d = monday(0)
    shoe = repo.add(E.Shoe(name="Pegasus", first_used=dt.date(2026, 1, 1), tz=TZ, life_km=804.672))
    repo.add_many([checkin(d), drink(d, 946), run(d, 8.04672, shoe_id=shoe.id)])
    metric = load_trends(repo, settings, clock, 1).charts
    assert (metric["beverages"].unit, metric["running"].unit, metric["shoes"].unit) == ("L", "km", "km")
    imperial = load_trends(repo, dataclasses.replace(settings, units="imperial"), clock, 1).charts
    beverages, running, shoes = imperial["beverages"], imperial["running"], imperial["shoes"]
    assert beverages.unit == "fl oz" and "(fl oz)" in beverages.title
    assert beverages.series[0].values == [pytest.approx(32.0, abs=0.05)]
    assert beverages.reference == pytest.approx(settings.beverage_ml / 29.5735)
    assert running.unit == "mi" and "(mi)" in running.title
    assert running.series[0].values == [pytest.approx(5.0)]
    assert shoes.unit == "mi" and shoes.series[0].values == [pytest.approx(5.0)]
    assert shoes.limits == [pytest.approx(500.0)]
