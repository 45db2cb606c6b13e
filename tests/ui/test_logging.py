"""Logging from the dashboard: one key per kind, defaults, inline validation, red-flag notices."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from cramplog.domain import entries as E
from cramplog.ui.modals.confirm import ConfirmModal
from cramplog.ui.modals.entry_form import EntryFormModal
from cramplog.ui.modals.red_flag import RedFlagModal

from .conftest import NOW, TZ_NAME, at, entries_in, opened, settle, today_row


async def test_cramp_is_logged_in_three_keystrokes(make, db_path):
    """`c`, a severity digit (0 means 10), Enter: saved with time now and first-time defaults."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "0", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, EntryFormModal)
    [cramp] = entries_in(db_path, "cramp")
    assert isinstance(cramp, E.Cramp)
    assert (cramp.severity, cramp.muscle, cramp.side, cramp.context) == (10, "calf", "both", "other")
    assert cramp.at == NOW


async def test_cramp_form_remembers_muscle_side_and_context(make, db_path, seed):
    seed([E.Cramp(at=at(2, 22), tz=TZ_NAME, muscle="foot_arch", side="left", severity=4, context="stretching")])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "6", "enter")
        await settle(pilot)
    newest = entries_in(db_path, "cramp")[-1]
    assert (newest.muscle, newest.side, newest.context, newest.severity) == ("foot_arch", "left", "stretching", 6)


async def test_drink_enter_saves_a_250_ml_cup(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w", "enter")
        await settle(pilot)
        assert "250 ml of 1.8 L" in today_row(app, "beverages")
    [drink] = entries_in(db_path, "drink")
    assert (drink.amount_ml, drink.drink_kind) == (250, "water")


async def test_quick_cups_by_arrow_and_by_click(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w", "up", "up", "enter")  # 250 -> 330 -> 500
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        await pilot.click("#cup-750")  # a click saves that cup at once
        await settle(pilot)
    assert [d.amount_ml for d in entries_in(db_path, "drink")] == [500, 750]


async def test_drink_form_speaks_ounces_in_imperial_units(make, db_path):
    from cramplog.domain.settings import Settings

    app = make(settings=Settings(units="imperial", theme="textual-dark"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.query_one("#field-amount_ml", Input).value == "8 fl oz"
        assert str(app.screen.query_one("#cup-473").label) == "16 fl oz"
        await pilot.press("enter")
        await settle(pilot)
    assert [d.amount_ml for d in entries_in(db_path, "drink")] == [237]


async def test_bad_severity_is_marked_and_nothing_is_saved(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "1", "1", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EntryFormModal), "the form stays open on a bad field"
        assert "severity" in form.errors and "between 1 and 10" in form.errors["severity"]
        assert form.query_one("#label-severity").has_class("-invalid")
        assert entries_in(db_path) == []
        # Fixing the field clears the mark and saves.
        await pilot.press("backspace", "backspace", "8", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, EntryFormModal)
    assert [c.severity for c in entries_in(db_path, "cramp")] == [8]


async def test_several_bad_fields_are_all_marked(make, db_path):
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "5")
        form = app.screen
        form.query_one("#field-side", Input).value = "sideways"
        form.query_one("#field-at", Input).value = "tomorrow 25:99"
        await pilot.press("enter")
        await settle(pilot)
        assert set(form.errors) == {"side", "at"}
        assert "left, right, both" in form.errors["side"]
        side, reason = form.query_one("#field-side"), form.query_one("#error-side")
        assert (reason.region.x, reason.region.y) == (side.region.x, side.region.bottom)  # under its field
        at, at_reason = form.query_one("#field-at"), form.query_one("#error-at")
        assert at_reason.region.y == at.region.bottom and at_reason.region.height >= 1
        after = form.form.fields[[f.name for f in form.form.fields].index("at") + 1].name
        assert form.query_one(f"#label-{after}").region.y == at_reason.region.bottom  # the next row below
        form.query_one("#field-side", Input).value = "left"  # one mended: its reason goes
        await pilot.press("enter")
        await settle(pilot)
        assert set(form.errors) == {"at"} and not form.query("#error-side")
        assert not form.query_one("#label-side").has_class("-invalid")
    assert entries_in(db_path) == []


async def test_escape_cancels_without_saving(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "7", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, EntryFormModal)
    assert entries_in(db_path) == []


async def _fill(pilot, values: dict[str, str]) -> None:
    for name, text in values.items():
        pilot.app.screen.query_one(f"#field-{name}", Input).value = text
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize(
    ("key", "values", "expect"),
    [
        (
            "s",
            {"minutes": "15", "muscles": "calf, ham"},
            lambda e: (e.minutes, e.muscles) == (15, ("calf", "hamstring")),
        ),
        (
            "r",
            {"distance_km": "5.2", "duration_s": "31:00", "effort": "6"},
            lambda e: (e.distance_km, e.duration_s, e.effort) == (5.2, 1860, 6),
        ),
        ("f", {"food": "banana", "servings": "2"}, lambda e: (e.food, e.potassium_mg) == ("banana", 844)),
        ("y", {"symptom": "weak", "side": "left"}, lambda e: (e.symptom, e.side) == ("weakness", "left")),
        (
            "i",
            {"site": "ankle", "severity": "4", "day": "yesterday"},
            lambda e: (e.site, e.severity, str(e.day)) == ("ankle", 4, "2026-03-13"),
        ),
    ],
)
async def test_each_kind_has_its_key(make, db_path, key, values, expect):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal)
        await _fill(pilot, values)
        assert not isinstance(app.screen, EntryFormModal)
    [entry] = entries_in(db_path)
    assert expect(entry), entry


async def test_n_checks_in_today_without_cramps(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "today: not yet (n)" in today_row(app, "checkin")
        await pilot.press("n")
        await settle(pilot)
        assert "today: no cramps" in today_row(app, "checkin")
    [checkin] = entries_in(db_path, "checkin")
    assert checkin.no_cramps and checkin.day == NOW.date()


async def test_n_is_refused_on_a_day_with_a_cramp(make, db_path, seed):
    seed([E.Cramp(at=at(0, 9), tz=TZ_NAME, muscle="calf", severity=3)])
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert any(
            "Sat 14 Mar has a cramp logged, so it can't be checked in as cramp-free" in n.message
            for n in app._notifications
        )
    assert entries_in(db_path, "checkin") == []


@pytest.mark.parametrize(
    ("query", "kind", "values"),
    [
        ("Add a shoe", "shoe", {"name": "Pegasus 40", "start_km": "120"}),
        ("Diet change", "diet", {"pattern": "vegan", "b12": "yes"}),
        ("Medicine or supplement", "med", {"name": "atorvastatin", "med_class": "statin"}),
        ("Daily check-in", "checkin", {"sleep_hours": "7.5"}),
    ],
)
async def test_other_kinds_through_the_command_palette(make, db_path, query, kind, values):
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*query)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryFormModal) and app.screen.form.kind == kind
        await _fill(pilot, values)
    [entry] = entries_in(db_path, kind)
    assert entry.kind == kind


async def test_a_red_flag_entry_shows_its_notice_after_saving(make, db_path):
    """One-sided swelling is a DVT warning sign: the notice opens as a modal, not a toast."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await _fill(pilot, {"symptom": "swelling one leg", "side": "left"})
        assert isinstance(app.screen, RedFlagModal)
        assert app.screen.flags[0].tier == "urgent"
        await pilot.press("escape")
        await settle(pilot)
        banner = app.screen.query_one("#red-flag-banner")
        assert banner.display and banner.has_class("-urgent")


async def test_the_toast_of_a_run_names_its_shoe(make, db_path, seed):
    seed([E.Shoe(name="Pegasus 40", first_used=at(30, 9).date(), tz=TZ_NAME)])
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        await _fill(pilot, {"distance_km": "8", "duration_s": "45:00", "shoe_id": "Pegasus 40"})
        toasts = [n.message for n in app._notifications]
        toast = next((t for t in toasts if t.startswith("Logged run")), str(toasts))
    assert "shoe 'Pegasus 40'" in toast and "#" not in toast.split(":", 1)[1]


async def test_logging_from_trends_updates_the_trends_on_screen(make, db_path):
    from cramplog.ui.screens.trends import TrendsScreen

    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot, "t", TrendsScreen)
        assert screen.trends.weeks[-1].cramps is None
        await pilot.press("c", "8", "enter")
        await settle(pilot)
        await settle(pilot)
        assert app.screen is screen and screen.trends.weeks[-1].cramps == 1
        assert "This week so far (6 of 7 days): 1 cramp" in str(screen.query_one("#trends-summary").render())


async def test_the_check_in_form_is_refused_no_cramps_on_a_day_with_a_cramp(make, db_path, seed):
    """As `n` is: the form comes back with the reason under "No cramps" and nothing is written."""
    from textual.widgets import Checkbox

    seed([E.Cramp(at=at(0, 9), tz=TZ_NAME, muscle="calf", severity=3)])
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.forms.open("checkin")
        await settle(pilot)
        assert app.screen.query_one("#field-no_cramps", Checkbox).value is False  # starts as the day is
        app.screen.query_one("#field-no_cramps", Checkbox).value = True
        app.screen.query_one("#field-sleep_hours", Input).value = "5"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryFormModal) and app.screen.form.kind == "checkin"
        assert app.screen.query_one("#label-no_cramps").has_class("-invalid")
        shown = " ".join(str(w.render()) for w in app.screen.query(".form-error"))
        assert "Sat 14 Mar has a cramp logged, so it can't be checked in as cramp-free" in shown
        assert app.screen.query_one("#field-sleep_hours", Input).value == "5"
        await pilot.press("escape")  # what was typed is not thrown away unasked
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
    assert entries_in(db_path, "checkin") == []


async def test_the_check_in_form_on_a_checked_in_day_updates_it_and_undo_puts_it_back(make, db_path, seed):
    """Saving the form for a day that has a check-in merges into it ("Updated", not "Logged"):
    what the form leaves blank or unticked keeps the day's values, and `u` restores the check-in
    as it was (it used to delete it, with the sleep and soreness logged before)."""
    seed([E.CheckIn(day=NOW.date(), tz=TZ_NAME, hot_day=True, sleep_hours=7.0, soreness=4)])
    app = make()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.forms.open("checkin")
        await settle(pilot)
        assert app.screen.query_one("#field-no_cramps").value is True  # no cramp today: ticked
        await _fill(pilot, {"sleep_hours": "6"})
        assert any(str(n.message).startswith("Updated checkin #1") for n in app._notifications)
        [merged] = entries_in(db_path, "checkin")
        assert (merged.hot_day, merged.sleep_hours, merged.soreness) == (True, 6.0, 4)
        await pilot.press("u")
        await settle(pilot)
    [restored] = entries_in(db_path, "checkin")
    assert (restored.id, restored.no_cramps, restored.hot_day, restored.sleep_hours, restored.soreness) == (
        1,
        False,
        True,
        7.0,
        4,
    )


async def test_the_check_in_form_saying_nothing_new_writes_nothing_and_offers_no_undo(make, db_path, seed):
    seed([E.CheckIn(day=NOW.date(), tz=TZ_NAME, no_cramps=True, sleep_hours=7.0)])
    app = make()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.forms.open("checkin")
        await settle(pilot)
        await _fill(pilot, {"sleep_hours": "7"})
        toasts = [str(n.message) for n in app._notifications]
        assert any(t.startswith("Unchanged checkin #1") and "u undo" not in t for t in toasts), toasts
        assert app.history.undo == []
    [checkin] = entries_in(db_path, "checkin")
    assert (checkin.no_cramps, checkin.sleep_hours) == (True, 7.0)
