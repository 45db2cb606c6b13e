"""Settings: targets, units, day boundary and theme are checked, applied and saved; shoes."""

from __future__ import annotations

import dataclasses
import re
import tomllib

import pytest
from textual.widgets import DataTable, Input, Label, Select

from cramplog.domain import entries as E
from cramplog.domain.settings import Settings
from cramplog.ui.modals.confirm import ConfirmModal
from cramplog.ui.modals.entry_form import EntryFormModal
from cramplog.ui.screens.dashboard import DashboardScreen
from cramplog.ui.screens.settings import SettingsScreen

from .conftest import TZ_NAME, at, entries_in, settle, today_row


async def _open_settings(pilot) -> SettingsScreen:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


def _config(config_path) -> dict:
    return tomllib.loads(config_path.read_text()) if config_path.exists() else {}


async def _type_into(pilot, screen: SettingsScreen, key: str, text: str) -> Input:
    """Focus the field of `key`, clear it with backspace and type `text`, as a person does."""
    field = screen.query_one(f"#setting-{key.replace('.', '-')}", Input)
    field.focus()
    await pilot.press("end", *["backspace"] * len(field.value), *text)
    return field


async def _enter(pilot, screen: SettingsScreen, key: str, text: str) -> Input:
    """`_type_into`, then Enter, and wait for the save."""
    field = await _type_into(pilot, screen, key, text)
    await pilot.press("enter")
    await settle(pilot)
    return field


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_a_new_target_is_saved_and_shown_on_the_dashboard(make, config_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_settings(pilot)
        await _enter(pilot, screen, "targets.beverage_ml", "2500")
        assert app.journal.settings.beverage_ml == 2500
        await pilot.press("escape")
        await settle(pilot)
        assert "of 2.5 L" in today_row(app, "beverages")
    assert _config(config_path)["targets"]["beverage_ml"] == 2500


async def test_a_bad_value_gets_one_plain_message_and_keeps_the_typing(make, config_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_settings(pilot)
        field = await _enter(pilot, screen, "journal.day_boundary", "15:00")
        assert screen.query_one("#row-journal-day_boundary").has_class("-invalid")
        assert (
            _text(screen, "#error-journal-day_boundary")
            == "Can't use “15:00”. Type a time from 00:00 to 12:00, like 04:00."
        )
        assert field.value == "15:00", "what was typed stays, to be corrected"
        assert app.journal.settings.day_boundary == "04:00"
        # Not a number at all: the same kind of message, no internal name and no type jargon.
        await _enter(pilot, screen, "targets.beverage_ml", "lots")
        message = _text(screen, "#error-targets-beverage_ml")
        assert message == "Can't use “lots”. Type a number from 500 to 6000 ml."
        # Fixed: the mark goes, the value is saved.
        await _enter(pilot, screen, "journal.day_boundary", "5:30")
        assert not screen.query_one("#row-journal-day_boundary").has_class("-invalid")
        assert app.journal.settings.day_boundary == "05:30" and field.value == "05:30"
    assert _config(config_path) == {"journal": {"day_boundary": "05:30"}}


async def test_units_switch_to_imperial_and_targets_are_typed_in_them(make, seed, config_path):
    seed([E.Drink(at=at(0, 9), tz=TZ_NAME, amount_ml=500)])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_settings(pilot)
        screen.query_one("#setting-display-units", Select).value = "imperial"
        await settle(pilot)
        # The fields, their units and their ranges follow (the range inward, so all of it is accepted).
        assert screen.query_one("#setting-targets-beverage_ml", Input).value == "61"
        assert _text(screen, "#unit-targets-beverage_ml") == "fl oz"
        assert "from 17 to 202 fl oz" in _text(screen, "#doc-targets-beverage_ml")
        assert screen.query_one("#setting-shoes-life_km", Input).value == "397.7"
        assert "from 32 to 3106 mi" in _text(screen, "#doc-shoes-life_km")
        await _enter(pilot, screen, "targets.beverage_ml", "64")
        assert app.journal.settings.beverage_ml == 1893
        await _enter(pilot, screen, "targets.beverage_ml", "203")
        assert _text(screen, "#error-targets-beverage_ml") == "Can't use “203”. Type a number from 17 to 202 fl oz."
        await _type_into(pilot, screen, "targets.beverage_ml", "64")  # back to the saved value
        await pilot.press("escape")
        await settle(pilot)
        assert "17 fl oz of 64 fl oz" in today_row(app, "beverages")
    assert _config(config_path)["display"]["units"] == "imperial"
    assert _config(config_path)["targets"]["beverage_ml"] == 1893


@pytest.mark.parametrize(("units", "life"), [("metric", "640.0"), ("imperial", "397.7")])
async def test_a_shoe_life_reads_the_same_in_its_field_and_the_shoe_table(make, seed, config_path, units, life):
    seed([E.Shoe(name="Pegasus 40", first_used=at(200).date(), tz=TZ_NAME, start_km=50)])
    app = make(Settings(theme="textual-dark", units=units))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_settings(pilot)
        field = screen.query_one("#setting-shoes-life_km", Input)
        assert field.value == life
        row = [str(c) for c in screen.query_one("#shoes-table", DataTable).get_row_at(0)]
        assert row[3] == f"8% of {life} {_text(screen, '#unit-shoes-life_km')}"
        field.focus()
        await pilot.press("tab")  # leaving the field as shown saves nothing
        await settle(pilot)
    assert _config(config_path).get("shoes") is None


async def test_escape_with_unsaved_typing_asks_first(make, config_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_settings(pilot)
        field = await _type_into(pilot, screen, "targets.beverage_ml", "2500")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "Discard what you typed?" in str(app.screen.query_one("#confirm-question", Label).render())
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is screen and field.value == "2500"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")  # discard and leave
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.journal.settings.beverage_ml == 1800
    assert _config(config_path) == {}


async def test_escape_on_an_unchanged_screen_goes_straight_back(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_settings(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_changing_whose_references_moves_the_targets_not_typed(make, config_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_settings(pilot)
        screen.query_one("#setting-targets-sex", Select).value = "male"
        await settle(pilot)
        assert (app.journal.settings.beverage_ml, app.journal.settings.magnesium_mg) == (2000, 420)
        assert screen.query_one("#setting-targets-beverage_ml", Input).value == "2000"


async def test_settings_speak_plainly(make):
    """Every label, hint and unit reads as a sentence: no internal names, no type jargon, and
    each range is the one declared with the setting."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_settings(pilot)
        shown = " ".join(str(w.render()) for w in screen.query(".setting-label, .setting-doc, .setting-unit"))
    words = re.sub(r"(?<=\d)\.(?=\d)", "", shown)  # 1.6 L is a number, targets.sex a name
    assert "_" not in words and "." not in words.replace(". ", " ").rstrip("."), "an internal name shows"
    for jargon in ("int", "float", "str"):
        assert jargon not in shown.split(), jargon
    for jargon in ("HH:MM", "IANA", "(km)"):
        assert jargon not in shown, jargon
    fields = {f.name: f.metadata for f in dataclasses.fields(Settings)}
    for name in ("magnesium_mg", "potassium_mg"):
        assert f"from {fields[name]['low']:g} to {fields[name]['high']:g} mg" in shown


async def test_each_setting_is_explained_in_the_words_it_is_declared_with(make):
    """The Settings screen says what a setting does with its declaration's `doc` (the words
    `cramplog config` and docs/logging.md use) and `hint`, then the values it takes; when a
    value is refused, the message says the values and the words stay."""
    from cramplog.ui.screens.settings import SECTIONS

    declared = {f"{f.metadata['section']}.{f.name}": f.metadata for f in dataclasses.fields(Settings)}
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_settings(pilot)
        for key in (key for _, keys in SECTIONS for key in keys):
            doc, hint = declared[key]["doc"], declared[key]["hint"]
            said = " ".join(_text(screen, f"#doc-{key.replace('.', '-')}").split())
            assert said.startswith(" ".join(f"{doc[0].upper()}{doc[1:]}. {hint}".split())), key
        field = screen.query_one("#setting-targets-magnesium_mg", Input)
        field.value = "5000"
        field.focus()
        await pilot.press("enter")
        await settle(pilot)
        said = " ".join(_text(screen, "#doc-targets-magnesium_mg").split())
        doc = declared["targets.magnesium_mg"]["doc"]
        assert said == f"{doc[0].upper()}{doc[1:]}. {declared['targets.magnesium_mg']['hint']}"
        assert "from 50 to 1000 mg" in _text(screen, "#error-targets-magnesium_mg")


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
        assert [str(table.get_row_at(r)[0]) for r in range(table.row_count)] == ["Trail 2", "Pegasus 40"]
        # Rename the selected one (e, as in History).
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal) and app.screen.entry == shoe
        await pilot.press("end", *["backspace"] * 2, *"41")
        await pilot.press("enter")
        await settle(pilot)
        # Retire it: it moves below the shoes in use.
        table.move_cursor(row=1)
        await pilot.press("x")
        await settle(pilot)
        assert [str(c) for c in table.get_row_at(1)][::4] == ["Pegasus 41", "retired 2026-03-14"]
    shoes = {s.name: s for s in entries_in(db_path, "shoe")}
    assert shoes["Pegasus 41"].retired is not None and shoes["Trail 2"].retired is None


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


async def test_retired_shoes_go_below_those_in_use_and_a_later_retire_date_is_still_in_use(make, seed):
    seed(
        [
            E.Shoe(name="Old", first_used=at(300).date(), tz=TZ_NAME, retired=at(100).date()),
            E.Shoe(name="Current", first_used=at(100).date(), tz=TZ_NAME, retired=at(-30).date()),
            E.Shoe(name="Spare", first_used=at(20).date(), tz=TZ_NAME),
        ]
    )
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_settings(pilot)
        table = screen.query_one("#shoes-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]
        assert [(r[0], r[4]) for r in rows] == [
            ("Spare", "in use"),
            ("Current", "in use, retires 2026-04-13"),
            ("Old", "retired 2025-12-04"),
        ]


async def test_the_screen_shows_at_once_saying_it_loads_and_keys_meanwhile_are_harmless(make, seed, monkeypatch):
    """The first frame has the title and "Loading settings…"; e, x and Escape typed before the
    fields are there neither fail nor act on a shoe; the fields follow."""
    seed([E.Shoe(name="Pegasus 40", first_used=at(2026, 1, 5).date(), tz=TZ_NAME)])
    held = []
    monkeypatch.setattr(SettingsScreen, "_fill_later", lambda self: held.append(self))  # a slow machine
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, SettingsScreen) and held == [screen] and not screen.filled
        assert "Loading settings" in _text(screen, "#settings-loading")
        await pilot.press("x", "e")
        assert isinstance(app.screen, SettingsScreen)  # neither key opened a form or failed
        await screen._fill()
        await settle(pilot)
        assert screen.filled and not screen.query("#settings-loading")
        assert "retired" not in " ".join(str(c) for c in screen.query_one(DataTable).get_row_at(0))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_a_new_day_boundary_is_the_journals_at_once(make, config_path):
    """After 04:00 -> 05:30 in Settings, the journal's own rules (which check-in a cramp turns
    off) read the new boundary too, not the one the app started with."""
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_settings(pilot)
        await _enter(pilot, screen, "journal.day_boundary", "5:30")
        assert app.journal.settings.day_boundary == "05:30"
        assert app.journal.repo.day_boundary == app.journal.settings.boundary


async def test_a_new_day_boundary_warns_of_the_days_it_leaves_saying_both(make, seed):
    seed(
        [
            E.Cramp(at=at(0, 4, 30), tz=TZ_NAME, muscle="calf", severity=4),
            E.CheckIn(day=at(1).date(), tz=TZ_NAME, no_cramps=True),
        ]
    )
    app = make()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await _open_settings(pilot)
        await _enter(pilot, screen, "journal.day_boundary", "05:00")
        warnings = [str(n.message) for n in app._notifications if n.severity == "warning"]
        assert warnings == [
            '1 diary day now has a cramp and a "no cramps" check-in: Fri 13 Mar 2026 (#2). '
            'The cramp counts; to turn "no cramps" off, edit it in History (h, then e).'
        ]


async def test_enter_on_an_unchanged_setting_writes_nothing_so_it_keeps_following_the_references(make, config_path):
    """Enter in the drinks field as shown wrote `beverage_ml = 1800` to config.toml, pinning the
    target: a later "Targets based on: male" left it at 1800 instead of moving it to 2000."""
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await _open_settings(pilot)
        screen.query_one("#setting-targets-beverage_ml", Input).focus()
        await pilot.press("enter", "tab")
        await settle(pilot)
        assert "beverage_ml" not in _config(config_path).get("targets", {})
        assert not [n for n in app._notifications if "Saved" in str(n.message)]
        screen.query_one("#setting-targets-sex", Select).value = "male"
        await settle(pilot)
        assert app.journal.settings.beverage_ml == 2000
    assert "beverage_ml" not in _config(config_path)["targets"]


async def test_the_time_zone_and_week_start_are_set_here_and_used_at_once(make, config_path):
    """The first run's answers can all be changed here (the zone and the week start were only
    in `cramplog config`)."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_settings(pilot)
        await _enter(pilot, screen, "journal.timezone", "Mars/Olympus")
        assert "Can't use “Mars/Olympus”" in _text(screen, "#error-journal-timezone")
        await _enter(pilot, screen, "journal.timezone", "America/Chicago")
        assert app.journal.clock.tz_name == "America/Chicago"
        screen.query_one("#setting-display-week_start", Select).value = "sunday"
        await settle(pilot)
        assert app.journal.settings.week_start == "sunday"
    assert _config(config_path)["journal"]["timezone"] == "America/Chicago"
    assert _config(config_path)["display"]["week_start"] == "sunday"


async def test_enter_on_the_reminder_time_installs_it(make, tmp_path, monkeypatch):
    import os
    import stat

    xdg, bin_dir = tmp_path / "xdg", tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "systemctl"
    fake.write_text("#!/bin/sh\necho 'Failed to connect to bus' >&2\nexit 1\n")  # no user session
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await _open_settings(pilot)
        field = screen.query_one("#reminder-at", Input)
        field.focus()
        await pilot.press("end", *["backspace"] * 5, *"7:30", "enter")
        for _ in range(4):
            await settle(pilot)
        said = [str(n.message) for n in app._notifications]
    timer = (xdg / "systemd" / "user" / "cramplog-remind.timer").read_text()
    assert "OnCalendar=*-*-* 07:30:00" in timer
    assert any("Turn it on with: systemctl --user enable --now cramplog-remind.timer" in s for s in said), said


async def test_the_reminder_field_says_whether_one_is_installed_and_when_it_rings(make, tmp_path, monkeypatch):
    """Settings showed "Remind me at 21:00" on a machine where none was installed: the default,
    as if it were set. Now the field holds the time the written timer rings at, or is empty
    (21:00 its placeholder), and the words under it say which."""
    from cramplog.domain.reminder import REMINDER_TIMER, units_folder

    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open_settings(pilot)
        assert screen.query_one("#reminder-at", Input).value == ""
        assert _text(screen, "#reminder-doc").startswith("Not installed.")
    folder = units_folder()
    folder.mkdir(parents=True)
    (folder / REMINDER_TIMER).write_text("[Timer]\nOnCalendar=*-*-* 07:30:00\nPersistent=true\n")
    written = make()  # as on a machine without systemd, or after `systemctl --user disable`
    async with written.run_test(size=(100, 40)) as pilot:
        screen = await _open_settings(pilot)
        assert screen.query_one("#reminder-at", Input).value == "07:30"
        assert _text(screen, "#reminder-doc").startswith("Written for 07:30 but not turned on")
    (folder / "timers.target.wants").mkdir()
    (folder / "timers.target.wants" / REMINDER_TIMER).symlink_to(folder / REMINDER_TIMER)  # what enable does
    enabled = make()
    async with enabled.run_test(size=(100, 40)) as pilot:
        screen = await _open_settings(pilot)
        assert _text(screen, "#reminder-doc").startswith("Installed: it rings at 07:30.")
