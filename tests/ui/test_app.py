"""The app as a whole: dashboard, first run, help, palette, navigation, live refresh, sizes."""

from __future__ import annotations

import asyncio

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

from cramplog.domain import entries as E
from cramplog.domain.settings import Settings
from cramplog.storage.repository import JournalRepository
from cramplog.ui.screens.dashboard import DashboardScreen
from cramplog.ui.screens.help import HelpScreen
from cramplog.ui.screens.history import HistoryScreen
from cramplog.ui.screens.settings import SettingsScreen
from cramplog.ui.text import DISCLAIMER

from .conftest import TZ_NAME, at, entries_in, opened, settle, today_row


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def _week() -> list[E.Entry]:
    return [
        E.Drink(at=at(0, 8), tz=TZ_NAME, amount_ml=500),
        E.Drink(at=at(0, 11), tz=TZ_NAME, amount_ml=400),
        E.Drink(at=at(1, 11), tz=TZ_NAME, amount_ml=900),  # yesterday: not today's total
        E.Stretch(at=at(0, 7), tz=TZ_NAME, minutes=10),
        E.Stretch(at=at(3, 7), tz=TZ_NAME, minutes=20),
        E.Run(at=at(2, 7), tz=TZ_NAME, distance_km=8.5),
        E.Run(at=at(4, 7), tz=TZ_NAME, distance_km=5),
        E.Run(at=at(9, 7), tz=TZ_NAME, distance_km=30),  # last week: not counted
        E.Cramp(at=at(0, 3, 0), tz=TZ_NAME, muscle="hamstring", side="right", severity=6, context="night"),
        E.CheckIn(day=at(1).date(), tz=TZ_NAME, no_cramps=False),
    ]


async def test_dashboard_shows_today_and_this_week(make, seed):
    seed(_week())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert today_row(app, "beverages") == "900 ml of 1.8 L"
        assert app.screen.query_one("#today-panel").drunk == (900, 1800)  # the bar: half full
        assert today_row(app, "stretch") == "10 min today · 30 min in 7 days"
        # 03:00 today is before the 04:00 boundary: it belongs to yesterday's diary day.
        assert today_row(app, "cramp") == "10 h ago · hamstring, right · severity 6"
        assert today_row(app, "runs") == "2 · 13.5 km"
        assert today_row(app, "checkin") == "today: not yet (n) · yesterday: 1 cramp"
        assert not app.screen.query_one("#first-run").display
        assert not app.screen.query_one("#red-flag-banner").display


async def test_first_run_says_what_to_do(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#first-run").display
        assert "press c" in app.screen.query_one("#first-run").text
        assert app.screen.query_one("#first-run").text.endswith(DISCLAIMER)
        assert today_row(app, "cramp") == "none logged yet"
        await pilot.press("w", "enter")
        await settle(pilot)
        assert not app.screen.query_one("#first-run").display


async def test_the_dashboard_says_it_is_loading_until_the_numbers_land(make, seed, monkeypatch):
    """A slow journal (a busy disk, a server): the first frame says "loading", not blank rows
    that look like an empty day; the numbers then fill the same rows."""
    import threading

    from cramplog.ui import loaders

    seed(_week())
    gate = threading.Event()
    real = loaders.load_dashboard

    def held(*args):
        gate.wait(10)
        return real(*args)

    monkeypatch.setattr(loaders, "load_dashboard", held)
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#today-panel")
        assert panel.border_title == "Today · loading…"
        assert today_row(app, "beverages") == ""
        rows = panel.region
        gate.set()
        await settle(pilot)
        assert panel.border_title == "Today · Sat 14 Mar 2026"
        assert today_row(app, "beverages") == "900 ml of 1.8 L"
        assert panel.region == rows, "the rows stay where they were"


async def test_the_first_load_started_before_the_app_is_the_one_it_shows(seed, db_path, clock, monkeypatch):
    """Bare `cramplog` starts the dashboard's first load before Textual is imported
    (`loaders.prefetch_dashboard`); the app shows that load and does not query again."""
    from cramplog.domain.settings import Settings
    from cramplog.ui import loaders
    from cramplog.ui.app import CramplogApp
    from cramplog.ui.dashboard_feed import DashboardFeed

    seed([*_week(), E.Symptom(at=at(1, 10), tz=TZ_NAME, symptom="swelling_one_leg", side="left")])
    repo = JournalRepository.open(db_path)
    settings = Settings(theme="textual-dark")
    first = loaders.prefetch_dashboard(repo, settings, clock)
    first.result(timeout=10)

    def again(*args):
        raise AssertionError("the first load was made twice")

    monkeypatch.setattr(loaders, "load_dashboard", again)
    # It has landed before the app is built, so the first frame shows it: no loading frame,
    # no worker and no message between (a data worker that never delivers changes nothing).
    monkeypatch.setattr(DashboardFeed, "load", lambda self: None)
    app = CramplogApp(repo, settings, clock, db_path=db_path, poll_interval=None, first_load=first)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#today-panel").border_title == "Today · Sat 14 Mar 2026"
        assert today_row(app, "beverages") == "900 ml of 1.8 L"
        banner = app.screen.query_one("#red-flag-banner")  # the flags are still checked
        assert banner.display and "Possible blood clot" in banner.text
    repo.close()


async def test_beverage_bar_is_neutral_above_the_target(make, seed):
    """Over the target the bar is simply full and the text states the amount: no 'drink more'."""
    seed([E.Drink(at=at(0, 8 + i), tz=TZ_NAME, amount_ml=750) for i in range(4)])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert today_row(app, "beverages") == "3.0 L of 1.8 L"
        screen_text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "drink more" not in screen_text.lower()


async def test_red_flag_banner_shows_the_most_serious_flag(make, seed):
    seed(
        [
            E.Symptom(at=at(2, 10), tz=TZ_NAME, symptom="tingling", side="left"),
            E.Symptom(at=at(1, 10), tz=TZ_NAME, symptom="swelling_one_leg", side="left"),
        ]
    )
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        banner = app.screen.query_one("#red-flag-banner")
        assert banner.display and banner.has_class("-urgent")
        assert "Urgent" in banner.text and "Possible blood clot" in banner.text
        await pilot.press("exclamation_mark")
        await pilot.pause()
        from cramplog.ui.modals.red_flag import RedFlagModal

        assert isinstance(app.screen, RedFlagModal)
        assert app.screen.flags[0].tier == "urgent"


async def test_help_shows_keys_and_the_disclaimer(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "0 means 10" in _text(app, "#help-keys")
        assert _text(app, "#help-disclaimer") == DISCLAIMER
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


@pytest.mark.parametrize(("units", "said", "saved_ml"), [("metric", "250 ml", 250), ("imperial", "8 fl oz", 237)])
async def test_help_says_what_a_drink_saves_in_the_users_units(make, db_path, units, said, saved_ml):
    from cramplog.domain.settings import Settings

    app = make(Settings(theme="textual-dark", units=units))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert f"w  drink: Enter saves {said};" in _text(app, "#help-keys")
        await pilot.press("escape", "w", "enter")
        await settle(pilot)
    assert [d.amount_ml for d in entries_in(db_path, "drink")] == [saved_ml]  # what help said


async def test_palette_lists_every_action(make):
    from cramplog.ui.forms import FORMS
    from cramplog.ui.keys import command_callbacks

    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        titles = [t for t, _, _, _ in command_callbacks(app)]
        keys = {t: k for t, _, _, k in command_callbacks(app)}
        assert (keys["History"], keys["Undo"], keys["Redo"], keys["Log a cramp"]) == ("h", "u", "ctrl+r", "c")
        assert {f.title for f in FORMS.values()} <= set(titles)
        for needed in (
            "History",
            "Trends",
            "Insights",
            "Settings and shoes",
            "Undo",
            "Redo",
            "Clinician report",
            "Export",
            "Backup",
            "Help",
            "Quit",
        ):
            assert needed in titles
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"history", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_q_quits(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit or not app.is_running


async def test_q_in_a_form_does_not_quit(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "q")  # focus on a checkbox
        await pilot.pause()
        assert app.is_running and not app._exit


async def test_ctrl_c_names_the_apps_own_quit_key(make):
    """Ctrl+C showed Textual's "Press ctrl+q to quit" while the app's key is q."""
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        said = " ".join(f"{n.title} {n.message}" for n in app._notifications)
        assert app.is_running
    assert "ctrl+q" not in said
    assert "Press q to quit." in said


async def test_an_entry_from_the_shell_shows_up_without_a_restart(make, db_path):
    app = make(poll_interval=0.2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert today_row(app, "beverages") == "0 ml of 1.8 L"
        other = JournalRepository.open(db_path)  # as `cramplog drink 500` would
        other.add(E.Drink(at=at(0, 12), tz=TZ_NAME, amount_ml=500))
        other.close()
        for _ in range(40):
            await asyncio.sleep(0.1)
            await settle(pilot)
            if today_row(app, "beverages") != "0 ml of 1.8 L":
                break
        assert today_row(app, "beverages") == "500 ml of 1.8 L"


async def test_a_setting_changed_from_the_shell_shows_up_without_a_restart(make, config_path):
    from cramplog.config import set_value

    app = make(settings=Settings(), poll_interval=0.2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert today_row(app, "beverages") == "0 ml of 1.8 L"
        set_value("targets.sex", "female", config_path)  # as `cramplog config set targets.sex female`
        for _ in range(40):
            await asyncio.sleep(0.1)
            await settle(pilot)
            if today_row(app, "beverages") != "0 ml of 1.8 L":
                break
        assert app.journal.settings.sex == "female"
        assert today_row(app, "beverages") == "0 ml of 1.6 L"


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_every_screen_fits(make, seed, size):
    """At 80×24 and 200×60 each screen's key widgets are on screen (not clipped to nothing)."""
    seed(_week())
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        width, height = size
        for selector in ("#today-panel", "#keys"):
            region = app.screen.query_one(selector).region
            assert region.width > 0 and region.bottom <= height, selector
        for key, screen_cls, selector in (
            ("h", HistoryScreen, "#history-table"),
            ("o", SettingsScreen, "#settings-body"),
            ("question_mark", HelpScreen, "#help-keys"),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_cls)
            region = app.screen.query_one(selector).region
            assert region.width >= width - 8 and region.height >= 5, selector
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen.query_one("#form-dialog").region
        assert dialog.bottom <= height and dialog.right <= width
        assert app.screen.query_one("#form-save").region.height == 1, "the Save button is visible"


async def test_t_opens_trends_and_escape_returns(make, seed):
    from cramplog.ui.screens import trends

    seed(_week())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, trends.TrendsScreen)
        await pilot.press("h")  # another full screen replaces it, on the dashboard
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen) and len(app.screen_stack) == 2


async def test_trends_opens_on_the_chart_and_range_of_the_last_visit_even_after_a_restart(make, seed, monkeypatch):
    from cramplog.ui.charts import TrendChart
    from cramplog.ui.screens.trends import TrendsScreen

    seed(_week())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "tab", "tab", "tab", "4")
        await settle(pilot)
        await pilot.press("escape", "t")  # the same session
        await settle(pilot)
        assert (app.screen.tab, app.screen.weeks) == ("running", 52)
        await pilot.press("q")
    import threading

    from cramplog.ui import loaders

    read = loaders.read_trends_view
    readers = []

    def read_where(path):
        readers.append(threading.current_thread() is threading.main_thread())
        return read(path)

    monkeypatch.setattr(loaders, "read_trends_view", read_where)
    app = make()  # the next session, same config folder
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot, "t", TrendsScreen)
        assert (screen.tab, screen.weeks) == ("running", 52)
        assert readers == [False], "read once, in a worker after the first frame, not on the UI thread"
        assert "Run distance per month" in screen.query_one(TrendChart).text


async def test_a_damaged_trends_view_file_opens_trends_as_new(make, seed, config_path):
    from cramplog.ui.screens.trends import TrendsScreen

    config_path.parent.mkdir(parents=True)
    (config_path.parent / "trends_view.json").write_text('{"tab": "bogus", "weeks": 7}')
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot, "t", TrendsScreen)
        assert (screen.tab, screen.weeks) == ("cramps", 12)


async def test_a_workout_without_a_distance_does_not_stop_the_dashboard(make, seed):
    from cramplog.domain import entries as E

    seed(
        [
            E.Run(at=at(0, 9), tz=TZ_NAME, distance_km=None, workout="jump_rope", duration_s=900),
            E.Run(at=at(1, 9), tz=TZ_NAME, distance_km=5.0),
        ]
    )
    app = make()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        assert app.feed.data is not None and sum(d.run_km for d in app.feed.data.days) == 5.0
