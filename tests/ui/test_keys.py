"""Keys typed ahead are never lost: a burst that arrives before a form or screen has opened is
delivered to it, in order.

`pilot.press` waits for the app to go idle after every key, which hides the problem; these tests
post the whole burst to the app's queue at once, as a terminal driver does for a fast typist.
"""

from __future__ import annotations

import datetime as dt

from textual import events

from cramplog.ui.modals.confirm import ConfirmModal
from cramplog.ui.modals.entry_form import EntryFormModal

from .conftest import entries_in, settle, typed

NAMED = {"enter": "\r", "tab": "\t", "escape": "\x1b", "backspace": "\x7f"}


def burst(app, *keys: str) -> None:
    """Post every key to the app at once, without waiting between them."""
    for key in keys:
        char = NAMED.get(key, key if len(key) == 1 else None)
        name = {".": "full_stop"}.get(key, key)
        app.post_message(events.Key(name, char))


async def test_cramp_and_drink_bursts_all_land_with_their_values(make, db_path):
    """`c7⏎w⏎` three times in one burst: three cramps of severity 7 and three 250 ml drinks."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:  # toasts are recorded, not shown
        await settle(pilot)
        burst(app, *["c", "7", "enter", "w", "enter"] * 3)
        await typed(pilot)
        assert not isinstance(app.screen, EntryFormModal)
        said = [f"{n.title}: {n.message}" for n in app._notifications]  # why, if a save is missing
        waiting = app.keys_waiting
    cramps, drinks = entries_in(db_path, "cramp"), entries_in(db_path, "drink")
    assert [c.severity for c in cramps] == [7, 7, 7], (said, waiting, cramps)
    assert [d.amount_ml for d in drinks] == [250, 250, 250], (said, waiting, drinks)


async def test_keys_typed_after_a_slow_save_wait_for_it(make, db_path, monkeypatch):
    """A save that takes most of a second (a machine that is busy; the day's first also makes the
    day's copy): the keys typed after its Enter wait for its answer and go where they were typed
    for. With half a second's wait, a fresh-clone CI run lost two cramps of three (the keys
    reached the saving form, which does nothing with them)."""
    import time

    from cramplog.storage.repository import JournalRepository

    save = JournalRepository.save

    def slow(self, entry):  # runs in the app's worker thread
        time.sleep(0.8)
        return save(self, entry)

    monkeypatch.setattr(JournalRepository, "save", slow)
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, *["c", "7", "enter", "w", "enter"] * 2)
        await typed(pilot)
        said = [f"{n.title}: {n.message}" for n in app._notifications]
    assert [c.severity for c in entries_in(db_path, "cramp")] == [7, 7], said
    assert [d.amount_ml for d in entries_in(db_path, "drink")] == [250, 250], said


async def test_tab_typed_fast_moves_to_the_next_field_first(make, db_path):
    """`r`, 5.2, Tab, 31, Enter in one burst: distance 5.2 km and 31 minutes, not 5.231 km."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "r", "5", ".", "2", "tab", "3", "1", "enter")
        await typed(pilot)
    [run] = entries_in(db_path, "run")
    assert (run.distance_km, run.duration_s) == (5.2, 31 * 60)


async def test_editing_keys_in_a_burst_act_in_turn_with_the_characters_around_them(make, db_path):
    """A key a field binds (Backspace, the cursor keys) took a detour through the app: `c12⏎`,
    then Backspace Backspace 7 ⏎ in one burst saved severity 1 (the 7 landed before them)."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "c", "1", "2", "enter")  # 12: refused, the form stays
        await typed(pilot)
        assert isinstance(app.screen, EntryFormModal) and "severity" in app.screen.errors
        burst(app, "backspace", "backspace", "7", "enter")
        await typed(pilot)
        assert not isinstance(app.screen, EntryFormModal)
        burst(app, "c", "1", "2", "left", "5", "backspace", "backspace", "8", "end", "backspace")
        await typed(pilot)
        field = app.screen.query_one("#field-severity")
        assert field.value == "8"  # 12 → 152 → 12 → 2 → 82 → 8
        burst(app, "enter")
        await typed(pilot)
    assert [c.severity for c in entries_in(db_path, "cramp")] == [7, 8]


async def test_logging_keys_work_from_other_screens(make, db_path):
    """`h` opens History and the `w⏎` typed straight after logs a drink from there."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "h", "w", "enter")
        await typed(pilot)
        assert type(app.screen).__name__ == "HistoryScreen"
    assert [d.amount_ml for d in entries_in(db_path, "drink")] == [250]


async def test_escape_on_a_changed_form_asks_before_discarding(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "5", "escape")
        await typed(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # keep editing: the typed 5 is still there
        await typed(pilot)
        assert isinstance(app.screen, EntryFormModal)
        await pilot.press("escape", "d")  # discard
        await typed(pilot)
        assert not isinstance(app.screen, (EntryFormModal, ConfirmModal))
        await pilot.press("w", "escape")  # unchanged: closes at once
        await typed(pilot)
        assert not isinstance(app.screen, (EntryFormModal, ConfirmModal))
    assert entries_in(db_path) == []


async def test_undo_and_redo_a_save_an_edit_and_a_delete(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c", "4", "enter")
        await settle(pilot)
        [cramp] = entries_in(db_path, "cramp")
        await pilot.press("u")  # undo the save
        await settle(pilot)
        assert entries_in(db_path, "cramp") == []
        await pilot.press("ctrl+r")  # redo it: back under its ID
        await settle(pilot)
        assert [(c.id, c.severity) for c in entries_in(db_path, "cramp")] == [(cramp.id, 4)]
        app.forms.open("cramp", cramp)  # edit: severity 4 -> 8
        await pilot.pause()
        app.screen.query_one("#field-severity").value = "8"
        await pilot.press("enter")
        await settle(pilot)
        assert entries_in(db_path, "cramp")[0].severity == 8
        await pilot.press("u")
        await settle(pilot)
        assert entries_in(db_path, "cramp")[0].severity == 4
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert entries_in(db_path, "cramp")[0].severity == 8
        app.writes.delete(cramp.id)
        await settle(pilot)
        assert entries_in(db_path, "cramp") == []
        await pilot.press("u")
        await settle(pilot)
        assert [c.severity for c in entries_in(db_path, "cramp")] == [8]
        assert any("ctrl+r redoes" in str(n.message) for n in app._notifications)


def _no_cramps_yesterday(seed) -> None:
    from cramplog.domain import entries as E

    from .conftest import NOW, TZ_NAME

    yesterday = NOW.date() - dt.timedelta(days=1)
    seed([E.CheckIn(at=NOW - dt.timedelta(hours=20), tz=TZ_NAME, day=yesterday, no_cramps=True)])


async def _log_a_cramp_last_night(pilot) -> None:
    """By keys, for 03:10 today: yesterday's diary day."""
    await settle(pilot)
    await pilot.press("c", "6", "tab")
    pilot.app.screen.query_one("#field-at").value = "03:10"
    await pilot.press("enter")
    await settle(pilot)


async def test_a_cramp_on_a_no_cramps_day_turns_the_check_in_off_and_says_so(make, seed, db_path):
    """Checked in yesterday as "no cramps", then a cramp logged for last night (03:10 today is
    yesterday's diary day): the check-in is turned off and the toast names the day."""
    _no_cramps_yesterday(seed)
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _log_a_cramp_last_night(pilot)
        toasts = [str(n.message) for n in app._notifications]
    assert any('"no cramps" check-in for Fri 13 Mar is turned off' in t for t in toasts), toasts
    [checkin] = entries_in(db_path, "checkin")
    assert checkin.no_cramps is False


async def test_undo_of_that_cramp_turns_the_no_cramps_check_in_back_on_and_redo_off(make, seed, db_path):
    """`u` after the cramp above puts the day back as it was; ctrl+r logs it and turns it off again."""
    _no_cramps_yesterday(seed)
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _log_a_cramp_last_night(pilot)
        assert entries_in(db_path, "checkin")[0].no_cramps is False
        await pilot.press("u")
        await settle(pilot)
        assert entries_in(db_path, "cramp") == []
        assert entries_in(db_path, "checkin")[0].no_cramps is True
        toasts = [str(n.message) for n in app._notifications]
        assert any('"no cramps" check-in for Fri 13 Mar is back' in t for t in toasts), toasts
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert [c.severity for c in entries_in(db_path, "cramp")] == [6]
        assert entries_in(db_path, "checkin")[0].no_cramps is False


def test_only_a_saving_form_lets_q_through_a_modal():
    """`q` quits over a modal only while a form is writing its entry (then once it is written);
    a modal that merely has a `saving` attribute is no such form (the rule asks the type)."""
    from textual.screen import ModalScreen

    from cramplog.ui.keys import allowed
    from cramplog.ui.saving import SavingForm

    class Lookalike(ModalScreen[None]):
        saving = True

    class Form(SavingForm, ModalScreen[None]):
        pass

    assert issubclass(EntryFormModal, SavingForm)
    form = Form()
    assert not allowed("quit", form)
    form.saving = True
    assert allowed("quit", form)
    assert not allowed("quit", Lookalike())
    assert not allowed("history", form)  # navigation stays off over a saving form
