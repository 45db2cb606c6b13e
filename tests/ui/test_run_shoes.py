"""The run form takes a new shoe as `cramplog run --shoe` does, and suggests the shoes in use."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input

from cramplog.domain import entries as E
from cramplog.ui.modals.entry_form import EntryFormModal

from .conftest import TZ_NAME, at, entries_in, opened, settle


async def _run_form(pilot) -> EntryFormModal:
    return await opened(pilot, "r", EntryFormModal)


async def test_a_run_in_a_new_shoe_adds_the_shoe(make, db_path):
    """It was refused ("add it in Settings"), unlike `cramplog run 5 --shoe Nimbus`."""
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _run_form(pilot)
        await pilot.press(*"5", "tab", "tab", "tab", *"Nimbus 26", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, EntryFormModal)
        toasts = [str(n.message) for n in app._notifications]
    [shoe] = entries_in(db_path, "shoe")
    [run] = entries_in(db_path, "run")
    assert (shoe.name, shoe.first_used, run.shoe_id, run.distance_km) == ("Nimbus 26", at().date(), shoe.id, 5.0)
    assert any(f"added shoe #{shoe.id} 'Nimbus 26'" in t for t in toasts), toasts


async def test_a_name_close_to_a_known_shoe_is_asked_about_not_added(make, seed, db_path):
    seed([E.Shoe(name="Pegasus 40", first_used=dt.date(2026, 1, 1), tz=TZ_NAME)])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _run_form(pilot)
        await pilot.press(*"5", "tab", "tab", "tab", *"Pegasus 41", "enter")
        await settle(pilot)
        assert "did you mean 'Pegasus 40'" in form.errors["shoe_id"]
    assert len(entries_in(db_path, "shoe")) == 1 and entries_in(db_path, "run") == []


async def test_the_shoes_in_use_are_suggested_as_you_type(make, seed, db_path):
    [pegasus, _old] = seed(
        [
            E.Shoe(name="Pegasus 40", first_used=dt.date(2026, 1, 1), tz=TZ_NAME),
            E.Shoe(name="Peg Old", first_used=dt.date(2025, 1, 1), tz=TZ_NAME, retired=dt.date(2025, 12, 1)),
        ]
    )
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _run_form(pilot)
        await pilot.press(*"5", "tab", "tab", "tab", *"peg")
        await settle(pilot)
        field = form.query_one("#field-shoe_id", Input)
        assert field._suggestion == "Pegasus 40"  # a retired shoe is not offered
        await pilot.press("right", "enter")  # → takes the suggestion
        await settle(pilot)
    [run] = entries_in(db_path, "run")
    assert run.shoe_id == pegasus.id


async def test_editing_a_run_into_a_new_shoe_adds_it(make, seed, db_path):
    [run] = seed([E.Run(at=at(1, 18), tz=TZ_NAME, distance_km=8.0)])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.forms.open("run", run)
        await settle(pilot)
        app.screen.query_one("#field-shoe_id", Input).value = "Trail Glove"
        await pilot.press("enter")
        await settle(pilot)
    [shoe] = entries_in(db_path, "shoe")
    [edited] = entries_in(db_path, "run")
    assert (edited.id, edited.shoe_id, edited.distance_km, shoe.name) == (run.id, shoe.id, 8.0, "Trail Glove")
