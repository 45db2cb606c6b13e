"""The Insights screen: red flags first, one row per factor strongest first, Enter opens a row,
the disclaimer once, progress toward the gates on a young journal, `m` method, escape back."""

from __future__ import annotations

import datetime as dt
import re

from textual.app import App
from textual.widgets import DataTable, Markdown, Static

from cramplog.analysis.insights import Finding
from cramplog.domain.clock import FixedClock
from cramplog.domain.entries import Cramp, Symptom
from cramplog.domain.settings import Settings
from cramplog.storage.repository import JournalRepository
from cramplog.ui.open_journal import OpenJournal
from cramplog.ui.screens.insights import InsightsScreen, forest, ordered

from .conftest import TZ

NOW = dt.datetime(2026, 3, 15, 12, tzinfo=dt.timezone.utc)


class InsightsTestApp(App[None]):
    def __init__(self, repo: JournalRepository) -> None:
        super().__init__()
        self.journal = OpenJournal(repo, Settings(), FixedClock(TZ, at=NOW))

    def on_mount(self) -> None:
        self.push_screen(InsightsScreen())


async def test_a_young_journal_shows_flags_and_progress_not_empty_rows(tmp_path):
    repo = JournalRepository.open(tmp_path / "j.db")
    repo.add_many(
        [
            Cramp(at=NOW - dt.timedelta(days=1), tz=TZ, muscle="calf", severity=5),
            Symptom(at=NOW - dt.timedelta(hours=2), tz=TZ, symptom="warm_red_calf"),
        ]
    )
    app = InsightsTestApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert "URGENT (same day)" in str(screen.query_one("#insights-flags", Static).render())
        progress = str(screen.query_one("#insights-progress", Static).render())
        assert "of 28 logged days, 1 of 8 cramp days" in progress
        assert screen.query_one(DataTable).row_count == 0
        assert not screen.query_one(DataTable).display
        await pilot.press("m")
        assert screen.has_class("show-how")
        assert screen.query_one("#insights-how", Markdown).display
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, InsightsScreen)
    repo.close()


def _finding(factor: str, status: str, ratio: float | None, family: str = "") -> Finding:
    return Finding(
        factor=factor,
        title=factor,
        article_section="",
        status=status,
        sentence="",
        caveats=[],
        counts={},
        odds_ratio=ratio,
        ci_low=ratio and ratio / 2,
        ci_high=ratio and ratio * 2,
        family=family,
    )


def test_rows_strongest_first_with_families_together():
    findings = [
        _finding("a", "no_clear_link", 1.1),
        _finding("b", "early_hint", 2.0, "fam"),
        _finding("c", "early_hint", 0.2),
        _finding("d", "no_clear_link", 1.5, "fam"),
        _finding("e", "consistent_pattern", 1.8),
        _finding("f", "not_enough_data", None),
    ]
    rows = [(f.factor, member) for f, member in ordered(findings)]
    assert rows == [("e", False), ("c", False), ("b", False), ("d", True), ("a", False)]


def test_forest_plot_marks_one_and_the_range():
    assert forest(1.5, 2.6, 4.4, 15) == "       │──●──  "  # above 1: the range misses the │
    assert forest(0.6, 1.3, 2.0, 15) == "     ──┼●─     "  # the range crosses 1: ┼
    assert forest(2.0, 5.0, float("inf"), 15) == "       │ ───●─▸"  # an open end runs off the scale
    assert forest(0.05, 0.3, 0.9, 15) == "◂──●───│       "
    assert forest(None, None, None) == ""


def test_a_medicine_row_counts_cramps_before_and_after_never_0_of_0():
    from cramplog.ui.screens.insights import frequency

    med = Finding(
        factor="new_medicine",
        title="Starting a medicine",
        article_section="",
        status="no_clear_link",
        sentence="",
        caveats=[],
        kind="before_after",
        counts={"before_days": 40, "before_cramps": 2, "after_days": 38, "after_cramps": 6},
    )
    assert (frequency(med, True), frequency(med, False)) == ("6 in 38", "2 in 40")


def test_factors_without_a_row_say_whether_they_never_vary_or_need_more_days():
    from cramplog.analysis.present import others_line

    never = Finding(
        factor="post_injury",
        title="Recent injury",
        article_section="",
        status="not_enough_data",
        sentence="",
        caveats=[],
        counts={},
        never_varies=True,
    )
    young = Finding(
        factor="low_fluid",
        title="Low fluid intake",
        article_section="",
        status="not_enough_data",
        sentence="",
        caveats=[],
        counts={},
    )
    line = others_line([never, young])
    assert "Never varies yet (on every compared day or on none): Recent injury." in line
    assert "Not enough data yet for: Low fluid intake." in line and "Recent injury," not in line


async def test_the_table_of_a_journal_with_a_medicine_shows_no_empty_count(tmp_path):
    from cramplog.domain.entries import CheckIn, Medicine

    repo = JournalRepository.open(tmp_path / "j.db")
    start = dt.date(2025, 12, 1)
    entries: list = [Medicine(name="atorvastatin", start=start + dt.timedelta(days=50), tz=TZ, med_class="statin")]
    for i in range(100):
        day = start + dt.timedelta(days=i)
        if i % 6 == 0:
            entries.append(
                Cramp(
                    at=dt.datetime.combine(day, dt.time(15), tzinfo=dt.timezone.utc), tz=TZ, muscle="calf", severity=4
                )
            )
        else:
            entries.append(CheckIn(day=day, tz=TZ, no_cramps=True))
    repo.add_many(entries)
    app = InsightsTestApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        cells = [str(c) for r in range(table.row_count) for c in table.get_row_at(r)]
        assert table.row_count and "0 of 0" not in cells
        assert sum(bool(re.fullmatch(r"\d+ in \d+", c)) for c in cells) == 2  # after, before
    repo.close()
