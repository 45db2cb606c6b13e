"""The Insights screen: red flags first, one row per factor strongest first, Enter opens a row,
the disclaimer once, progress toward the gates on a young journal, `m` method, escape back."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.widgets import DataTable, Markdown, Static

from cramplog.analysis.insights import Finding
from cramplog.domain.clock import FixedClock
from cramplog.domain.entries import Cramp, Symptom
from cramplog.domain.settings import Settings
from cramplog.storage.repository import JournalRepository
from cramplog.ui.screens.insights import InsightsScreen, forest, ordered

from .conftest import TZ

NOW = dt.datetime(2026, 3, 15, 12, tzinfo=dt.timezone.utc)


class InsightsTestApp(App[None]):
    def __init__(self, repo: JournalRepository) -> None:
        super().__init__()
        self.repo = repo
        self.settings = Settings()
        self.clock = FixedClock(TZ, at=NOW)

    def on_mount(self) -> None:
        self.push_screen(InsightsScreen())


async def test_a_young_journal_shows_flags_and_progress_not_empty_rows(tmp_path):
    repo = JournalRepository.open(tmp_path / "j.db")
    repo.add_many([Cramp(at=NOW - dt.timedelta(days=1), tz=TZ, muscle="calf", severity=5),
                   Symptom(at=NOW - dt.timedelta(hours=2), tz=TZ, symptom="warm_red_calf")])
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
    return Finding(factor=factor, title=factor, article_section="", status=status, sentence="",
                   caveats=[], counts={}, odds_ratio=ratio, ci_low=ratio and ratio / 2,
                   ci_high=ratio and ratio * 2, family=family)


def test_rows_strongest_first_with_families_together():
    findings = [_finding("a", "no_clear_link", 1.1), _finding("b", "early_hint", 2.0, "fam"),
                _finding("c", "early_hint", 0.2), _finding("d", "no_clear_link", 1.5, "fam"),
                _finding("e", "consistent_pattern", 1.8), _finding("f", "not_enough_data", None)]
    rows = [(f.factor, member) for f, member in ordered(findings)]
    assert rows == [("e", False), ("c", False), ("b", False), ("d", True), ("a", False)]


def test_forest_plot_marks_one_and_the_range():
    assert forest(1.5, 2.6, 4.4, 15) == "       │──●──  "       # above 1: the range misses the │
    assert forest(0.6, 1.3, 2.0, 15) == "     ──┼●─     "       # the range crosses 1: ┼
    assert forest(2.0, 5.0, float("inf"), 15) == "       │ ───●─▸"  # an open end runs off the scale
    assert forest(0.05, 0.3, 0.9, 15) == "◂──●───│       "
    assert forest(None, None, None) == ""
