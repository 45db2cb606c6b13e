"""Issue 10, points 2-5: every sentence true, the right days compared, no warning leaks.

Sentences generated from numbers are checked against `wording.FORBIDDEN` on simulated journals,
context filters, tiny and separated journals and the clinician report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

from cramplog.analysis import stats, wording
from cramplog.analysis.factors import BY_ID
from cramplog.analysis.frame import daily_frame
from cramplog.analysis.insights import Insights, _overlaps, analyse, analyse_frame, problem, status_of
from cramplog.analysis.present import present
from cramplog.domain.entries import CheckIn, Cramp, Diet, Drink, Injury, Medicine, Run, Shoe
from cramplog.domain.redflags import MEDICINE_NOTE
from cramplog.domain.settings import Settings
from tests.support.simulate import Scenario, journal, run_one

from .conftest import TZ

Z = ZoneInfo(TZ)
START = dt.date(2025, 1, 1)


def sentences(result: Insights) -> list[str]:
    """Every sentence built from this journal's numbers (the fixed disclaimer aside)."""
    view = present(result)
    out = [view.summary, *view.overlaps, *view.shoes, result.method_note]
    for card in view.cards:
        out += [card.sentence, card.figure, *card.caveats]
    return out


def assert_clean(texts: list[str]) -> None:
    for text in texts:
        for pattern in wording.FORBIDDEN:
            if pattern == r"(?i)\byour?\b" and text in (wording.INSIGHT_DISCLAIMER, MEDICINE_NOTE):
                continue
            assert not re.search(pattern, text), f"{pattern!r} in: {text}"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=Z)


def training_diary(days: int = 240, seed: int = 5) -> list:
    """Runs most days, running cramps on some run days, night cramps unrelated to running."""
    rng = np.random.default_rng(seed)
    out: list = []
    for i in range(days):
        day = START + dt.timedelta(days=i)
        ran = rng.random() < 0.5
        if ran:
            out.append(Run(at=_at(day, 7), tz=TZ, distance_km=8.0, duration_s=2800, effort=int(rng.integers(3, 9))))
        cramped = False
        if ran and rng.random() < 0.35:
            out.append(Cramp(at=_at(day, 7, 40), tz=TZ, muscle="calf", severity=5, context="running"))
            cramped = True
        if rng.random() < 0.12:
            out.append(Cramp(at=_at(day + dt.timedelta(days=1), 3), tz=TZ, muscle="calf", severity=5, context="night"))
            cramped = True
        if not cramped:
            out.append(CheckIn(day=day, tz=TZ, no_cramps=True))
        out.append(Drink(at=_at(day, 9), tz=TZ, amount_ml=int(rng.integers(600, 2400))))
    return out


# -- point 5: words ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed, odds_ratio", [(1, 3.0), (2, 1.0), (3, 6.0), (4, 0.3)])
def test_simulated_journal_sentences_have_no_forbidden_fragment(seed, odds_ratio):
    result = run_one(seed, Scenario(odds_ratio=odds_ratio))
    assert_clean(sentences(result))
    real = next(f for f in result.findings if f.factor == "low_fluid")
    if real.status != "not_enough_data":
        assert re.match(r"Cramps on \d+% of low-fluid days \(\d+ of \d+\) and \d+% of other days", real.sentence)
        assert "times the odds" in real.sentence


@pytest.mark.parametrize("context", [None, "night", "running", "rest", "stretching"])
def test_context_filtered_sentences_have_no_forbidden_fragment(context):
    result = analyse(training_diary(), Settings(), START + dt.timedelta(days=239), context=context)
    assert_clean(sentences(result))


def test_tiny_empty_and_one_sided_journals_have_no_forbidden_fragment():
    assert_clean(sentences(analyse([], Settings(), START)))
    one = [Cramp(at=_at(START, 17), tz=TZ, muscle="calf", severity=4)]
    assert_clean(sentences(analyse(one, Settings(), START)))
    # no injury ever logged: never "0 of 0 post-injury days"
    result = analyse(training_diary(60), Settings(), START + dt.timedelta(days=59))
    injury = next(f for f in result.findings if f.factor == "post_injury")
    assert "0 of 0" not in injury.sentence and injury.sentence.startswith("No post-injury days")


def test_before_after_with_no_cramps_before_says_a_finite_figure_inside_its_range():
    entries = []
    for i in range(200):
        day = START + dt.timedelta(days=i)
        if i >= 100 and i % 3 == 0:
            entries.append(Cramp(at=_at(day, 17), tz=TZ, muscle="calf", severity=4))
        else:
            entries.append(CheckIn(day=day, tz=TZ, no_cramps=True))
    entries.append(Medicine(name="atorvastatin", start=START + dt.timedelta(days=100), tz=TZ, med_class="statin"))
    result = analyse(entries, Settings(), START + dt.timedelta(days=199))
    med = next(f for f in result.findings if f.factor == "new_medicine")
    assert med.odds_ratio is not None and med.ci_low is not None and med.ci_high is not None
    assert med.ci_low <= med.odds_ratio <= med.ci_high and np.isfinite(med.odds_ratio)
    assert_clean(sentences(result))


def test_a_nan_or_out_of_range_estimate_is_not_enough_data_with_the_reason():
    base = dict(
        exposed_days=30,
        exposed_cramp_days=10,
        unexposed_days=70,
        unexposed_cramp_days=8,
        ci_low=1.5,
        ci_high=6.0,
        p=0.001,
        method="conditional_logit",
        halves=(1, 1),
    )
    for odds in (float("nan"), float("inf"), 0.0, 9.0):
        est = stats.Estimate(odds_ratio=odds, **base)
        assert problem(est)
        assert status_of(est, 0.01, 0.95, 0.10) == "not_enough_data"
    assert not problem(stats.Estimate(odds_ratio=3.0, **base))


def test_a_clustering_note_only_when_leaving_out_runs_moves_the_figure_towards_one():
    result = run_one(11, Scenario(odds_ratio=4.0))
    for f in result.findings:
        for c in f.caveats:
            if c.startswith("Cramps cluster in time"):
                assert f.sensitivity_odds_ratio is not None and f.odds_ratio is not None
                assert abs(np.log(f.sensitivity_odds_ratio)) < abs(np.log(f.odds_ratio))


# -- point 3: context filters, definitional factors, exact method keeps strata --------------------


def test_a_night_filter_keeps_running_cramp_days_as_days_without_a_night_cramp():
    # science.md §4.9: cramps of another context never remove comparison days (dropping them
    # removed comparison days only, never case days: a bias).
    entries = training_diary()
    today = START + dt.timedelta(days=239)
    all_days = analyse(entries, Settings(), today)
    night = analyse(entries, Settings(), today, context="night")
    frame = daily_frame(entries, Settings(), today)
    only_running = int(((frame["cramps_running"] > 0) & (frame["cramps_night"] == 0)).sum())
    assert only_running > 20
    assert night.logged_days == all_days.logged_days
    assert night.cramp_days == int((frame["cramps_night"] > 0).sum())
    ran = next(f for f in night.findings if f.factor == "ran_today")
    assert ran.status in ("not_enough_data", "no_clear_link")  # never a protective "pattern"
    assert ran.sentence.startswith("Night cramps on ")


def test_a_running_filter_compares_run_days_with_run_days_only():
    # A running cramp can only happen on a run day: rest days are no comparison for it.
    entries = training_diary()
    today = START + dt.timedelta(days=239)
    frame = daily_frame(entries, Settings(), today)
    result = analyse(entries, Settings(), today, context="running")
    assert result.logged_days == int(((frame["runs"] > 0) & frame["logged"]).sum())
    streak = next(f for f in result.findings if f.factor == "hard_streak")
    run_days = frame[(frame["runs"] > 0) & frame["logged"]]
    assert streak.counts["exposed_days"] + streak.counts["unexposed_days"] == len(run_days)
    assert "other days with a run" in streak.sentence


def test_running_that_day_is_not_analysed_for_running_cramps_and_says_why():
    result = analyse(training_diary(), Settings(), START + dt.timedelta(days=239), context="running")
    ran = next(f for f in result.findings if f.factor == "ran_today")
    assert ran.status == "not_analysed" and ran.odds_ratio is None
    assert "can only happen on a day with a run" in ran.sentence
    assert all(f.status != "not_analysed" for f in result.findings if f.factor != "ran_today")


def test_the_exact_method_keeps_the_month_strata():
    # Within each month the factor makes no difference (OR 1); pooled across months it looks
    # like OR 5, because the factor and the cramps both belong to the second month (a trend).
    tables = np.array([[[1, 45], [9, 5]], [[9, 45], [81, 5]]], dtype=float)
    est = stats.Estimate(0, 0, 0, 0)
    stats.exact_stratified(est, tables)
    assert est.odds_ratio == pytest.approx(1.0, abs=0.15)
    assert est.ci_low < 1 < est.ci_high and est.p > 0.5


def test_the_exact_method_matches_scipy_on_one_stratum():
    from scipy.stats import fisher_exact
    from scipy.stats.contingency import odds_ratio

    table = np.array([[7, 3], [20, 40]])
    est = stats.Estimate(0, 0, 0, 0)
    stats.exact_stratified(est, table[:, :, None].astype(float))
    ref = odds_ratio(table, kind="conditional")
    ci = ref.confidence_interval(0.95)
    assert est.odds_ratio == pytest.approx(ref.statistic, rel=1e-6)
    assert (est.ci_low, est.ci_high) == (pytest.approx(ci.low, rel=1e-6), pytest.approx(ci.high, rel=1e-6))
    assert est.p == pytest.approx(fisher_exact(table).pvalue, rel=1e-6)


def test_numpy_engine_matches_the_statsmodels_and_scipy_engine():
    from statsmodels.stats.multitest import multipletests

    rng = np.random.default_rng(4)
    import pandas as pd

    idx = pd.date_range("2025-01-01", periods=365, freq="D", name="day")
    x = (rng.random(365) < 0.3).astype(float)
    odds = np.where(x == 1, 2.5, 1.0) * 0.1 / 0.9
    y = (rng.random(365) < odds / (1 + odds)).astype(float)
    days = pd.DataFrame({"x": x, "cramp_day": y, "stratum": idx.strftime("%Y-%m"), "recent_cramp": 0.0}, index=idx)
    new = stats.case_crossover(days, "x", engine="numpy")
    ref = stats.case_crossover(days, "x", engine="statsmodels")
    assert new.odds_ratio == pytest.approx(ref.odds_ratio, rel=1e-3)
    assert new.p == pytest.approx(ref.p, rel=1e-2)
    assert new.mh_odds_ratio == pytest.approx(ref.mh_odds_ratio, rel=1e-6)
    assert new.mh_ci == pytest.approx(ref.mh_ci, rel=1e-4)
    ps = [0.001, 0.02, 0.03, 0.2, 0.5, 0.04]
    assert stats.bh(ps) == pytest.approx(list(multipletests(ps, method="fdr_bh")[1]))


# -- point 2: the period -------------------------------------------------------------------------


def test_old_shoes_medicines_diets_and_injuries_do_not_stretch_the_period():
    entries = training_diary(120)
    entries += [
        Shoe(name="Old", first_used=dt.date(2020, 3, 1), tz=TZ, id=5),
        Medicine(name="ramipril", start=dt.date(2019, 5, 1), tz=TZ),
        Diet(day=dt.date(2018, 1, 1), tz=TZ, pattern="vegetarian"),
        Injury(day=dt.date(2021, 1, 1), tz=TZ, site="calf"),
    ]
    result = analyse(entries, Settings(), START + dt.timedelta(days=119))
    assert result.first_day == START
    assert result.days == 120 and result.completeness == 1.0
    assert result.method_note.count("(120 of 120 days, 100% complete)") == 1


# -- point 4: overlapping factors -----------------------------------------------------------------


def test_factors_on_the_same_days_are_named_once_as_one_family():
    settings = Settings()
    entries, _ = journal(np.random.default_rng(21), Scenario(odds_ratio=5.0), settings)
    frame = daily_frame(entries, settings, Scenario().start + dt.timedelta(days=364))
    frame["hard_streak"] = frame["low_fluid"]  # the same days
    factors = [BY_ID["low_fluid"], BY_ID["hard_streak"], BY_ID["low_magnesium"]]
    result = analyse_frame(frame, settings, factors=factors)
    flagged = {f.factor for f in result.findings if f.status in ("early_hint", "consistent_pattern")}
    assert {"low_fluid", "hard_streak"} <= flagged
    assert len(result.overlaps) == 1
    overlap = result.overlaps[0]
    assert set(overlap.factors) == {"low_fluid", "hard_streak"} and overlap.phi > 0.99
    assert overlap.shared_cramp_days == overlap.cramp_days > 0
    assert f"({overlap.shared_cramp_days} of {overlap.cramp_days} cramp days" in overlap.sentence
    view = present(result)
    assert view.overlaps == [overlap.sentence]
    # The headline counts what is listed, and says the two read as one pattern.
    listed = [f for f in result.findings if f.status in ("early_hint", "consistent_pattern")]
    patterns = sum(f.status == "consistent_pattern" for f in listed)
    assert f"Found: {patterns} consistent pattern" in view.summary
    assert f"{len(listed) - patterns} early hint" in view.summary
    assert "(2 of them fall on the same days, so read as 1 pattern)" in view.summary


def test_a_factor_without_an_estimate_counts_as_p_1_and_one_not_analysed_not_at_all():
    from cramplog.analysis.insights import family_bh

    # One rule, as docs/analysis.md §3.5 states: unestimable members count with p = 1 in Simes.
    assert family_bh([0.01, None, None, 0.5], [[0, 1, 2], [3]])[0] == pytest.approx(0.06)
    # A member not analysed for the context (NaN) is not in the list: Simes over one member.
    assert family_bh([0.01, float("nan"), 0.5], [[0, 1], [2]])[0] == pytest.approx(0.02)
    assert family_bh([0.01, float("nan"), 0.5], [[0, 1], [2]])[1] is None


def test_an_estimate_against_the_totals_says_why():
    # January: the factor never on, 2 cramp days. February: the factor on 25 days, cramps on 9 of
    # them and on all 3 others. The totals say more cramps with it (36% vs 14%); within February
    # it goes with fewer.
    settings = Settings()
    entries = []
    for i in range(60):
        day = START + dt.timedelta(days=i)
        cramp_day = i in (3, 17) or (i >= 31 and ((i - 31) < 9 or i in (56, 57, 58)))
        entries.append(
            Cramp(at=_at(day, 15), tz=TZ, muscle="calf", severity=4)
            if cramp_day
            else CheckIn(day=day, tz=TZ, no_cramps=True)
        )
    frame = daily_frame(entries, settings, START + dt.timedelta(days=59))
    frame["sim_x"] = [0.0] * 31 + [1.0] * 25 + [0.0] * 4
    factor = dataclasses.replace(BY_ID["low_fluid"], id="sim_x", label="x days")
    finding = analyse_frame(frame, settings, factors=[factor]).findings[0]
    assert finding.counts == {
        "exposed_days": 25,
        "exposed_cramp_days": 9,
        "unexposed_days": 35,
        "unexposed_cramp_days": 5,
    }
    assert finding.odds_ratio is not None and finding.odds_ratio < 1
    assert finding.sentence.endswith(wording.SAME_MONTH)


@pytest.mark.parametrize("context, counted", [(None, "exercise cramp"), ("night", "night cramp"), ("running", "cramp")])
def test_shoe_lines_count_the_cramps_of_the_context(context, counted):
    entries = training_diary(120)
    shoe = Shoe(name="Pegasus", first_used=START, tz=TZ, id=77)
    entries = [e.replace(shoe_id=77) if isinstance(e, Run) else e for e in entries] + [shoe]
    result = analyse(entries, Settings(), START + dt.timedelta(days=119), context=context)
    [line] = result.shoes
    assert re.match(rf"Pegasus: \d+ {counted}s? ", line.sentence), line.sentence
    if context == "running":
        assert "while running" in line.sentence


def test_each_family_counts_once_in_bh():
    from cramplog.analysis.insights import family_bh

    ps = [0.01, 0.01, 0.01, 0.5]
    # one family of three and one factor alone: m = 2, Simes p of the family = 0.01
    assert family_bh(ps, [[0, 1, 2], [3]])[:3] == pytest.approx([0.02, 0.02, 0.02])
    assert family_bh(ps, [[0], [1], [2], [3]])[0] == pytest.approx(0.0133, abs=1e-3)


# -- imperial units -------------------------------------------------------------------------------


def test_imperial_units_show_miles_and_fluid_ounces():
    entries = training_diary(60)
    shoe = Shoe(name="Pegasus", first_used=START, tz=TZ, id=77)
    entries = [e.replace(shoe_id=77) if isinstance(e, Run) else e for e in entries] + [shoe]
    result = analyse(entries, Settings(units="imperial"), START + dt.timedelta(days=59))
    assert " mi " in result.shoes[0].sentence and "per 100 mi" in result.shoes[0].sentence
    assert "km" not in result.shoes[0].sentence
    fluid = next(f for f in result.findings if f.factor == "low_fluid")
    assert fluid.default.endswith("oz") and "ml" not in fluid.default


# -- no warning reaches the terminal --------------------------------------------------------------


@pytest.fixture(scope="module")
def busy_journal(tmp_path_factory):
    from cramplog.storage.repository import JournalRepository

    path = tmp_path_factory.mktemp("busy") / "journal.db"
    repo = JournalRepository.open(path)
    entries = training_diary(200, seed=9)
    entries += [
        Shoe(name="Old", first_used=dt.date(2020, 3, 1), tz=TZ),
        Diet(day=dt.date(2018, 1, 1), tz=TZ, pattern="vegan", b12=False),
        Medicine(name="ramipril", start=START + dt.timedelta(days=100), tz=TZ),
    ]
    repo.add_many(entries)
    repo.close()
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["insights"],
        ["insights", "--context", "night"],
        ["insights", "--context", "running", "--json"],
        ["report", "--from", "2025-01-01", "--to", "2025-07-19"],
    ],
)
def test_the_cli_leaks_no_warning(busy_journal, tmp_path, args):
    env = dict(os.environ, CRAMPLOG_HOME=str(tmp_path / "home"), TZ=TZ, PYTHONWARNINGS="error")
    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "cramplog", "--db", str(busy_journal), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "Traceback" not in done.stderr
    if "--json" not in args:  # no code name (load_spike, no_bedtime_stretch) in text people read
        assert not re.findall(r"\b[a-z]+_[a-z_]+\b", done.stdout)
    if args[0] == "report":
        findings = done.stdout[done.stdout.index("## Worth discussing") :]
        assert not re.search(r"(?i)\byour?\b", findings)
        assert not re.search(r"(?i)\byour?\b", done.stdout)
        assert "this person" in done.stdout


def _flagged(factor: str, odds_ratio: float) -> Any:
    return SimpleNamespace(
        kind="case_crossover",
        status="early_hint",
        factor=factor,
        odds_ratio=odds_ratio,
        family="",
        title=factor.replace("_", " ").capitalize(),
    )


def test_a_rare_factor_inside_a_common_one_is_not_one_pattern():
    """Found by an independent reviewer's null diaries (bench/independent): worn-shoe days fell
    within low-potassium days because most days were low-potassium ones, and the two were called
    one pattern while their days correlated at 0.12."""
    rng = np.random.default_rng(7)
    n = 400
    common = (rng.random(n) < 0.9).astype(float)
    rare = ((rng.random(n) < 0.08) & (common == 1)).astype(float)
    cramp = (rng.random(n) < 0.3).astype(float)
    days = pd.DataFrame({"cramp_day": cramp, "worn_shoe": rare, "low_potassium": common})
    shared = int(((rare == 1) & (common == 1) & (cramp == 1)).sum())
    assert shared == int(((rare == 1) & (cramp == 1)).sum()) > 0  # every rare cramp day is a common one
    assert _overlaps(days, [_flagged("worn_shoe", 2.0), _flagged("low_potassium", 1.5)]) == []


def test_factors_on_the_same_days_that_point_opposite_ways_are_not_one_pattern():
    rng = np.random.default_rng(8)
    x = (rng.random(300) < 0.4).astype(float)
    days = pd.DataFrame({"cramp_day": (rng.random(300) < 0.3).astype(float), "ran_today": x, "distance_jump": x})
    assert _overlaps(days, [_flagged("ran_today", 0.5), _flagged("distance_jump", 1.8)]) == []
    same = _overlaps(days, [_flagged("ran_today", 1.4), _flagged("distance_jump", 1.8)])
    assert len(same) == 1 and same[0].sentence.startswith("Ran today and Distance jump mostly fall on the same days")


@pytest.mark.parametrize(
    "low, high, words",
    [
        (1.5, 4.4, "could be anywhere from 1.5 to 4.4."),
        (0.0, 0.64, "could be anywhere up to 0.64."),  # was 'anywhere from up to 0.64'
        (2.5, float("inf"), "could be anywhere from 2.5 up."),  # was 'anywhere from 2.5 or more'
        (0.0, float("inf"), "could be anything at all."),
    ],
)
def test_an_early_hints_range_reads_as_english_whatever_its_ends(low, high, words):
    sentence = wording.pattern_sentence("early_hint", "low-fluid days", 0.9 if high < 1 else 2.0, low, high)
    assert sentence.endswith(words), sentence


def test_a_ratio_just_under_one_reads_as_one_point_zero_never_one_times():
    """'about 1 times the odds': 42 times in 35 of 150 independent null diaries."""
    assert wording.number(0.996) == "1.0" and wording.number(0.94) == "0.94" and wording.number(1.04) == "1.0"


@pytest.mark.parametrize(
    "exposed, unexposed, odds_ratio, empty",
    [(0, 26, 9.0, True), (12, 0, 0.59, True), (0, 26, 0.4, False), (3, 26, 9.0, False)],
)
def test_an_estimate_pointing_away_from_an_empty_side_shows_its_range_alone(exposed, unexposed, odds_ratio, empty):
    """'Night cramps on 0% of new-shoe run days (0 of 7) ... about 9.0 times the odds': a
    median-unbiased figure of sparse months, in 85 of 150 independent null diaries."""
    from cramplog.analysis.insights import _against_an_empty_side

    est = SimpleNamespace(odds_ratio=odds_ratio, exposed_cramp_days=exposed, unexposed_cramp_days=unexposed)
    assert _against_an_empty_side(est) is empty
    sentence = wording.pattern_sentence("no_clear_link", "new-shoe run days", odds_ratio, 0.0, 351.0, point=not empty)
    assert ("times the odds" not in sentence) is empty
    assert sentence.startswith("No clear link with new-shoe run days so far") and "up to 351" in sentence


def test_shoe_factors_are_defined_in_the_diarys_units():
    """'over 640 km' in an imperial diary: 344 times in 43 of 150 independent null diaries."""
    imperial, metric = Settings(units="imperial"), Settings()
    assert BY_ID["worn_shoe"].default(metric) == "over 640 km"
    assert BY_ID["worn_shoe"].default(imperial).endswith(" mi") and "km" not in BY_ID["new_shoe"].default(imperial)
