"""A first run that asks, once: units, the references for the targets, the time zone, the day
boundary and the evening reminder; skippable, and each answer changeable in Settings."""

from __future__ import annotations

import os
import stat
import tomllib

import pytest
from textual.widgets import Input

from cramplog.domain import entries as E
from cramplog.domain.settings import Settings
from cramplog.ui.modals.first_run import FirstRunModal, guess_units
from cramplog.ui.screens.dashboard import DashboardScreen

from .conftest import TZ_NAME, at, settle, today_row


def _config(config_path) -> dict:
    return tomllib.loads(config_path.read_text()) if config_path.exists() else {}


@pytest.mark.parametrize(
    ("environ", "units"),
    [
        ({"LANG": "en_US.UTF-8"}, "imperial"),
        ({"LANG": "en_GB.UTF-8"}, "metric"),
        ({"LANG": "de_DE.UTF-8", "LC_MEASUREMENT": "en_US.UTF-8"}, "imperial"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "metric"),
        ({"LANG": "C.UTF-8"}, "metric"),
        ({}, "metric"),
    ],
)
def test_the_units_are_guessed_from_the_locale(environ, units):
    assert guess_units(environ) == units


async def _asked(pilot) -> FirstRunModal:
    await settle(pilot)
    assert isinstance(pilot.app.screen, FirstRunModal)
    return pilot.app.screen


async def test_a_us_user_answers_once_and_the_journal_speaks_fl_oz(make, config_path, monkeypatch):
    """A US user got ml and km until they found `cramplog config`."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MEASUREMENT", raising=False)
    app = make(first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await _asked(pilot)
        assert modal.query_one("#ask-display-units", Input).value == "imperial"
        await pilot.press("tab", *"female", "tab", "tab", *"05:00", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert (app.journal.settings.units, app.journal.settings.sex, app.journal.settings.day_boundary) == (
            "imperial",
            "female",
            "05:00",
        )
        assert app.journal.settings.beverage_ml == 1600 and "of 54 fl oz" in today_row(app, "beverages")
    assert _config(config_path) == {
        "display": {"units": "imperial"},
        "targets": {"sex": "female"},
        "journal": {"day_boundary": "05:00"},
    }
    again = make(settings=Settings(theme="textual-dark", units="imperial"), first_run=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, DashboardScreen), "asked once only"


async def test_escape_skips_writes_no_setting_and_is_not_asked_again(make, config_path):
    app = make(first_run=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _asked(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert any("Settings (o)" in str(n.message) for n in app._notifications)
    assert not config_path.exists()
    again = make(first_run=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, DashboardScreen)


async def test_a_bad_answer_is_marked_and_nothing_is_written(make, config_path):
    app = make(first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await _asked(pilot)
        zone = modal.query_one("#ask-journal-timezone", Input)
        zone.value = "Mars/Olympus"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FirstRunModal) and app.screen.focused is zone
        assert "unknown time zone" in str(modal.query_one("#error-journal-timezone").render())
    assert not config_path.exists()


async def test_a_new_zone_is_used_for_the_entries_logged_after(make, db_path, config_path):
    app = make(first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await _asked(pilot)
        modal.query_one("#ask-journal-timezone", Input).value = "America/Chicago"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w", "enter")
        await settle(pilot)
    assert _config(config_path)["journal"]["timezone"] == "America/Chicago"
    from .conftest import entries_in

    [drink] = entries_in(db_path, "drink")
    assert drink.tz == "America/Chicago"


async def test_a_journal_with_entries_is_not_asked(make, seed):
    seed([E.Drink(at=at(1), tz=TZ_NAME, amount_ml=250)])
    app = make(first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_the_evening_reminder_is_installed_and_turned_on(make, tmp_path, monkeypatch, config_path):
    """Ticked, the reminder is written by `cramplog remind install` and turned on with systemctl
    (a stand-in here, which records what it was asked)."""
    xdg, bin_dir = tmp_path / "xdg", tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "systemctl.log"
    fake = bin_dir / "systemctl"
    fake.write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    app = make(first_run=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _asked(pilot)
        await pilot.press("tab", "tab", "tab", "tab", "space", "enter")
        for _ in range(4):
            await settle(pilot)
        said = [str(n.message) for n in app._notifications]
    assert (xdg / "systemd" / "user" / "cramplog-remind.timer").exists()
    assert "OnCalendar=*-*-* 21:00:00" in (xdg / "systemd" / "user" / "cramplog-remind.timer").read_text()
    assert log.read_text().split() == ["--user", "enable", "--now", "cramplog-remind.timer"]
    assert any("Evening reminder on: 21:00" in s for s in said), said


async def test_each_question_reads_as_the_setting_it_sets_reads_in_settings(make):
    """A question is the Settings screen's setting, asked early: the same label, and under it the
    same words (what it means and the values it takes). They were worded twice, and had drifted:
    the first run's labels were not Settings' ("Targets from", "New day at") and its units
    question left out that a number typed without a unit is read in them."""
    from textual.widgets import Label, Static

    from cramplog.ui.screens.settings import SettingsScreen

    app = make(first_run=True)
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await _asked(pilot)
        asked = {}
        for label, question in zip(modal.query(".first-run-label").results(Label), modal.query(Input).results()):
            question.focus()
            await pilot.pause()
            asked[question.id.removeprefix("ask-")] = (
                str(label.render()),
                str(modal.query_one("#first-run-hint", Static).render()),
            )
        await pilot.press("escape")
        await settle(pilot)
        app.push_screen(SettingsScreen())
        await settle(pilot)
        for dom, (label, said) in asked.items():
            line = app.screen.query_one(f"#doc-{dom}", Static).parent
            assert str(line.query_one(".setting-label", Label).render()) == label
            assert str(app.screen.query_one(f"#doc-{dom}", Static).render()) == said
        assert set(asked) == {"display-units", "targets-sex", "journal-timezone", "journal-day_boundary"}
