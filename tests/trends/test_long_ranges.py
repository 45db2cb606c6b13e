"""Trends over years, on a ten-year diary written from docs/analysis.md (tests/support/null_diaries,
not from cramplog.analysis): weeks up to 26, months to two years, quarters past that, a year line
under the labels, and labels and severity numbers that never run together."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cramplog.analysis.chart_render import ZERO, draw, render_chart
from cramplog.analysis.trends import RANGES, load_trends
from cramplog.cli import main
from cramplog.storage.repository import JournalRepository
from tests.support.null_diaries import Plan, diary

from .conftest import NOW

TODAY = NOW.date()
LABEL = re.compile(r"^(Q[1-4]|[A-Z][a-z]{2}|\d{1,2} [A-Z][a-z]{2})$")


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory):
    """Ten years of one person's diary (New York, metric), ending the day before the tests' today."""
    made = diary(Plan(days=3650, seed=1, start=TODAY - dt.timedelta(days=3650)))
    path = tmp_path_factory.mktemp("ten-years") / "journal.db"
    repo = JournalRepository.open(path)
    # The diary numbers its shoes itself (runs name them by ID): they go in first.
    repo.add_many(sorted(made.entries, key=lambda e: e.kind != "shoe"))
    repo.close()
    return path


@pytest.fixture
def repo(ten_years):
    repository = JournalRepository.open(ten_years)
    yield repository
    repository.close()


def _rows(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The plot's lines, the label line and the year line of a drawn vertical chart."""
    axis = next(i for i, line in enumerate(lines) if "└" in line)

    def tokens(line: str) -> list[str]:  # labels are two spaces apart at least ("2 Mar" holds one)
        return [t for t in re.split(r" {2,}", line.strip()) if t]

    return lines[1:axis], tokens(lines[axis + 1]), tokens(lines[axis + 2])


def test_ten_years_are_forty_quarters_with_each_year_named(repo, settings, clock):
    trends = load_trends(repo, settings, clock, 520)
    assert trends.per == "quarter" and len(trends.periods) == 40
    assert trends.periods[-1].start == dt.date(2026, 1, 1) and trends.periods[0].start == dt.date(2016, 4, 1)
    chart = trends.charts["cramps"]
    assert set(chart.labels) == {"Q1", "Q2", "Q3", "Q4"} and "per quarter" in chart.title
    _, labels, years = _rows(draw(chart, 80, 24).lines)
    assert all(LABEL.match(t) for t in labels), labels
    assert all(re.fullmatch(r"20\d\d", t) for t in years), years
    assert [int(y) for y in years] == sorted(set(int(y) for y in years)) and len(years) >= 8, years


def test_two_years_are_months_with_both_years_named(repo, settings, clock):
    trends = load_trends(repo, settings, clock, 104)
    assert trends.per == "month" and len(trends.periods) == 24
    _, labels, years = _rows(draw(trends.charts["running"], 80, 24).lines)
    assert all(LABEL.match(t) for t in labels), labels
    assert years == ["2024", "2025", "2026"], years


@pytest.mark.parametrize("weeks", RANGES)
@pytest.mark.parametrize("width", [80, 120, 200])
def test_labels_and_severity_numbers_never_run_together(repo, settings, clock, weeks, width):
    """26 weeks at 80 columns drew "7.56.5" and "4.08.0": two means, touching."""
    chart = load_trends(repo, settings, clock, weeks).charts["cramps"]
    plot, labels, years = _rows(draw(chart, width, 24).lines)
    assert all(LABEL.match(t) for t in labels), labels
    numbers = [t for line in plot for t in re.findall(r"[\d.]+", line.split("┤")[-1].split("│")[-1])]
    assert all(re.fullmatch(r"\d{1,2}(\.\d)?", t) for t in numbers), numbers


def test_a_logged_week_without_a_cramp_is_marked_apart_from_a_week_not_logged(repo, settings, clock):
    trends = load_trends(repo, settings, clock, 26)
    chart = trends.charts["cramps"]
    zero = [i for i, p in enumerate(trends.periods) if p.cramps == 0]
    assert zero, "the diary has weeks checked in without a cramp"
    text = render_chart(chart, 200, 30)
    assert ZERO in text and f"{ZERO} no cramps (days logged)" in text


def test_the_command_line_charts_ten_years_the_same_way(ten_years, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    code = main(["--db", str(ten_years), "trends", "--weeks", "520", "--chart", "cramps", "--no-color"])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.split("\n")
    assert any("Cramps per quarter" in line for line in lines)
    axis = next(i for i, line in enumerate(lines) if "└" in line)
    assert len(re.findall(r"20\d\d", lines[axis + 2])) >= 8
