"""Statistics, statuses, wording, the simulation subset and the `insights` command."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from cramplog.analysis import stats
from cramplog.analysis.insights import analyse, status_of, to_json
from cramplog.analysis.wording import INSIGHT_DISCLAIMER
from cramplog.domain.entries import CheckIn, Cramp, Diet, Medicine, Symptom
from cramplog.domain.settings import Settings
from tests.support.simulate import REAL_FACTOR, SCENARIO_FACTORS, Scenario, journal, rates, run_one

from .conftest import TZ


def _days(n: int, rng: np.random.Generator, effect: float = 1.0) -> pd.DataFrame:
    idx = pd.date_range("2025-01-01", periods=n, freq="D", name="day")
    x = (rng.random(n) < 0.3).astype(float)
    odds = np.where(x == 1, effect, 1.0) * 0.1 / 0.9
    y = (rng.random(n) < odds / (1 + odds)).astype(float)
    return pd.DataFrame({"x": x, "cramp_day": y, "stratum": idx.strftime("%Y-%m"), "recent_cramp": 0.0}, index=idx)


def test_closed_form_conditional_logit_matches_statsmodels():
    days = _days(365, np.random.default_rng(4), effect=2.5)
    fast = stats.case_crossover(days, "x", engine="closed_form")
    ref = stats.case_crossover(days, "x", engine="statsmodels")
    assert fast.method == ref.method == "conditional_logit"
    assert fast.odds_ratio == pytest.approx(ref.odds_ratio, rel=1e-3)
    assert fast.ci_low == pytest.approx(ref.ci_low, rel=1e-3)
    assert fast.p == pytest.approx(ref.p, rel=1e-2)
    assert fast.mh_odds_ratio == pytest.approx(fast.odds_ratio, rel=0.25)


def test_zero_cell_switches_to_the_exact_method_instead_of_a_silent_huge_estimate():
    days = _days(120, np.random.default_rng(1))
    days.loc[days["x"] == 0, "cramp_day"] = 0.0  # every cramp day exposed: perfect separation
    days.iloc[:40, days.columns.get_loc("cramp_day")] = days["x"].iloc[:40]
    est = stats.case_crossover(days, "x")
    assert est.method == "exact_conditional"
    assert est.unexposed_cramp_days == 0
    assert est.ci_high == float("inf") and est.ci_low > 1


def test_unlogged_and_untracked_days_are_left_out():
    days = _days(100, np.random.default_rng(2))
    days.iloc[:30, days.columns.get_loc("x")] = np.nan
    est = stats.case_crossover(days, "x")
    assert est.days == 70


def test_bh_counts_the_whole_prespecified_list():
    q_all = stats.bh([0.01, None, None, None])
    assert q_all[0] == pytest.approx(0.04) and q_all[1] is None
    assert stats.bh([0.01])[0] == pytest.approx(0.01)


def _estimate(**kw) -> stats.Estimate:
    base = dict(
        exposed_days=30,
        exposed_cramp_days=10,
        unexposed_days=70,
        unexposed_cramp_days=8,
        odds_ratio=3.0,
        ci_low=1.5,
        ci_high=6.0,
        p=0.001,
        method="conditional_logit",
        halves=(1, 1),
    )
    base.update(kw)
    return stats.Estimate(**base)


@pytest.mark.parametrize(
    "change, expected",
    [
        ({}, "consistent_pattern"),
        ({"halves": (1, -1)}, "early_hint"),  # unstable across halves
        ({"ci_low": 0.9, "p": 0.2}, "no_clear_link"),
        ({"exposed_cramp_days": 3, "unexposed_cramp_days": 4}, "not_enough_data"),  # < 8 cramp days
        ({"exposed_days": 4}, "not_enough_data"),
        ({"unexposed_days": 40, "exposed_days": 15}, "early_hint"),  # < 60 logged days
    ],
)
def test_status_gates(change, expected):
    est = _estimate(**change)
    q = 0.5 if change.get("p", 0.001) > 0.05 else 0.01
    assert status_of(est, q, completeness=0.95, fdr_q=0.10) == expected


def test_low_completeness_means_not_enough_data():
    assert status_of(_estimate(), 0.01, completeness=0.5, fdr_q=0.10) == "not_enough_data"


def test_simulated_journal_through_the_pipeline_finds_the_planted_factor():
    result = run_one(11, Scenario(odds_ratio=4.0))
    real = next(f for f in result.findings if f.factor == REAL_FACTOR)
    assert result.logged_days == 365 and result.completeness == 1.0
    assert real.status == "consistent_pattern"
    a, n1 = real.counts["exposed_cramp_days"], real.counts["exposed_days"]
    assert real.sentence.startswith(f"Cramps on {a / n1:.0%} of low-fluid days ({a} of {n1}) and ")
    assert "times the odds" in real.sentence
    assert INSIGHT_DISCLAIMER in real.caveats
    assert "cause" not in real.sentence.replace("because", "")


def test_simulated_night_cramps_land_on_the_evening_diary_day():
    entries, _ = journal(np.random.default_rng(3), Scenario(days=60), Settings())
    assert any(isinstance(e, Cramp) and e.at.hour == 3 for e in entries)
    result = run_one(3, Scenario(days=60))
    assert result.logged_days == 60  # a cramp at 03:10 next morning is not a new day


def test_simulation_subset_rates():
    """A fast subset of the validation run (bench/simulate does 200 journals)."""
    found = rates(range(100, 125), Scenario(odds_ratio=3.0))
    assert found.real >= 0.6
    assert found.null_any <= 0.10
    null_only = rates(range(200, 215), Scenario(odds_ratio=1.0))
    assert null_only.null_any <= 0.10
    assert len(SCENARIO_FACTORS) == 10


def test_before_after_for_a_diet_change_and_a_new_medicine_never_claims_a_pattern():
    start = dt.date(2025, 1, 1)
    entries = []
    for i in range(200):
        day = start + dt.timedelta(days=i)
        if i >= 100 and i % 3 == 0:
            entries.append(
                Cramp(
                    at=dt.datetime(day.year, day.month, day.day, 17, tzinfo=dt.timezone.utc),
                    tz=TZ,
                    muscle="calf",
                    severity=4,
                )
            )
        else:
            entries.append(CheckIn(day=day, tz=TZ, no_cramps=True))
    entries += [
        Diet(day=start + dt.timedelta(days=100), tz=TZ, pattern="vegan", b12=True),
        Medicine(name="atorvastatin", start=start + dt.timedelta(days=100), tz=TZ, med_class="statin"),
    ]
    result = analyse(entries, Settings(), start + dt.timedelta(days=199))
    diet = next(f for f in result.findings if f.factor == "diet_change")
    med = next(f for f in result.findings if f.factor == "new_medicine")
    assert diet.status == med.status == "early_hint"
    assert diet.counts["before_cramps"] == 0 and diet.counts["after_cramps"] > 0
    assert any("prescriber" in c for c in med.caveats)
    assert any("placebo" in c for c in med.caveats)


def test_days_after_a_medicine_was_stopped_are_not_counted_as_on_it():
    start = dt.date(2025, 1, 1)
    entries = []
    for i in range(200):
        day = start + dt.timedelta(days=i)
        if i >= 130 and i % 2 == 0:  # cramps begin a month after the medicine was stopped
            entries.append(
                Cramp(
                    at=dt.datetime(day.year, day.month, day.day, 17, tzinfo=dt.timezone.utc),
                    tz=TZ,
                    muscle="calf",
                    severity=4,
                )
            )
        else:
            entries.append(CheckIn(day=day, tz=TZ, no_cramps=True))
    med = Medicine(name="furosemide", start=start + dt.timedelta(days=90), tz=TZ, med_class="diuretic_loop")
    stopped = med.replace(stop=start + dt.timedelta(days=99))
    on_for_the_window = next(
        f
        for f in analyse([*entries, med], Settings(), start + dt.timedelta(days=199)).findings
        if f.factor == "new_medicine"
    )
    stopped_early = next(
        f
        for f in analyse([*entries, stopped], Settings(), start + dt.timedelta(days=199)).findings
        if f.factor == "new_medicine"
    )
    assert on_for_the_window.counts["after_days"] == 90 and on_for_the_window.counts["after_cramps"] > 0
    assert stopped_early.counts["after_days"] == 10 and stopped_early.counts["after_cramps"] == 0


def test_red_flags_are_in_the_insights_however_little_data():
    s = Symptom(at=dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone.utc), tz=TZ, symptom="chest_pain", id=5)
    result = analyse([s], Settings(), dt.date(2026, 3, 1))
    assert [f.rule for f in result.red_flags] == ["pe_signs"]
    doc = to_json(result)
    assert doc["red_flags"][0]["tier"] == "emergency"
    assert all(f["status"] == "not_enough_data" and f["odds_ratio"] is None for f in doc["findings"])


def test_the_method_note_names_its_numbers_not_placeholders():
    from cramplog.analysis.factors import FACTORS

    note = analyse([], Settings(), dt.date(2026, 3, 1)).method_note
    assert "{" not in note and "}" not in note
    assert f"Across the {len(FACTORS)} factors" in note


def test_a_journal_with_no_logged_day_has_no_period_and_says_so():
    """Not "2026-03-01 to 2026-03-01": a drink alone is no logged day, and there is no period."""
    from cramplog.analysis.present import summary_line
    from cramplog.domain.entries import Drink

    drink = Drink(at=dt.datetime(2026, 2, 20, 9, tzinfo=dt.timezone.utc), tz=TZ, amount_ml=250)
    for entries in ([], [drink]):
        result = analyse(entries, Settings(), dt.date(2026, 3, 1))
        assert result.first_day is None and result.last_day is None
        assert to_json(result)["period"]["first_day"] is None
        assert summary_line(result) == "No logged days yet: a day counts once it has a cramp or a check-in."
        assert "so far" in result.method_note and "2026-" not in result.method_note


def _cli(args, capsys):
    from cramplog.cli import main

    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_insights_command_text_and_json(isolated_home, capsys):
    db = str(isolated_home / "journal.db")
    assert _cli(["--db", db, "cramp", "calf", "-s", "6", "--swelling", "one"], capsys)[0] == 0
    code, out, err = _cli(["--db", db, "insights"], capsys)
    assert code == 0
    assert out.startswith("URGENT (same day): Possible blood clot (DVT) signs.")
    # A young journal: its progress toward the gates and the factors by reason, not 14 empty cards.
    assert "Toward the first insights: 1 of 28 logged days, 1 of 8 cramp days." in out
    assert "Low fluid intake — not enough data yet" not in out
    assert "Not enough data yet for: " in out and "Low fluid intake" in out
    assert "How this is calculated" in out and len(out.splitlines()) < 60
    code, out, _ = _cli(["--db", db, "insights", "--json", "--context", "night"], capsys)
    doc = json.loads(out)
    assert code == 0 and doc["schema"] == "cramplog.insights/1"
    assert doc["period"]["context"] == "night"
    assert {f["factor"] for f in doc["findings"]} >= {"low_fluid", "no_bedtime_stretch", "load_spike"}
    assert doc["red_flags"][0]["rule"] == "possible_dvt"


def test_insights_command_refuses_a_bad_context(isolated_home, capsys):
    code, _, err = _cli(["--db", str(isolated_home / "journal.db"), "insights", "--context", "nope"], capsys)
    assert code == 2 and err.startswith("error:")


def test_each_medicine_is_named_where_the_factors_without_a_figure_are_listed(isolated_home, capsys):
    """Two medicines young in the journal: the line of factors without enough data named each
    "Starting a medicine" and not which, so a reader could not tell them apart."""
    db = str(isolated_home / "journal.db")
    assert _cli(["--db", db, "med", "furosemide", "--class", "diuretic_loop", "--start", "2026-11-25"], capsys)[0] == 0
    assert _cli(["--db", db, "med", "magnesium", "--class", "magnesium", "--start", "2026-12-03"], capsys)[0] == 0
    assert _cli(["--db", db, "cramp", "calf", "-s", "5"], capsys)[0] == 0
    code, out, _ = _cli(["--db", db, "insights"], capsys)
    line = " ".join(out.split()).split("Not enough data yet for:")[1].split(".")[0]
    assert "Starting a medicine (furosemide from 2026-11-25)" in line
    assert "Starting a medicine (magnesium from 2026-12-03)" in line
