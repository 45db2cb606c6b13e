"""One rule for every key: each is applied in the order typed, after the one before it has done
everything it does (opened or closed a screen, moved the focus, ticked a box).

Every test posts its whole burst to the app at once, as a terminal driver does for a fast typist
(`pilot.press` waits between keys and hides the problem). Each was written from a burst measured
to go wrong in a real terminal (issue 26) and fails without the rule.
"""

from __future__ import annotations

import datetime as dt
import tomllib

from cramplog.domain import entries as E
from cramplog.ui.modals.confirm import ConfirmModal
from cramplog.ui.modals.entry_form import EntryFormModal

from .conftest import at, entries_in, settle, typed
from .test_keys import burst


async def test_a_double_enter_in_the_palette_opens_the_command_and_never_crashes(make, db_path):
    """`ctrl+p`, `check`, Enter Enter in one read crashed the app (`Can't pop screen`), 3 of 3.
    Now the first Enter runs the command (the check-in form) and the second saves that form."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "ctrl+p", *"daily check", "enter", "enter")
        await typed(pilot)
        assert len(app.screen_stack) == 1, app.screen_stack
    [checkin] = entries_in(db_path, "checkin")
    assert checkin.no_cramps is True


async def test_ticks_typed_with_tabs_land_on_the_boxes_they_were_typed_in(make, db_path):
    """`c 5 Tab×7 Space Tab ⏎` at once: tingling ticked, pain-after not (it saved the reverse:
    Tab, a priority key, ran before the Space it followed)."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "c", "5", *["tab"] * 7, "space", "tab", "enter")
        await typed(pilot)
        assert type(app.screen).__name__ == "RedFlagModal"  # tingling: its notice, read and closed
        burst(app, "escape")
        await typed(pilot)
        burst(app, "c", "6", *["tab"] * 7, "tab", "space", "enter")
        await typed(pilot)
        assert type(app.screen).__name__ == "RedFlagModal"  # pain that persisted: its notice
    first, second = entries_in(db_path, "cramp")
    assert (first.severity, first.tingling, first.persistent_pain) == (5, True, False)
    assert (second.severity, second.tingling, second.persistent_pain) == (6, False, True)


async def test_the_checkin_boxes_in_a_burst(make, db_path):
    """The full check-in from the palette: "hot day" ticked by Tab Space in one burst."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "ctrl+p", *"daily check", "enter")
        await typed(pilot)
        assert isinstance(app.screen, EntryFormModal)
        burst(app, "tab", "tab", "space", "tab", "7", "enter")  # day → no cramps → hot day ✓ → sleep 7
        await typed(pilot)
    [checkin] = entries_in(db_path, "checkin")
    assert (checkin.hot_day, checkin.sleep_hours, checkin.no_cramps) == (True, 7.0, True)


async def test_the_first_key_after_discarding_a_form_is_kept(make, db_path):
    """`c5 Esc d` then `c6⏎` at once: the 6 was dropped in 25 of 38 tries."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "c", "5", "escape", "d", "c", "6", "enter")
        await typed(pilot)
        assert not isinstance(app.screen, (EntryFormModal, ConfirmModal))
    assert [c.severity for c in entries_in(db_path, "cramp")] == [6]


async def test_keys_typed_into_settings_as_it_opens_are_kept(make, config_path):
    """`o`, Tab, 2200, Enter at once saved nothing (the fields come a frame after the screen)."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "o", "tab", "2", "2", "0", "0", "enter")
        await typed(pilot)
        assert app.journal.settings.beverage_ml == 2200
    assert tomllib.loads(config_path.read_text())["targets"]["beverage_ml"] == 2200


async def test_a_jump_typed_at_once_goes_to_the_date(make, seed):
    """`h j 2020-01-01 ⏎` at once did nothing: the keys after `j` went to the table."""
    seed([E.Drink(at=at(days), tz="Europe/Berlin", amount_ml=250) for days in (1, 800)])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "h", "j", *"2024-06-01", "enter")
        await typed(pilot)
        screen = app.screen
        assert type(screen).__name__ == "HistoryScreen"
        assert screen.until == dt.date(2024, 6, 1)
        assert [e.amount_ml for e in screen.page.entries] == [250]
