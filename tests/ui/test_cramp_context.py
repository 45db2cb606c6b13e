"""One cramp's context: Enter on a cramp in History or on the dashboard shows the 48 hours before
it and what the analysis counts for its diary day, as the analysis' own daily frame has it."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from rich.console import Console
from textual.widgets import Static

from cramplog.analysis.factors import FACTORS
from cramplog.analysis.frame import daily_frame
from cramplog.domain import entries as E
from cramplog.domain.settings import Settings
from cramplog.ui.modals.entry_form import EntryFormModal
from cramplog.ui.screens.cramp_context import CrampContextScreen
from cramplog.ui.screens.history import HistoryScreen
from cramplog.ui.widgets.packed import Packed

from .conftest import NOW, TZ, TZ_NAME, entries_in, opened, settle, typed


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """`day` of March 2026, Berlin time."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=TZ)


def _journal() -> list[E.Entry]:
    shoe = E.Shoe(name="Pegasus 40", first_used=dt.date(2025, 6, 1), tz=TZ_NAME, start_km=650.0, id=50)
    return [
        shoe,
        E.Medicine(
            name="atorvastatin",
            med_class="statin",
            start=dt.date(2026, 1, 10),
            tz=TZ_NAME,
            at=_at(1, 9),
            dose="20 mg daily",
        ),
        E.Medicine(name="old pill", start=dt.date(2025, 1, 1), stop=dt.date(2025, 6, 1), tz=TZ_NAME, at=_at(1, 9)),
        E.Diet(pattern="vegan", day=dt.date(2025, 11, 1), b12=False, tz=TZ_NAME, at=_at(1, 9)),
        E.Drink(at=_at(10, 9), tz=TZ_NAME, amount_ml=700),  # before the 48 hours
        E.Cramp(at=_at(9, 2), tz=TZ_NAME, muscle="calf", side="right", severity=3, context="night"),
        E.CheckIn(day=dt.date(2026, 3, 12), tz=TZ_NAME, at=_at(12, 21), sleep_hours=6.0, soreness=6),
        E.Drink(at=_at(12, 9), tz=TZ_NAME, amount_ml=400),
        E.Run(at=_at(13, 18), tz=TZ_NAME, distance_km=60.0, duration_s=6 * 3600, effort=8, shoe_id=50),
        E.Drink(at=_at(13, 12), tz=TZ_NAME, amount_ml=500, drink_kind="coffee_tea"),
        E.Drink(at=_at(13, 20), tz=TZ_NAME, amount_ml=300),
        E.Food(at=_at(13, 13), tz=TZ_NAME, food="banana", servings=1.0),
        E.Cramp(at=_at(13, 23), tz=TZ_NAME, muscle="calf", side="left", severity=7, context="night"),
    ]


def _text(screen, selector: str) -> str:
    widget = screen.query_one(selector, Static)
    out = io.StringIO()
    Console(file=out, width=widget.size.width or 78, color_system=None).print(widget.content)
    return out.getvalue()


async def _open_last_cramp(pilot) -> CrampContextScreen:
    return await opened(pilot, "enter", CrampContextScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_enter_on_the_dashboard_shows_the_last_cramps_48_hours(make, seed, size):
    seed(_journal())
    app = make()
    async with app.run_test(size=size) as pilot:
        screen = await _open_last_cramp(pilot)
        head = screen.query_one("#context-head", Packed).text
        before = _text(screen, "#context-before")
    assert head.startswith("Cramp #") and "Fri 13 Mar 2026 23:00" in head and "severity 7" in head
    flat = " ".join(before.split())
    # Drinks: counts first, the coffee counted; the drink of 10 March is outside the 48 hours.
    assert "1.2 L in all: 800 ml in the 24 hours before, 400 ml in the 24 before those" in flat
    assert "700 ml" not in flat
    assert "60.0 km" in flat and "Pegasus 40" in flat and "the shoe had 650.0 km of its 640.0 km, past its life" in flat
    assert "banana" in flat and "none logged" in flat  # no stretching: said, not left out
    assert "Thu 12 Mar: slept 6 h" in flat and "soreness 6" in flat
    assert "atorvastatin" in flat and "old pill" not in flat  # stopped long before
    assert "vegan (changed 01 Nov 2025)" in flat
    assert "Mon 02:00" not in flat  # the 9 March cramp is older


async def test_the_factors_are_the_analysis_daily_frame_for_that_day(make, seed):
    """Every factor's yes / no / not tracked is the daily frame's 1 / 0 / NaN for 13 March, the
    frame built here from all the entries, apart from the app."""
    entries = seed(_journal())
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_last_cramp(pilot)
        shown = screen.context.exposures
        counts = _text(screen, "#context-counts")
    frame = daily_frame(entries, Settings(), NOW.date())
    row = frame.loc[pd.Timestamp("2026-03-13")]
    assert [e.title for e in shown] == [f.title for f in FACTORS]
    for factor, exposure in zip(FACTORS, shown):
        expected = None if pd.isna(row[factor.id]) else float(row[factor.id])
        assert exposure.value == expected, factor.id
        assert exposure.window == factor.window.describe(Settings())
    said = {f.id: e for f, e in zip(FACTORS, shown)}
    assert said["worn_shoe"].value == 1.0 and said["low_fluid"].value == 1.0  # 800 ml that day
    assert said["muscle_damage"].value == 1.0  # soreness 6 the day before
    assert said["ran_today"].value == 1.0 and said["ran_today"].compared  # a night cramp: compared
    lines = {line.split("  ")[0].strip(): line for line in counts.splitlines() if line.strip()}
    assert "yes" in lines["Worn shoes"] and "that whole diary day" in lines["Worn shoes"]
    assert "yes" in lines["Running that day"] and "the diary day before" in lines["Heavy muscle soreness"]


async def test_a_cramp_during_a_run_says_the_running_factor_is_not_compared(make, seed):
    seed(
        [
            E.Run(at=_at(13, 18), tz=TZ_NAME, distance_km=10.0),
            E.Cramp(at=_at(13, 18, 30), tz=TZ_NAME, muscle="calf", severity=5, context="running"),
        ]
    )
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_last_cramp(pilot)
        counts = _text(screen, "#context-counts")
    ran = next(line for line in counts.splitlines() if line.strip().startswith("Running that day"))
    assert "not compared (running)" in ran


async def test_enter_on_a_cramp_in_history_shows_it_and_on_a_drink_edits(make, seed):
    seed(_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")  # the newest entry: the 23:00 cramp
        await settle(pilot)
        assert isinstance(app.screen, CrampContextScreen) and app.screen.context.cramp.severity == 7
        await pilot.press("left_square_bracket")  # the cramp before it
        await settle(pilot)
        assert app.screen.context.cramp.severity == 3
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EntryFormModal) and app.screen.entry.severity == 3
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "enter")  # a drink: its form
        await settle(pilot)
        assert isinstance(app.screen, EntryFormModal) and app.screen.form.kind == "drink"


async def test_keys_typed_as_it_opens_act_on_the_cramp_once_it_is_in(make, seed, db_path):
    """`⏎ [ e` at once: the context opens, steps back a cramp and edits that one."""
    from .test_keys import burst

    seed(_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "enter", "left_square_bracket", "e")
        await typed(pilot)
        assert isinstance(app.screen, EntryFormModal) and app.screen.entry.severity == 3


async def test_the_dashboard_says_so_when_there_is_no_cramp_yet(make):
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CrampContextScreen)
        assert any("No cramp logged yet" in str(n.message) for n in app._notifications)


async def test_a_cramp_deleted_from_a_shell_says_it_is_gone(make, seed, db_path):
    seed(_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_last_cramp(pilot)
        from cramplog.storage.repository import JournalRepository

        repo = JournalRepository.open(db_path)
        repo.delete(screen.context.cramp.id)
        repo.close()
        app.feed.refresh()
        await settle(pilot)
        assert "can't be shown" in screen.query_one("#context-head", Packed).text
    assert [c.severity for c in entries_in(db_path, "cramp")] == [3]
