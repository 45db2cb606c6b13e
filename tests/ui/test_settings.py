"""Settings: targets, units, day boundary and theme are checked, applied and saved; shoes."""

from __future__ import annotations

import tomllib

from textual.widgets import DataTable, Input, Select

from cramplog.domain import entries as E
from cramplog.ui.modals.entry_form import EntryFormModal
from cramplog.ui.screens.settings import SettingsScreen

from .conftest import TZ_NAME, at, entries_in, settle


async def _open_settings(pilot) -> SettingsScreen:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


def _config(config_path) -> dict:
    return tomllib.loads(config_path.read_text()) if config_path.exists() else {}


async def test_a_new_target_is_saved_and_shown_on_the_dashboard(make, config_path):
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_settings(pilot)
        field = screen.query_one("#setting-targets-beverage_ml", Input)
        field.focus()
        field.value = "2500"
        await pilot.press("enter")
        await settle(pilot)
        assert app.settings.beverage_ml == 2500
        await pilot.press("escape")
        await settle(pilot)
        assert "of 2.5 L" in str(app.screen.query_one("#beverage-text").render())
    assert _config(config_path)["targets"]["beverage_ml"] == 2500


async def test_a_bad_value_is_marked_and_not_saved(make, config_path):
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_settings(pilot)
        field = screen.query_one("#setting-journal-day_boundary", Input)
        field.focus()
        field.value = "15:00"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#row-journal-day_boundary").has_class("-invalid")
        assert "between 00:00 and 12:00" in str(screen.query_one("#error-journal-day_boundary").render())
        assert app.settings.day_boundary == "04:00"
    assert "journal" not in _config(config_path)


async def test_units_switch_to_imperial(make, seed, config_path):
    seed([E.Drink(at=at(0, 9), tz=TZ_NAME, amount_ml=500)])
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_settings(pilot)
        screen.query_one("#setting-display-units", Select).value = "imperial"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "17 fl oz of 61 fl oz" in str(app.screen.query_one("#beverage-text").render())
    assert _config(config_path)["display"]["units"] == "imperial"


async def test_the_chosen_theme_is_remembered(make, config_path):
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_settings(pilot)
        screen.query_one("#setting-display-theme", Select).value = "nord"
        await settle(pilot)
        assert app.theme == "nord"
    assert _config(config_path)["display"]["theme"] == "nord"
    # ...and the next start uses it.
    from cramplog.config import load

    again = make(settings=load(config_path))
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_shoes_show_distance_against_life_and_can_be_added_and_retired(make, seed, db_path):
    [shoe] = seed([E.Shoe(name="Pegasus 40", first_used=at(60).date(), tz=TZ_NAME, start_km=100)])
    seed([E.Run(at=at(d, 7), tz=TZ_NAME, distance_km=10, shoe_id=shoe.id) for d in (3, 5, 7)])
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_settings(pilot)
        table = screen.query_one("#shoes-table", DataTable)
        row = [str(c) for c in table.get_row_at(0)]
        assert row[0] == "Pegasus 40" and row[2] == "130.0 km" and row[3] == "20% of 640.0 km"
        assert row[4] == "in use"
        # Add a shoe through the shoe form.
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal) and app.screen.form.kind == "shoe"
        app.screen.query_one("#field-name", Input).value = "Trail 2"
        await pilot.press("enter")
        await settle(pilot)
        assert table.row_count == 2
        # Retire the first one.
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("x")
        await settle(pilot)
        assert [str(c) for c in table.get_row_at(0)][4] == "retired 2026-03-14"
    shoes = {s.name: s for s in entries_in(db_path, "shoe")}
    assert shoes["Pegasus 40"].retired is not None and shoes["Trail 2"].retired is None


async def test_a_duplicate_shoe_name_reopens_the_form_with_the_reason(make, seed, db_path):
    seed([E.Shoe(name="Pegasus 40", first_used=at(60).date(), tz=TZ_NAME)])
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_settings(pilot)
        await pilot.press("plus")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Pegasus 40"
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EntryFormModal), "what was typed is not lost"
        assert form.query_one("#field-name", Input).value == "Pegasus 40"
        assert "already exists" in form.errors["name"]
    assert len(entries_in(db_path, "shoe")) == 1


def test_the_domain_theme_list_is_textuals():
    """`config set display.theme` checks against a tuple kept without importing Textual."""
    from textual.theme import BUILTIN_THEMES

    from cramplog.domain.settings import THEMES

    assert set(THEMES) == set(BUILTIN_THEMES)
