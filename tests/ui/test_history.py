"""History: entries by diary day, filter by kind, jump to a date, edit, delete and undo."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from cramplog.domain import entries as E
from cramplog.ui.modals.date_prompt import DatePromptModal
from cramplog.ui.modals.entry_form import EntryFormModal
from cramplog.ui.screens.history import HistoryScreen

from .conftest import TZ_NAME, at, entries_in, settle


def _journal() -> list[E.Entry]:
    return [
        E.Drink(at=at(40, 9), tz=TZ_NAME, amount_ml=300),
        E.Cramp(at=at(1, 22), tz=TZ_NAME, muscle="calf", side="left", severity=5, context="night"),
        # 03:10 belongs to the evening before (diary day 13 March), next to the 22:00 cramp.
        E.Cramp(at=at(0, 3, 10), tz=TZ_NAME, muscle="toes", side="right", severity=8, context="night"),
        E.Drink(at=at(0, 9), tz=TZ_NAME, amount_ml=500),
        E.Stretch(at=at(0, 10), tz=TZ_NAME, minutes=12),
    ]


def _rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def _open_history(pilot) -> HistoryScreen:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


async def test_entries_are_grouped_by_diary_day_newest_first(make, seed):
    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(pilot)
        rows = _rows(app)
    assert [r[2] for r in rows] == ["stretch", "drink", "cramp", "cramp", "drink"]
    assert rows[0][0] == "Sat 14 Mar 2026" and rows[1][0] == ""
    # The 03:10 cramp is shown under Friday's diary day, with the 22:00 one.
    assert rows[2][0] == "Fri 13 Mar 2026" and rows[2][1] == "03:10" and rows[3][0] == ""
    assert rows[4][0] == "Tue 02 Feb 2026" or rows[4][0].endswith("2026")


async def test_filter_by_kind(make, seed):
    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_history(pilot)
        screen.set_kind("cramp")
        await settle(pilot)
        assert [r[2] for r in _rows(app)] == ["cramp", "cramp"]
        await pilot.press("k")          # next kind: drink
        await settle(pilot)
        assert [r[2] for r in _rows(app)] == ["drink", "drink"]


async def test_jump_to_a_date(make, seed):
    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(pilot)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, DatePromptModal)
        await pilot.press(*"10 days ago", "enter")
        await settle(pilot)
        rows = _rows(app)
    assert len(rows) == 1 and "300 ml" in rows[0][3]


async def test_a_bad_date_is_explained(make, seed):
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(pilot)
        await pilot.press("j", *"someday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DatePromptModal)
        assert "cannot read date" in str(app.screen.query_one("#date-error").render())


async def test_edit_in_the_same_form(make, seed, db_path):
    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_history(pilot)
        screen.set_kind("cramp")
        await settle(pilot)
        await pilot.press("enter")                 # edit the newest cramp (severity 8, toes)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryFormModal) and form.query_one("#field-severity", Input).value == "8"
        assert form.query_one("#field-muscle", Input).value == "toes"
        form.query_one("#field-severity", Input).value = "3"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "severity 3" in _rows(app)[0][3]
    cramps = entries_in(db_path, "cramp")
    assert sorted(c.severity for c in cramps) == [3, 5] and len(entries_in(db_path)) == 5


async def test_delete_and_undo(make, seed, db_path):
    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(pilot)
        await pilot.press("d")                     # deletes the newest row (the stretch)
        await settle(pilot)
        assert [r[2] for r in _rows(app)] == ["drink", "cramp", "cramp", "drink"]
        assert entries_in(db_path, "stretch") == []
        await pilot.press("u")
        await settle(pilot)
        assert [r[2] for r in _rows(app)][0] == "stretch"
    [stretch] = entries_in(db_path, "stretch")
    assert stretch.minutes == 12 and stretch.id == 5, "undo restores the entry under its old ID"


async def test_undo_also_works_from_the_dashboard(make, seed, db_path):
    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
    assert len(entries_in(db_path)) == 5
