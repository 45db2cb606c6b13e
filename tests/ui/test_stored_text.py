"""Stored text is shown as text: brackets are not markup, escape sequences never reach the screen."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from cramplog.domain import entries as E
from cramplog.ui.screens.history import HistoryScreen
from cramplog.ui.screens.settings import SettingsScreen

from .conftest import TZ_NAME, at, settle

NAME = "[/] [bold]Pegasus[/bold]"


def _cells(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(c) for i in range(table.row_count) for c in table.get_row_at(i)]


async def test_brackets_in_notes_and_shoe_names_are_shown_as_typed(make, seed):
    seed(
        [
            E.Shoe(name=NAME, first_used=dt.date(2026, 1, 1), tz=TZ_NAME),
            E.Cramp(at=at(0, 9), tz=TZ_NAME, muscle="calf", severity=5, note="felt [/] odd [red]x"),
        ]
    )
    app = make()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert any("felt [/] odd [red]x" in cell for cell in _cells(app))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert NAME in _cells(app)


async def test_escape_sequences_a_journal_holds_never_reach_the_trends_screen(make, seed, db_path):
    """Another tool (or an old version) stored them raw; the shoe chart names every shoe."""
    import sqlite3

    from cramplog.ui.charts import TrendChart
    from cramplog.ui.screens.trends import TrendsScreen

    seed([E.Shoe(name="Pegasus", first_used=dt.date(2026, 1, 1), tz=TZ_NAME)])
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE shoe SET name = ?", ("\x1b]0;pwned\x07\x1b[2JPegasus\x9b31m",))
    conn.close()
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TrendsScreen)
        app.screen.action_show_tab("shoes")
        await settle(pilot)
        drawn = app.screen.query_one(TrendChart).text
        assert "Pegasus" in drawn
        assert not any(ch in drawn for ch in "\x1b\x07\x9b")
