"""Pilot and snapshot tests of the Trends screen (a fixed journal, a fixed clock)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.app import App
from textual.widgets import Static

from cramplog.analysis.trends import CHARTS
from cramplog.storage.repository import JournalRepository
from cramplog.ui.charts import TrendChart
from cramplog.ui.open_journal import OpenJournal
from cramplog.ui.screens.history import HistoryScreen
from cramplog.ui.screens.trends import TrendsScreen
from cramplog.ui.widgets.key_bar import KeyBar
from cramplog.ui.widgets.packed import Packed

from .helpers import checkin, cramp, drink, monday, run, stretch


class TrendsTestApp(App):
    """The smallest host for the screen: what it reads from `self.app`, and nothing else."""

    def __init__(self, repo, settings, clock):
        super().__init__()
        self.journal = OpenJournal(repo, settings, clock)
        self.trends = KeptView()
        self.navigation = self

    def open_history(self, until, *, back_to_caller):
        self.push_screen(HistoryScreen.up_to(until, back_to_caller=back_to_caller))

    def on_mount(self) -> None:
        self.push_screen(TrendsScreen())


class KeptView:
    """The Trends view kept between visits, without its file (`state_files.TrendsView`)."""

    def __init__(self):
        self.view = (None, None)

    def get(self):
        return self.view

    def remember(self, tab, weeks):
        self.view = (tab, weeks)


def seed(repo: JournalRepository) -> None:
    entries = []
    for week in range(12, -1, -1):
        if week in (5, 6):
            continue  # two weeks with nothing logged
        d = monday(week)
        entries += [
            checkin(d),
            drink(d, 1400),
            stretch(d, 10 + week),
            run(d, 5.0 + week % 3),
            checkin(d + dt.timedelta(days=2)),
        ]
        entries += [
            cramp(d + dt.timedelta(days=2), severity=4 + week % 5, context=c)
            for c in ("night", "stretching")[: 1 + week % 2]
        ]
    repo.add_many(entries)


@pytest.fixture
def repo(tmp_path):
    repository = JournalRepository.open(tmp_path / "j.db")
    seed(repository)
    yield repository
    repository.close()


async def settle(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_screen_loads_summary_and_draws_every_chart_at_80x24(repo, settings, clock):
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        summary = str(screen.query_one("#trends-summary", Static).render())
        assert summary.startswith("This week so far (4 of 7 days): 1 cramp")
        chart = screen.query_one(TrendChart)
        width, height = chart.content_size
        assert width >= 70 and height >= 12
        lines = chart.text.split("\n")
        assert len(lines) == height and {len(line) for line in lines} == {width}
        assert "Cramps per week" in chart.text and "█" in chart.text and "·" in chart.text
        for name in CHARTS:  # Tab goes through every chart, in order, and back to the first
            assert screen.tab == name and chart.chart is screen.trends.charts[name]
            await pilot.press("tab")
        assert screen.tab == CHARTS[0]


async def test_range_keys_reload_with_4_12_26_52_weeks(repo, settings, clock):
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for key, weeks, last, count in (
            ("1", 4, "23 Mar", 4),
            ("4", 52, "Mar", 12),
            ("3", 26, "23 Mar", 26),
            ("2", 12, "23 Mar", 12),
        ):
            await pilot.press(key)
            await settle(app, pilot)
            assert len(app.screen.trends.weeks) == weeks
            labels = app.screen.query_one(TrendChart).chart.labels
            assert (labels[-1], len(labels)) == (last, count)  # past 26 weeks: calendar months
            assert ("by month" in app.screen.query_one("#trends-range", Packed).text) == (weeks > 26)
            # The range says the bars drawn, not the weeks asked for (52 weeks are 12 months).
            said = {
                4: "4 weeks, 02 Mar – 26 Mar 2026",
                52: "12 months by month, Apr 2025 – Mar 2026",
                26: "26 weeks, 29 Sep 2025 – 26 Mar 2026",
                12: "12 weeks, 05 Jan – 26 Mar 2026",
            }
            assert app.screen.query_one("#trends-range", Packed).text.startswith(said[weeks])


async def test_chart_follows_the_window_size(repo, settings, clock):
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        chart = app.screen.query_one(TrendChart)
        small = chart.content_size
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        big = chart.content_size
        assert big.width > small.width and big.height > small.height
        assert {len(line) for line in chart.text.split("\n")} == {big.width}
        assert len(chart.text.split("\n")) == big.height


async def test_too_small_window_says_why_there_is_no_chart(repo, settings, clock):
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(30, 10)) as pilot:
        await settle(app, pilot)
        text = " ".join(app.screen.query_one(TrendChart).text.split())
        assert "8 rows" in text, text


async def test_tab_switches_charts_arrows_pick_a_week_escape_goes_back(repo, settings, clock):
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.tab == "cramps"
        await pilot.press("tab")
        assert screen.tab == "beverages" and "Drinks per day" in screen.query_one(TrendChart).text
        await pilot.press("shift+tab", "shift+tab")
        assert screen.tab == "shoes"
        week = app.screen.query_one("#trends-week", Packed)
        assert "Week of Mon 23 Mar 2026" in week.text
        await pilot.press("left")  # the shoe chart has no weeks: the cursor keys are off there
        assert "Week of Mon 23 Mar 2026" in week.text and screen.tab == "shoes"
        await pilot.pause()
        footer = screen.query_one(KeyBar).text
        assert "Next chart" in footer and "Earlier" not in footer and "In History" not in footer
        await pilot.press("tab", "left", "left")
        assert "Week of Mon 09 Mar 2026" in week.text
        assert "2 cramps" in week.text or "1 cramp" in week.text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TrendsScreen)


async def test_a_click_on_a_tab_title_shows_its_chart(repo, settings, clock):
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        strip = app.screen.query_one("#trends-tabs", Static)
        titles = str(strip.render()).split("\n")[0]
        await pilot.click(strip, offset=(1 + titles.index("Shoes") + 1, 0))  # 1: the padding
        await pilot.pause()
        assert app.screen.tab == "shoes" and "Distance on each shoe" in app.screen.query_one(TrendChart).text
        assert app.trends.get() == ("shoes", 12)


def label_under_cursor(text: str) -> str:
    from cramplog.analysis.chart_render import CURSOR

    lines = text.split("\n")
    axis = next(i for i, line in enumerate(lines) if "└" in line)
    at = lines[axis].index(CURSOR)
    labels = lines[axis + 1]
    start = labels.rfind("  ", 0, at + 1) + 2
    return labels[start : labels.find("  ", at)].strip()


async def test_the_cursor_moves_on_every_chart_and_enter_opens_that_week_in_history(repo, settings, clock):
    from cramplog.analysis.chart_render import CURSOR

    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        chart = app.screen.query_one(TrendChart)
        axis = next(line for line in chart.text.split("\n") if "└" in line)
        newest = axis.index(CURSOR)
        await pilot.press("left", "left", "left")
        axis = next(line for line in chart.text.split("\n") if "└" in line)
        assert axis.count(CURSOR) == 1 and axis.index(CURSOR) < newest
        assert label_under_cursor(chart.text) == "2 Mar"
        await pilot.press("tab")  # the cursor stays on that week in every chart
        assert app.screen.tab == "beverages" and label_under_cursor(chart.text) == "2 Mar"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen.until == dt.date(2026, 3, 8)
        await pilot.press("escape")  # back to Trends, the cursor where it was
        assert isinstance(app.screen, TrendsScreen) and label_under_cursor(chart.text) == "2 Mar"


async def test_52_weeks_are_charted_by_month_and_the_cursor_reads_a_month(repo, settings, clock):
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        chart = app.screen.query_one(TrendChart)
        assert "Cramps per month" in chart.text and chart.chart.labels[-1] == "Mar"
        week = app.screen.query_one("#trends-week", Packed)
        assert week.text.startswith("March 2026: ")
        await pilot.press("left")
        assert week.text.startswith("February 2026: ")


async def test_keys_typed_while_a_range_loads_wait_for_it(repo, settings, clock, monkeypatch):
    """`4 ← ⏎` at once on a slow machine: the cursor moves on the 52-week (monthly) data."""
    import time

    from cramplog.ui.screens import trends as screen_module
    from cramplog.ui.screens.history import HistoryScreen

    load = screen_module.load_trends

    def slow(*args):
        time.sleep(0.3)
        return load(*args)

    monkeypatch.setattr(screen_module, "load_trends", slow)
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "left", "enter")
        await settle(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen.until == dt.date(2026, 2, 28)


async def test_keys_that_waited_for_a_range_that_failed_do_not_act_on_the_next_one(repo, settings, clock, monkeypatch):
    """A range that fails to load says so and lets the keys that waited for it go (on nothing);
    they do not move the cursor of the range loaded later."""
    from cramplog.errors import JournalError
    from cramplog.ui.screens import trends as screen_module

    load = screen_module.load_trends
    failing = [True]

    def flaky(*args):
        if failing[0]:
            raise JournalError("the journal is locked")
        return load(*args)

    monkeypatch.setattr(screen_module, "load_trends", flaky)
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left", "left")
        await settle(app, pilot)
        screen = app.screen
        assert "Trends unavailable" in str(screen.query_one("#trends-summary", Static).render())
        failing[0] = False
        screen.reload()
        await settle(app, pilot)
        assert screen.trends is not None and screen.cursor is None  # still on the newest week


def test_trends_screen_snapshot_80x24(snap_compare, repo, settings, clock):
    async def loaded(pilot):
        await pilot.pause()
        await settle(pilot.app, pilot)

    assert snap_compare(TrendsTestApp(repo, settings, clock), terminal_size=(80, 24), run_before=loaded)


def test_trends_screen_snapshot_running_tab_26_weeks(snap_compare, repo, settings, clock):
    async def running(pilot):
        await pilot.pause()
        await settle(pilot.app, pilot)
        await pilot.press("3", *["tab"] * 3)
        await settle(pilot.app, pilot)

    assert snap_compare(TrendsTestApp(repo, settings, clock), terminal_size=(100, 30), run_before=running)


def test_trends_screen_snapshot_months_with_a_cursor_200x60(snap_compare, repo, settings, clock):
    async def months(pilot):
        await pilot.pause()
        await settle(pilot.app, pilot)
        await pilot.press("4", "left")
        await settle(pilot.app, pilot)

    assert snap_compare(TrendsTestApp(repo, settings, clock), terminal_size=(200, 60), run_before=months)


async def test_left_past_the_oldest_week_widens_the_range_instead_of_stopping(repo, settings, clock):
    """← stopped at the oldest week; nothing older than 52 weeks could be seen."""
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("1")  # 4 weeks: 2, 9, 16, 23 Mar
        await settle(app, pilot)
        await pilot.press("left", "left", "left")
        week = screen.query_one("#trends-week", Packed)
        assert week.text.startswith("Week of Mon 02 Mar 2026")
        await pilot.press("left")  # past it: 12 weeks, on the week before
        await settle(app, pilot)
        assert screen.weeks == 12 and week.text.startswith("Week of Mon 23 Feb 2026")
        await pilot.press("7")  # ten years, by quarter
        await settle(app, pilot)
        chart = screen.query_one(TrendChart)
        assert "Cramps per quarter" in chart.text and week.text.startswith("Q1 2026: ")
        assert "10 years by quarter, " in screen.query_one("#trends-range", Packed).text


async def test_every_context_has_its_own_colour_and_the_legend_glyphs_wear_it(repo, settings, clock):
    """Stretching and night bars were both blue; the legend's glyphs had no colour."""
    from textual.theme import BUILTIN_THEMES

    from cramplog.analysis.chart_render import STACK_MARKERS
    from cramplog.ui.charts import series_colours

    for name, theme in BUILTIN_THEMES.items():
        assert len({c.lower() for c in series_colours(theme, 6)}) == 6, name
    app = TrendsTestApp(repo, settings, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        chart = app.screen.query_one(TrendChart)
        styled = chart.render()
        palette = series_colours(app.current_theme, 6)
        lines = chart.text.split("\n")
        legend = next(i for i, line in enumerate(lines) if "stretching" in line and "night" in line)
        start = legend * (chart.content_size.width + 1)
        for k, glyph in enumerate(STACK_MARKERS[:6]):
            col = lines[legend].index(f"{glyph} ")
            from rich.style import Style

            colours = [Style.parse(str(s.style)).color for s in styled.spans if s.start <= start + col < s.end]
            wanted = Style.parse(palette[k]).color
            assert any(c is not None and c.triplet == wanted.triplet for c in colours), (glyph, colours)
