"""Insights on a year-old journal with one planted effect: a table of factors strongest first,
Enter opens a row's sentence and caveats, the disclaimer is shown once; snapshots at 80x24 and
200x60."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from textual.widgets import DataTable, Static

from cramplog.domain.settings import Settings
from cramplog.ui.screens.insights import InsightsScreen
from tests.support.simulate import Scenario, journal

from .conftest import NOW, settle


@pytest.fixture
def year(seed):
    sc = Scenario(days=300, odds_ratio=4.0, start=NOW.date() - dt.timedelta(days=301))
    entries, _ = journal(np.random.default_rng(7), sc, Settings())
    seed(entries)


async def _open(pilot) -> InsightsScreen:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InsightsScreen)
    return screen


async def test_rows_strongest_first_enter_opens_one_disclaimer(make, year):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count >= 3
        statuses = [screen.insights_status(str(k.value)) for k in table.rows]
        order = ["consistent_pattern", "early_hint", "no_clear_link"]
        assert statuses == sorted(statuses, key=order.index)
        first = str(table.get_row_at(0)[1])
        assert "drink" in first.lower() or "fluid" in first.lower(), first
        assert " of " in str(table.get_row_at(0)[2])  # natural frequencies
        await pilot.press("enter")
        await pilot.pause()
        detail = screen.query_one("#insights-detail", Static)
        assert detail.display and "Ratio" in str(detail.render())
        await pilot.press("enter")  # Enter again closes it
        await pilot.pause()
        assert not detail.display
        texts = " ".join(str(w.render()) for w in screen.query(Static))
        assert texts.count(screen.query_one("#insights-disclaimer", Static).render().plain[:40]) == 1


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_insights_snapshot(snap_compare, make, year, size):
    async def run_before(pilot):
        await _open(pilot)

    assert snap_compare(make(), terminal_size=size, run_before=run_before)


async def test_four_digit_counts_are_never_cut_at_80_columns(make, seed):
    """Three years of days: "281 of 1095" must read whole, not "281 of 109"."""
    from .test_footers import rendered_lines

    sc = Scenario(days=1100, odds_ratio=4.0, start=NOW.date() - dt.timedelta(days=1101))
    entries, _ = journal(np.random.default_rng(7), sc, Settings())
    seed(entries)
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        table = screen.query_one(DataTable)
        shown = "\n".join(rendered_lines(app))
        counts = [str(table.get_row_at(i)[k]) for i in range(table.row_count) for k in (2, 3)]
        assert any(len(c.split(" of ")[1]) == 4 for c in counts)
        visible = [c for i, c in enumerate(counts) if i // 2 < 10]  # the rows on screen
        assert all(c in shown for c in visible[:6]), (visible, shown)


@pytest.mark.parametrize("young", [False, True], ids=["empty", "young"])
async def test_an_empty_or_young_journal_says_only_true_things(make, seed, young):
    """No "⏎ opens a row" without rows, and no "today to today" range without a logged day."""
    from cramplog.domain import entries as E

    from .conftest import TZ_NAME, at

    if young:
        seed(
            [
                E.Cramp(at=at(2, 3), tz=TZ_NAME, muscle="calf", side="left", severity=5, context="night"),
                E.CheckIn(day=at(1).date(), tz=TZ_NAME, no_cramps=True),
            ]
        )
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        shown = " ".join(str(w.render()) for w in screen.query(Static) if w.display)
        assert "opens a row" not in shown and not screen.query_one(DataTable).display
        summary = str(screen.query_one("#insights-summary", Static).render())
        progress = str(screen.query_one("#insights-progress", Static).render())
        if young:
            # The cramp at 03:00 counts for the evening before: the period starts on the 11th.
            assert summary.startswith("Insights from 2 logged days") and "2026-03-11 to 2026-03-14" in summary
            assert "2 of 28 logged days, 1 of 8 cramp days" in progress
        else:
            assert summary == "No logged days yet: a day counts once it has a cramp or a check-in."
            assert "0 of 28 logged days, 0 of 8 cramp days" in progress


async def test_the_period_ends_on_the_diary_day_as_the_cli_says(seed, db_path, config_path):
    """At 01:30 on Sunday the diary day is still Saturday (the 04:00 boundary), in the app as in
    `cramplog insights`."""
    import datetime as dt

    from cramplog.domain import entries as E
    from cramplog.domain.clock import FixedClock
    from cramplog.domain.settings import Settings
    from cramplog.ui.app import make_app

    from .conftest import NOW, TZ_NAME, at

    seed([E.CheckIn(day=at(1).date(), tz=TZ_NAME, no_cramps=True)])
    night = FixedClock(tz_name=TZ_NAME, at=NOW.replace(hour=1, minute=30) + dt.timedelta(days=1))
    app = make_app(
        db_path, clock=night, settings=Settings(theme="textual-dark"), config_path=config_path, poll_interval=None
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        summary = str(screen.query_one("#insights-summary", Static).render())
        assert "to 2026-03-14" in summary and "2026-03-15" not in summary


async def test_keys_typed_while_analysing_wait_for_the_rows(make, year):
    """`a ↓ ⏎` in one burst (as a terminal delivers a quick typist's keys): the ↓ and the Enter
    reached the table while the analysis ran and did nothing; now they wait for its rows."""
    from textual import events

    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, char in (("a", "a"), ("down", None), ("enter", None)):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        table = screen.query_one(DataTable)
        second = str(table.coordinate_to_cell_key((1, 0)).row_key.value)
        assert table.cursor_row == 1 and screen.open_row == second
        assert screen.query_one("#insights-detail", Static).display
