"""Weekly aggregation on the daily frame, through a real SQLite journal and the fixed clock."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cramplog.analysis.trends import CHARTS, load_trends, week_start
from cramplog.domain import entries as E
from cramplog.domain.vocab import CONTEXTS
from cramplog.storage.repository import JournalRepository

from .helpers import TODAY, TZ, checkin, cramp, drink, monday, run, stretch


@pytest.fixture
def repo(tmp_path):
    repository = JournalRepository.open(tmp_path / "j.db")
    yield repository
    repository.close()


def values(trends, name, k=0):
    return trends.charts[name].series[k].values


def test_a_week_with_nothing_logged_is_a_gap_and_a_checked_in_week_is_zero(repo, settings, clock):
    repo.add_many([checkin(monday(2) + dt.timedelta(days=1)), cramp(monday(0), severity=6)])
    trends = load_trends(repo, settings, clock, 4)
    totals = [w.cramps for w in trends.weeks]
    assert totals == [None, 0, None, 1]  # weeks of 2, 9, 16, 23 Mar
    night = values(trends, "cramps", CONTEXTS.index("night"))
    assert night == [None, 0.0, None, 1.0]
    assert trends.charts["cramps"].gaps == [True, False, True, False]
    assert trends.charts["cramps"].labels == ["2 Mar", "9 Mar", "16 Mar", "23 Mar"]


def test_runs_and_drinks_without_a_check_in_still_show_but_cramps_stay_unknown(repo, settings, clock):
    """Check-ins separate 'no cramp' from 'not logged'; a logged run is a logged run regardless."""
    d = monday(1) + dt.timedelta(days=2)
    repo.add_many([run(d, 8.0), drink(d, 1500), stretch(d, 15)])
    trends = load_trends(repo, settings, clock, 3)
    assert values(trends, "running") == [None, 8.0, None]
    assert values(trends, "stretching") == [None, 15.0, None]
    assert values(trends, "beverages")[1] == 1.5  # litres a day
    assert [w.cramps for w in trends.weeks] == [None, None, None]


def test_night_cramp_before_the_boundary_counts_for_the_evening_before(repo, settings, clock):
    """03:10 on Monday belongs to Sunday's diary day, so to the previous week."""
    repo.add(cramp(monday(0), hour=3, minute=10))
    trends = load_trends(repo, settings, clock, 2)
    assert [w.cramps for w in trends.weeks] == [1, None]


def test_week_start_setting_moves_sunday_into_the_next_week(repo, settings, clock):
    sunday = monday(0) - dt.timedelta(days=1)
    repo.add(cramp(sunday))
    by_monday = load_trends(repo, settings, clock, 2)
    by_sunday = load_trends(repo, dataclasses.replace(settings, week_start="sunday"), clock, 2)
    assert [w.cramps for w in by_monday.weeks] == [1, None]
    assert [w.cramps for w in by_sunday.weeks] == [None, 1]
    assert by_sunday.weeks[-1].start == sunday == week_start(TODAY, "sunday")


def test_context_stacks_and_mean_severity_weighted_by_cramps(repo, settings, clock):
    d = monday(0)
    repo.add_many(
        [cramp(d, 2, "stretching"), cramp(d, 4, "stretching", hour=20), cramp(d + dt.timedelta(days=1), 9, "running")]
    )
    chart = load_trends(repo, settings, clock, 1).charts["cramps"]
    by_label = {s.label: s.values[0] for s in chart.series}
    assert by_label["stretching"] == 2 and by_label["running"] == 1 and by_label["night"] == 0
    assert chart.notes == ["5.0"]  # (2 + 4 + 9) / 3, to one decimal (2.5 is not shown as 2)


def test_beverages_are_a_mean_over_days_with_drinks_against_the_target(repo, settings, clock):
    d = monday(0)
    repo.add_many(
        [
            checkin(d),
            drink(d, 1000),
            drink(d, 500),
            checkin(d + dt.timedelta(days=1)),
            drink(d + dt.timedelta(days=1), 900),
            checkin(d + dt.timedelta(days=2)),
        ]
    )  # a logged day without drinks is not 0 L
    chart = load_trends(repo, settings, clock, 1).charts["beverages"]
    assert values_of(chart) == [pytest.approx(1.2)]
    assert chart.reference == settings.beverage_ml / 1000


def values_of(chart):
    return chart.series[0].values


def test_stretching_and_running_sum_per_week(repo, settings, clock):
    d = monday(1)
    repo.add_many(
        [
            checkin(d),
            stretch(d, 10),
            run(d, 5.0),
            checkin(d + dt.timedelta(days=2)),
            stretch(d + dt.timedelta(days=2), 15),
            run(d + dt.timedelta(days=2), 7.5),
            checkin(TODAY),
        ]
    )
    trends = load_trends(repo, settings, clock, 2)
    assert values_of(trends.charts["stretching"]) == [25.0, 0.0]
    assert values_of(trends.charts["running"]) == [12.5, 0.0]


def test_a_sudden_jump_in_load_marks_its_week_as_a_spike(repo, settings, clock):
    entries = []
    for week in range(8, 0, -1):  # eight steady weeks: 3 easy runs each
        for offset in (0, 2, 4):
            day = monday(week) + dt.timedelta(days=offset)
            entries += [checkin(day), run(day, 6.0, minutes=36, effort=4)]
    for offset in (0, 1, 2, 3):  # this week: four long hard runs
        day = monday(0) + dt.timedelta(days=offset)
        entries += [checkin(day), run(day, 15.0, minutes=90, effort=8)]
    repo.add_many(entries)
    chart = load_trends(repo, settings, clock, 4).charts["running"]
    assert chart.marked == [False, False, False, True]
    assert "load spike" in chart.mark_label


def test_shoes_show_distance_and_their_own_life(repo, settings, clock):
    old = repo.add(E.Shoe(name="Pegasus", first_used=dt.date(2025, 6, 1), tz=TZ, start_km=600.0))
    new = repo.add(E.Shoe(name="Clifton", first_used=dt.date(2026, 3, 1), tz=TZ, life_km=800.0))
    repo.add(E.Shoe(name="Retired long ago", first_used=dt.date(2024, 1, 1), tz=TZ, retired=dt.date(2024, 12, 1)))
    repo.add_many([run(monday(1), 50.0, minutes=300, shoe_id=old.id), run(monday(0), 10.0, shoe_id=new.id)])
    chart = load_trends(repo, settings, clock, 4).charts["shoes"]
    assert chart.labels == ["Pegasus", "Clifton"]
    assert values_of(chart) == [650.0, 10.0]
    assert chart.limits == [settings.life_km, 800.0]


def test_summary_compares_this_week_with_the_logged_weeks_before(repo, settings, clock):
    entries = [cramp(monday(4)), cramp(monday(2)), cramp(monday(2), hour=21)]  # weeks 3 and 1 back: gaps
    d = monday(0)
    entries += [
        cramp(d),
        cramp(d, hour=20),
        cramp(d + dt.timedelta(days=1)),
        drink(d, 1260),
        drink(d + dt.timedelta(days=1), 1260),
    ]
    repo.add_many(entries)
    summary = load_trends(repo, settings, clock, 4).summary
    # Thursday: the week is under way, so its count is set beside the weeks before, not ranked.
    assert summary.startswith("This week so far (4 of 7 days): 3 cramps (the 2 weeks before: 3 cramps, 1.5 a week)")
    assert "beverages 1.3 L a day, 70% of target" in summary
    assert "no runs" in summary
    assert "drink more" not in summary.lower()


def test_a_whole_week_is_compared_up_or_down_with_the_weeks_before(settings):
    from cramplog.analysis.trends import PeriodFigures, summary_line

    def week(start, cramps, end=None):
        return PeriodFigures(
            start=start,
            end=end or start + dt.timedelta(days=6),
            logged_days=5,
            cramps=cramps,
            mean_severity=None,
            beverages_ml=None,
            stretch_min=None,
            run_km=None,
            spike=False,
            active_days=5,
        )

    before = [week(monday(3), 1), week(monday(2), 2)]
    assert summary_line([*before, week(monday(1), 3)], settings).startswith(
        "This week: 3 cramps, up from 1.5 a week in the 2 weeks before (3 cramps)"
    )
    assert summary_line([*before, week(monday(1), 1, end=monday(1) + dt.timedelta(days=1))], settings).startswith(
        "This week so far (2 of 7 days): 1 cramp (the 2 weeks before: 3 cramps, 1.5 a week)"
    )


def test_a_rate_under_one_a_week_is_given_as_the_count(settings):
    """1 cramp in 4 weeks read "0.2 cramps a week"."""
    from cramplog.analysis.trends import PeriodFigures, summary_line

    def week(start, cramps):
        return PeriodFigures(
            start=start,
            end=start + dt.timedelta(days=6),
            logged_days=5,
            cramps=cramps,
            mean_severity=None,
            beverages_ml=None,
            stretch_min=None,
            run_km=None,
            spike=False,
            active_days=5,
        )

    before = [week(monday(5), 0), week(monday(4), 1), week(monday(3), 0), week(monday(2), 0)]
    said = summary_line([*before, week(monday(1), 2)], settings)
    assert said.startswith("This week: 2 cramps, up from 1 cramp in the 4 weeks before;"), said
    assert "0.2" not in said and "0.3" not in said


def test_a_week_of_drinks_runs_and_stretching_without_a_check_in_is_not_nothing(repo, settings, clock):
    """The headline said "This week: nothing logged yet" over drinks, a run and stretching."""
    d = monday(0)
    repo.add_many(
        [
            drink(d, 1500),
            run(d + dt.timedelta(days=1), 8.0),
            stretch(d + dt.timedelta(days=2), 15),
            checkin(monday(1)),
            cramp(monday(1)),
        ]
    )
    summary = load_trends(repo, settings, clock, 4).summary
    assert not summary.startswith("This week: nothing logged yet"), summary
    assert summary.startswith(
        "This week so far (4 of 7 days): cramps not counted yet (no check-in or cramp "
        "logged; n checks in a day); the 1 week before: 1 cramp;"
    )
    assert "beverages 1.5 L a day" in summary and "15 min stretching" in summary and "8.0 km run" in summary


def test_summary_says_so_when_this_week_has_nothing(repo, settings, clock):
    repo.add(cramp(monday(1)))
    summary = load_trends(repo, settings, clock, 4).summary
    assert summary.startswith("This week: nothing logged yet")


def test_every_chart_is_present_and_an_empty_journal_gives_gaps_only(repo, settings, clock):
    trends = load_trends(repo, settings, clock, 12)
    assert list(trends.charts) == list(CHARTS)
    assert all(trends.charts[name].is_empty for name in CHARTS)
    assert len(trends.weeks) == 12 and trends.weeks[-1].start == monday(0)


def test_past_26_weeks_the_charts_are_calendar_months_summed_from_the_days(repo, settings, clock):
    """52 weeks are 12 months (Apr 2025 to Mar 2026 here); a month with nothing logged is a gap."""
    repo.add_many(
        [
            checkin(dt.date(2026, 1, 5)),
            cramp(dt.date(2026, 1, 5), severity=4),
            checkin(dt.date(2026, 1, 20)),
            cramp(dt.date(2026, 1, 20), severity=8),
            cramp(dt.date(2026, 1, 20), severity=8),
            stretch(dt.date(2026, 1, 31), 20),
            run(dt.date(2026, 3, 2), 10.0),
            run(dt.date(2026, 3, 24), 6.5),
            checkin(TODAY),
        ]
    )
    trends = load_trends(repo, settings, clock, 52)
    assert trends.by_month and len(trends.weeks) == 52
    assert [p.start for p in trends.periods] == [dt.date(2025 + (m > 12), (m - 1) % 12 + 1, 1) for m in range(4, 16)]
    assert trends.charts["running"].labels[-4:] == ["Dec", "Jan", "Feb", "Mar"]
    assert trends.charts["running"].years[-4:] == ["2025", "2026", "2026", "2026"]  # the line under them
    assert "per month" in trends.charts["cramps"].title
    january, february, march = trends.periods[-3:]
    assert (january.cramps, january.mean_severity, january.stretch_min) == (3, pytest.approx(20 / 3), 20.0)
    assert (january.logged_days, january.days) == (2, 31)  # check-ins and cramps; a stretch alone is not
    assert february.cramps is None and trends.charts["cramps"].gaps[-2]  # nothing logged: a gap, not 0
    assert march.run_km == 16.5 and march.end == TODAY  # the current month runs to today
    assert values_of(trends.charts["running"])[-1] == 16.5


def test_up_to_26_weeks_the_charts_stay_weekly(repo, settings, clock):
    trends = load_trends(repo, settings, clock, 26)
    assert not trends.by_month and trends.periods == trends.weeks
    assert [p.days for p in trends.periods[:-1]] == [7] * 25


def test_a_report_period_cuts_its_first_month_at_its_first_day(repo, settings, clock):
    """The report passes its start: a cramp before it, in the same month, is not in that month."""
    from cramplog.analysis.trends import build_trends

    repo.add_many(
        [
            checkin(dt.date(2025, 10, 5)),
            cramp(dt.date(2025, 10, 5), severity=4),
            checkin(dt.date(2025, 10, 20)),
            cramp(dt.date(2025, 10, 20), severity=8),
            checkin(TODAY),
        ]
    )
    entries = repo.entries()
    whole = build_trends(entries, settings, TODAY, 30)
    cut = build_trends(entries, settings, TODAY, 30, since=dt.date(2025, 10, 10))
    assert whole.periods[0].start == dt.date(2025, 9, 1) and whole.periods[1].cramps == 2
    assert cut.periods[0].start == dt.date(2025, 10, 10) and cut.periods[0].cramps == 1
    assert cut.periods[0].days == 22 and cut.charts["cramps"].labels[0] == "Oct"


def test_one_binning_rule_for_the_charts_and_the_report():
    """The charts and the clinician report bin a range by one rule (`trends.period_for`), each
    with the bars its medium holds: the finest period that fits, never more bars than that."""
    from cramplog.analysis.report import PAGE_BARS
    from cramplog.analysis.trends import PERIODS, TERMINAL_BARS, bars_for, period_for

    for weeks in range(1, 521):
        per = period_for(weeks)
        assert bars_for(weeks, per) <= TERMINAL_BARS or per == PERIODS[-1]
        finer = PERIODS[: PERIODS.index(per)]
        assert all(bars_for(weeks, p) > TERMINAL_BARS for p in finer)
        page = period_for(weeks, PAGE_BARS, ("week", "month"))
        assert page == ("week" if weeks <= PAGE_BARS else "month")
    # 26 weeks; 27 weeks are 6 months; 115 weeks are 26 months, 116 are 27 (9 quarters).
    assert [period_for(w) for w in (26, 27, 104, 115, 116, 520)] == [
        "week",
        "month",
        "month",
        "month",
        "quarter",
        "quarter",
    ]


@pytest.mark.parametrize("weeks", [4, 12, 26, 52, 104, 260, 520])
def test_the_range_label_counts_and_dates_the_bars_drawn(repo, settings, clock, weeks):
    from cramplog.analysis.trends import range_label

    trends = load_trends(repo, settings, clock, weeks)
    label = range_label(trends.periods, trends.per)
    count, unit = label.split(",")[0].split()[:2]
    bars = int(count) * (4 if unit == "years" else 1)
    assert bars == len(trends.periods) == len(trends.charts["cramps"].labels)
    assert unit.rstrip("s") == trends.per or (unit, trends.per) == ("years", "quarter")
    first, last = trends.periods[0], trends.periods[-1]
    if trends.per == "week":
        assert label.endswith(
            f"{first.start:%d %b}{' ' + str(first.start.year) if first.start.year != 2026 else ''}"
            f" – {last.end:%d %b %Y}"
        )
    elif trends.per == "month":
        assert label.endswith(f"– {last.start:%b %Y}") and f" {first.start:%b}" in label
    else:
        assert label.endswith(f"Q{(first.start.month - 1) // 3 + 1} {first.start.year} – Q1 2026")
