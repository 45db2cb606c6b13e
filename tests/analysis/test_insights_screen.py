"""The Insights screen: red flags first, a card per factor, the "how" panel, escape goes back."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.widgets import Markdown, Static

from cramplog.domain.clock import FixedClock
from cramplog.domain.entries import Cramp, Symptom
from cramplog.domain.settings import Settings
from cramplog.storage.repository import JournalRepository
from cramplog.ui.screens.insights import InsightsScreen

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


async def test_insights_screen_shows_flags_cards_and_how(tmp_path):
    repo = JournalRepository.open(tmp_path / "j.db")
    repo.add_many([Cramp(at=NOW - dt.timedelta(days=1), tz=TZ, muscle="calf", severity=5),
                   Symptom(at=NOW - dt.timedelta(hours=2), tz=TZ, symptom="warm_red_calf")])
    app = InsightsTestApp(repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        flags = str(screen.query_one("#insights-flags", Static).render())
        assert "URGENT (same day)" in flags
        cards = screen.query(".card")
        assert len(cards) == len(screen.insights.findings) >= 14
        assert "not enough data yet" in str(cards.first().border_title)
        await pilot.press("m")
        assert screen.has_class("show-how")
        assert screen.query_one("#insights-how", Markdown).display
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, InsightsScreen)
    repo.close()
