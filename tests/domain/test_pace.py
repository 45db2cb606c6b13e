"""A run's distance and time must give a pace someone can run (issue 22: 5.5 km in 341 s came
in silently): the domain refuses it, so the CLI does and an import skips it with that reason."""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.domain.entries import FASTEST_S_PER_KM, ImpossiblePace, Run

AT = dt.datetime(2024, 5, 1, 6, 30, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("km,seconds", [(5.5, 341), (10.0, 999), (0.4, 30), (42.195, 3600)])
def test_faster_than_anyone_runs_is_refused(km, seconds):
    with pytest.raises(ImpossiblePace, match="faster than anyone runs"):
        Run(at=AT, distance_km=km, duration_s=seconds)


@pytest.mark.parametrize(
    "km,seconds", [(0.1, 10), (1.0, FASTEST_S_PER_KM), (42.195, 2 * 3600), (5.5, None), (None, 60)]
)
def test_a_world_record_pace_or_a_missing_value_is_not(km, seconds):
    Run(at=AT, distance_km=km, duration_s=seconds, workout="run" if km else "other")


def test_the_cli_refuses_it_with_one_line(cli):
    code, out, err = cli("run", "5.5", "--time", "5:41")
    assert code == 2 and out == ""
    assert err == "error: 5.5 km in 5:41 is 1:02 per km, faster than anyone runs: check the distance and the time\n"
