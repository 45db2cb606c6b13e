"""The phone's way to log (`cramplog serve`, any narrow terminal): big buttons, four taps, no typing."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Button

from cramplog.domain import entries as E
from cramplog.ui.screens.quick_log import QuickCrampScreen
from cramplog.ui.themes import NIGHT
from cramplog.ui.widgets.quick_bar import QuickBar

from .conftest import NOW, TZ_NAME, at, entries_in, settle

PHONE = (48, 52)
"""What a 390x844 CSS px browser gets from `cramplog serve`'s page (48 columns at 13 px)."""


def fits(app, widget_id: str) -> bool:
    """The widget is laid out entirely inside the screen (no scrolling needed to reach it)."""
    region = app.screen.query_one(f"#{widget_id}").region
    width, height = app.size
    return region.width > 0 and region.right <= width and region.bottom <= height


async def test_calf_seven_just_now_in_four_taps(make, db_path, seed):
    seed([E.Cramp(at=at(3, 2), tz=TZ_NAME, muscle="hamstring", side="left", severity=3)])
    app = make()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        for target in ("#quick-log-cramp", "#quick-muscle-calf", "#quick-severity-7", "#quick-save"):
            assert fits(app, target.lstrip("#")), f"{target} is off the phone's screen"
            await pilot.click(target)
            await settle(pilot)
        assert not isinstance(app.screen, QuickCrampScreen)
        panel = str(app.screen.query_one("#today-panel").render())
    cramp = entries_in(db_path, "cramp")[-1]
    assert (cramp.muscle, cramp.severity, cramp.side, cramp.at) == ("calf", 7, "left", NOW)
    assert "calf" in panel and "7" in panel, "the dashboard shows what was just logged"


async def test_targets_are_thumb_sized_and_save_waits_for_a_severity(make, db_path):
    app = make()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        await pilot.click("#quick-log-cramp")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuickCrampScreen)
        for button in screen.query(Button):
            assert button.region.height >= 3 and button.region.width >= 6, button.id
            assert button.region.bottom <= app.size[1], f"{button.id} is below the screen"
        assert screen.query_one("#quick-save", Button).disabled
        await pilot.click("#quick-save")
        await pilot.click("#quick-at-1-hour-ago")
        await pilot.click("#quick-severity-10")
        await pilot.click("#quick-muscle-foot_arch")
        await pilot.click("#quick-side-right")
        await pilot.click("#quick-save")
        await settle(pilot)
    [cramp] = entries_in(db_path, "cramp")
    assert (cramp.muscle, cramp.side, cramp.severity) == ("foot_arch", "right", 10)
    assert cramp.at == NOW - dt.timedelta(hours=1)


async def test_back_logs_nothing_and_wide_terminals_build_no_bar(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query(QuickBar), "80 columns pay for no phone buttons"
        await pilot.resize_terminal(*PHONE)
        await settle(pilot)
        await pilot.click("#quick-log-cramp")
        await pilot.click("#quick-severity-5")
        await pilot.click("#quick-back")
        await settle(pilot)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert not app.screen.query_one(QuickBar).display
    assert entries_in(db_path, "cramp") == []


async def test_night_theme_is_offered_and_dim(make):
    app = make()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        assert NIGHT.name in app.available_themes
        app.theme = NIGHT.name
        await settle(pilot)
        variables = app.theme_variables
    from textual.color import Color

    assert Color.parse(variables["background"]).brightness < 0.05
    assert Color.parse(variables["foreground"]).brightness < 0.7, "dim text, not white"
