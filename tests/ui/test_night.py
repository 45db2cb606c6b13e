"""A cramp logged at night starts with context "night", and its side as last used, saying so."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Label

from cramplog.domain import entries as E
from cramplog.domain.clock import FixedClock
from cramplog.domain.settings import Settings
from cramplog.ui.app import make_app
from cramplog.ui.modals.entry_form import EntryFormModal

from .conftest import TZ, TZ_NAME, entries_in, settle


def _app(db_path, config_path, hour: int, minute: int = 0):
    clock = FixedClock(tz_name=TZ_NAME, at=dt.datetime(2026, 3, 14, hour, minute, tzinfo=TZ))
    return make_app(
        db_path, clock=clock, settings=Settings(theme="textual-dark"), config_path=config_path, poll_interval=None
    )


async def test_c_7_enter_at_3_am_logs_a_night_cramp(db_path, config_path):
    """The first cramp at 03:10 was saved with context "other"."""
    app = _app(db_path, config_path, 3, 10)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert str(app.screen.query_one("#label-context", Label).render()) == "Context (night)"
        await pilot.press("7", "enter")
        await settle(pilot)
    [cramp] = entries_in(db_path, "cramp")
    assert (cramp.context, cramp.side) == ("night", "both")


async def test_the_side_is_the_last_used_and_says_so_until_changed(db_path, config_path, seed):
    seed(
        [
            E.Cramp(
                at=dt.datetime(2026, 3, 12, 23, tzinfo=TZ),
                tz=TZ_NAME,
                muscle="calf",
                side="left",
                severity=6,
                context="night",
            )
        ]
    )
    app = _app(db_path, config_path, 13)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EntryFormModal)
        label = form.query_one("#label-side", Label)
        assert str(label.render()) == "Side (last)"
        assert form.query_one("#field-context", Input).value == "other"  # a night context, by day
        await pilot.press("tab", "tab")  # to the side
        assert "as your last cramp" in str(form.query_one("#form-hint").render())
        await pilot.press(*"right")  # Tab selected it: replaced
        await settle(pilot)
        assert str(label.render()) == "Side"


async def test_a_time_typed_in_the_night_moves_an_untouched_context_to_night(db_path, config_path):
    app = _app(db_path, config_path, 13)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "5", *["tab"] * 4)
        await pilot.press(*"last night 3:10", "enter")
        await settle(pilot)
    [cramp] = entries_in(db_path, "cramp")
    assert cramp.context == "night"
    assert cramp.at.astimezone(TZ).hour == 3
