"""Every screen at a phone's size through `cramplog serve`: 48 columns by 52 rows (a 13 px font
in a 390x844 browser). What each screen must show is read off the screen as drawn, whole.

The journal has real-world names longer than the snapshot journal's: a shoe model as sold
("ASICS GEL-Nimbus 25"), a thiazide by its generic name, pumpkin seeds with their magnesium and
potassium for 70 g (about 412 and 566 mg: USDA FoodData Central's roasted pumpkin seed kernels,
per 100 g 592 mg and 809 mg, scaled), so that a cut value would show.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import numpy as np
import pytest
from rich.console import Console
from textual.containers import ScrollableContainer
from textual.scroll_view import ScrollView
from textual.widgets import DataTable

from cramplog.domain import entries as E
from cramplog.domain.settings import Settings
from cramplog.ui.screens.cramp_context import CrampContextScreen
from cramplog.ui.screens.help import HelpScreen
from cramplog.ui.screens.history import HistoryScreen
from cramplog.ui.screens.insights import InsightsScreen
from cramplog.ui.screens.settings import SettingsScreen
from cramplog.ui.screens.trends import TrendsScreen
from cramplog.ui.setting_words import LABELS
from cramplog.ui.widgets.key_bar import KeyBar
from cramplog.ui.widgets.scroll_body import ScrollBody
from tests.support.simulate import Scenario
from tests.support.simulate import journal as simulate

from .conftest import NOW, TZ_NAME, at, opened, settle

PHONE = (48, 52)
"""A 390x844 phone at 13 px: the size `cramplog serve` gives the app (docs/serve.md)."""
SHOE = "ASICS GEL-Nimbus 25"
CUT = re.compile(r"\w…|…[ │]*$", re.MULTILINE)
"""A word cut short with an ellipsis, or a line ending in one (in a box or not)."""


def journal() -> list[E.Entry]:
    """A week: a shoe and a run in it, a medicine, a check-in, stretching, drinks, food, and a
    night cramp at 03:10 today (Saturday), which counts for Friday's diary, after Friday's run."""
    return [
        E.Shoe(name=SHOE, first_used=at(120).date(), tz=TZ_NAME, id=1),
        E.Medicine(
            name="hydrochlorothiazide", start=at(60).date(), med_class="diuretic_thiazide", dose="12.5 mg", tz=TZ_NAME
        ),
        E.CheckIn(day=at(2).date(), tz=TZ_NAME, no_cramps=True, sleep_hours=7.5, soreness=2),
        E.Run(at=at(1, 18), tz=TZ_NAME, distance_km=10.5, duration_s=3300, effort=6, shoe_id=1),
        E.Drink(at=at(1, 19), tz=TZ_NAME, amount_ml=750, drink_kind="electrolyte"),
        E.Stretch(at=at(3, 21), tz=TZ_NAME, minutes=15, muscles=("calf", "hamstring")),
        E.Cramp(at=at(0, 3, 10), tz=TZ_NAME, muscle="calf", side="left", severity=7, context="night"),
        E.Drink(at=at(0, 8), tz=TZ_NAME, amount_ml=500),
        E.Food(at=at(0, 8, 30), tz=TZ_NAME, text="pumpkin seeds, 70 g", magnesium_mg=412, potassium_mg=566),
        E.Drink(at=at(0, 10), tz=TZ_NAME, amount_ml=330, drink_kind="coffee_tea"),
        E.Stretch(at=at(0, 11), tz=TZ_NAME, minutes=12, muscles=("calf",)),
    ]


def screen_text(app) -> str:
    """The screen as drawn (the modal over what is behind it), as plain text."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def assert_fits(app) -> str:
    """Nothing on the screen is wider than its place: no word cut with `…`, nothing running
    off a scrolling box's right edge, every key in the key bar on the screen. Returns the text."""
    text = screen_text(app)
    assert not CUT.search(text), f"cut: {CUT.findall(text)}\n{text}"
    for widget in app.screen.query("*"):
        if isinstance(widget, ScrollView | ScrollableContainer) and widget.display:
            room = widget.scrollable_content_region.width
            assert widget.virtual_size.width <= room, f"{widget!r} is {widget.virtual_size.width} wide in {room}"
    for bar in app.screen.query(KeyBar):
        assert all(key.end <= app.size.width for key in bar.shown()), bar.text
    return text


@asynccontextmanager
async def on_phone(
    make, seed, key: str | None = None, screen_type: type | None = None, entries: list[E.Entry] | None = None
) -> AsyncIterator[tuple[Any, Any, Any]]:
    """The app at a phone's size on `journal()` (or `entries`), settled; `key` opens
    `screen_type`. Yields the app, its pilot and the screen shown."""
    seed(journal() if entries is None else entries)
    app = make()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        screen = await opened(pilot, key, screen_type) if key and screen_type else app.screen
        yield app, pilot, screen


def lines_with(text: str, *values: str) -> None:
    """Each value appears whole on one line of `text`."""
    missing = [value for value in values if not any(value in line for line in text.splitlines())]
    assert not missing, f"not shown whole: {missing}\n{text}"


async def test_the_dashboard_shows_every_value_whole(make, seed):
    async with on_phone(make, seed) as (app, pilot, _screen):
        text = assert_fits(app)
        lines_with(
            text,
            "830 ml of 1.8 L",
            "12 min today",
            "27 min in 7 days",
            "9 h ago",
            "calf, left",
            "severity 7",
            "1 · 10.5 km",
            "today: not yet (n)",
            "yesterday: 1 cramp",
            "y symptom",
            "i injury",
            "n no cramps",
            "ctrl+p every action",
            "a Insights",
            "o Settings",
        )


def test_pack_breaks_between_items_and_loses_nothing():
    from cramplog.ui.fit import clauses, pack

    assert pack(["c cramp", "w drink", "y symptom"], 16) == ["c cramp  w drink", "y symptom"]
    assert pack(clauses("10 min today · 27 min in 7 days"), 20, " ") == ["10 min today ·", "27 min in 7 days"]
    # An item wider than a line goes on from where the line is and breaks between its words; a
    # word wider than a line, between its characters.
    assert pack(["a,", "shoe 'ASICS GEL-Nimbus 25'"], 12, " ") == ["a, shoe", "'ASICS", "GEL-Nimbus", "25'"]
    assert pack(["a", "hydrochlorothiazide"], 8) == ["a", "hydrochl", "orothiaz", "ide"]
    assert pack(["x"], 0) == ["x"] and pack([], 10) == [""]
    # A number stays with its unit, unless the two are wider than a line (then, still, nothing lost).
    assert pack(["the shoe had 587.0 km of its 640.0 km"], 20, " ") == ["the shoe had", "587.0 km of its", "640.0 km"]
    tiny = pack(["of its 640.0 km", "8 fl oz"], 5, " ")
    assert all(len(line) <= 5 for line in tiny) and "".join(tiny).replace(" ", "") == "ofits640.0km8floz"


async def test_history_stacks_into_two_columns_and_every_value_is_whole(make, seed):
    async with on_phone(make, seed, "h", HistoryScreen) as (app, pilot, screen):
        text = assert_fits(app)
        assert [c.label.plain for c in screen.query_one(DataTable).ordered_columns] == ["When", "Entry"]
        lines_with(
            text,
            "Mg 412 mg",
            "K 566 mg",
            "drink  330 ml coffee/tea",
            "drink  500 ml water",
            "shoe 'ASICS GEL-Nimbus 25'",
            "medicine  hydrochlorothiazide",
            "12.5 mg",
            "● cramp  calf (left)",
            "severity 7",
            "check-in  no cramps",
            "slept 7.5 h",
            "soreness 2",
            "Fri 13 Mar",
            "● 1 cramp",
            "03:10",
            "14 Mar 2026",
            "[ Older",
            "] Newer",
        )
        await pilot.resize_terminal(80, 24)  # a terminal again: four columns
        await settle(pilot)
        assert [c.label.plain for c in screen.query_one(DataTable).ordered_columns] == ["Day", "Time", "Kind", "Entry"]
        assert_fits(app)


async def test_insights_stack_each_factor_its_name_and_counts_whole(make, seed):
    """A simulated year (tests/support/simulate.py, one planted effect) gives a table of factors."""
    from cramplog.ui.screens.insights import frequency, ordered

    sc = Scenario(days=300, odds_ratio=4.0, start=NOW.date() - dt.timedelta(days=301))
    entries = simulate(np.random.default_rng(7), sc, Settings())[0]
    async with on_phone(make, seed, "a", InsightsScreen, entries) as (app, pilot, screen):
        text = assert_fits(app)
        rows = ordered(screen.insights.findings)
        assert len(rows) >= 3
        for finding, member in rows[:3]:  # the rows on the first screen
            name = next(c.heading for c in screen.rows.values() if c and c.factor == finding.factor)
            lines_with(
                text,
                ("└ " if member else "") + name,
                f"With {frequency(finding, True)}",
                f"Without {frequency(finding, False)}",
            )
        await pilot.press("enter")  # the first row's sentence opens, whole
        await pilot.pause()
        lines_with(assert_fits(app), "Ratio")


async def test_a_cramps_context_lists_a_drink_a_line_and_each_factor_over_its_window(make, seed):
    async with on_phone(make, seed, "enter", CrampContextScreen) as (app, pilot, screen):
        text = assert_fits(app)
        lines_with(
            text,
            "calf (left), severity 7",
            "Fri 19:00 750 ml electrolyte",
            "Fri 18:00 run 10.5 km",
            "Low fluid intake: ",
            "Running that day: yes",
            "that whole diary day",
        )
        screen.query_one(ScrollBody).scroll_end(animate=False)
        await pilot.pause()
        lines_with(assert_fits(app), "Low potassium intake: not tracked", "[ Earlier cramp", "e Edit")


async def test_trends_break_the_range_keys_tabs_and_legend_between_their_parts(make, seed):
    from cramplog.analysis.chart_render import STACK_MARKERS

    async with on_phone(make, seed, "t", TrendsScreen) as (app, pilot, screen):
        text = assert_fits(app)
        chart = screen.trends.charts["cramps"]
        assert len(chart.series) > 3 and chart.stacked
        lines_with(
            text,
            "1-7: 4w 12w 26w 1y 2y 5y 10y",
            "Week of Mon 09 Mar 2026:",
            "10.5 km run",
            " Cramps ",
            " Stretching ",
            " Mg & K ",
            " Shoes ",
            *(f"{STACK_MARKERS[i]} {s.label}" for i, s in enumerate(chart.series)),
        )
        await pilot.press("7")  # ten years, by quarter
        await settle(pilot)
        lines_with(assert_fits(app), "10 years by quarter,", "Q1 2026:")


async def test_settings_fit_and_the_shoe_table_stacks(make, seed):
    async with on_phone(make, seed, "o", SettingsScreen) as (app, pilot, screen):
        await settle(pilot)
        lines_with(
            assert_fits(app),
            "Drinks a day",
            "1800",
            "Targets based on",
            "unspecified",
            "Theme",
            "textual-dark",
            "Weeks start on",
            "monday",
            "+ Add shoe",
            "x Retire shoe",
        )
        table = screen.query_one("#shoes-table", DataTable)
        screen.query_one(ScrollBody).scroll_to_widget(table, animate=False, top=True)
        await pilot.pause()
        lines_with(
            assert_fits(app),
            SHOE,
            "10.5 km",
            "2% of 640.0 km",
            "from 2025-11-14",
            "in use",
            "x retire the selected shoe:",
            "Remind me at",
            "21:00",
        )
        assert [c.label.plain for c in table.ordered_columns] == ["Shoe", "Distance"]
        await pilot.resize_terminal(100, 40)
        await settle(pilot)
        assert [c.label.plain for c in table.ordered_columns] == [
            "Shoe",
            "First used",
            "Distance",
            "Life used",
            "State",
        ]


async def test_help_gives_each_key_with_what_it_does_and_indents_what_wraps(make, seed):
    async with on_phone(make, seed, "question_mark", HelpScreen) as (app, pilot, screen):
        text = assert_fits(app)
        lines_with(
            text,
            "s  stretching",
            "r  run or workout",
            "y  symptom",
            "i  injury",
            "n  check in today",
            "c  cramp: type how bad (1-9, 0 means 10)",
            "w  drink: Enter saves 250 ml;",
        )
        assert any(line.startswith("       context start as last used") for line in text.splitlines()), text
        screen.query_one("#help-body").scroll_end(animate=False)
        await pilot.pause()
        lines_with(
            assert_fits(app),
            "ctrl+r  redo it",
            "q  quit",
            "t  trends",
            "o  settings and shoes",
            "j jump to a date ·",
            "emergency number.",
        )


@pytest.mark.parametrize(
    "kind", ["cramp", "drink", "stretch", "run", "food", "symptom", "injury", "checkin", "shoe", "diet", "med"]
)
async def test_every_form_stacks_its_labels_over_its_fields_and_fits(make, seed, kind):
    from cramplog.ui.forms import FORMS
    from cramplog.ui.modals.entry_form import EntryFormModal

    async with on_phone(make, seed) as (app, pilot, _screen):
        app.forms.open(kind)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EntryFormModal)
        dialog = form.query_one("#form-dialog").region
        assert dialog.right <= PHONE[0] and dialog.bottom <= PHONE[1]
        fields = FORMS[kind].fields
        for spec in fields:  # each label over its field, the field the dialog's width
            label, field = form.query_one(f"#label-{spec.name}").region, form.query_one(f"#field-{spec.name}").region
            assert field.y > label.y and field.x == label.x and field.width >= 40, spec.name
        lines_with(
            assert_fits(app),
            *(spec.hint for spec in fields if spec.check),
            "Save",
            "Cancel",
            "Enter saves · Esc cancels",
        )
        assert form.query_one("#form-save").region.height == 3  # a thumb's target
        assert all(cup.region.height == 3 for cup in form.query("#cups Button"))
        if kind in ("cramp", "drink", "run"):  # a refused value: its reason, whole
            form.query_one(f"#field-{fields[0].name}").value = "lots"
            await pilot.press("enter")
            await settle(pilot)
            assert form.errors and isinstance(app.screen, EntryFormModal)
            assert_fits(app)


async def test_the_first_run_questions_fit_and_have_buttons_for_a_phone(make):
    from cramplog.ui.modals.first_run import FirstRunModal

    app = make(first_run=True)
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunModal)
        lines_with(
            assert_fits(app),
            "Units",
            "metric",
            LABELS["targets.sex"],
            LABELS["journal.timezone"],
            LABELS["journal.day_boundary"],
            "04:00",
            "remind me at 21:00 if nothing is logged",
            "Save",
            "Skip",
        )
        await pilot.click("#tap-1")  # Skip: a phone has no Escape
        await settle(pilot)
        assert not isinstance(app.screen, FirstRunModal)


async def test_the_first_run_questions_in_a_terminal_keep_their_long_words_and_no_buttons(make):
    app = make(first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines_with(assert_fits(app), "remind me at 21:00 on days with nothing logged", "Enter saves · Esc skips")
        assert not app.screen.query("#tap-1") or not app.screen.query_one("#tap-1").parent.display


async def test_the_red_flag_notice_fits(make, seed):
    from cramplog.ui.modals.red_flag import RedFlagModal

    swelling = E.Symptom(at=at(0, 9), tz=TZ_NAME, symptom="swelling_one_leg", side="left")
    async with on_phone(make, seed, "exclamation_mark", RedFlagModal, [*journal(), swelling]) as (app, pilot, _):
        dialog = app.screen.query_one("#red-flag-dialog").region
        assert dialog.right <= PHONE[0] and dialog.bottom <= PHONE[1]
        lines_with(assert_fits(app), "I have read this")
        assert app.screen.query_one("#red-flag-ok").region.height == 3  # a thumb's target
        await pilot.click("#red-flag-ok")
        await settle(pilot)
        assert not isinstance(app.screen, RedFlagModal)


async def test_discarding_a_form_on_a_phone_is_a_tap(make, seed, db_path):
    from cramplog.ui.modals.confirm import ConfirmModal
    from cramplog.ui.modals.entry_form import EntryFormModal

    async with on_phone(make, seed, "c", EntryFormModal) as (app, pilot, screen):
        await pilot.press("5")
        await pilot.click("#form-cancel")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        lines_with(assert_fits(app), "Discard what you typed?", "Discard", "Keep editing")
        await pilot.click("#tap-0")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal | EntryFormModal)


async def test_jumping_to_a_date_and_naming_a_report_fit_and_cancel_with_a_tap(make, seed):
    from cramplog.ui.modals.date_prompt import DatePromptModal
    from cramplog.ui.modals.output import PathPromptModal

    async with on_phone(make, seed, "h", HistoryScreen) as (app, pilot, screen):
        await opened(pilot, "j", DatePromptModal)
        lines_with(assert_fits(app), "Jump to date", "Go", "Cancel")
        await pilot.click("#tap-1")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        app.action_report()
        await settle(pilot)
        assert isinstance(app.screen, PathPromptModal)
        lines_with(assert_fits(app), "Clinician report for the last 12 weeks", "Write it", "Cancel")
        await pilot.click("#tap-1")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_the_experiment_plan_puts_its_two_questions_one_over_the_other(make, seed):
    from cramplog.ui.screens.experiment import ExperimentScreen

    async with on_phone(make, seed) as (app, pilot, _screen):
        app.action_experiment()
        await settle(pilot)
        assert isinstance(app.screen, ExperimentScreen)
        weeks, minutes = (app.screen.query_one(f"#experiment-{name}").region for name in ("weeks", "minutes"))
        assert minutes.right <= PHONE[0] and minutes.y > weeks.y
        lines_with(assert_fits(app), "Weeks (2-26)", "Minutes a night")


async def test_the_quick_cramp_screen_fits(make, seed):
    async with on_phone(make, seed) as (app, pilot, _screen):
        await pilot.click("#quick-log-cramp")
        await settle(pilot)
        lines_with(
            assert_fits(app),
            "calf",
            "hamstring",
            "thigh",
            "left",
            "right",
            "both",
            "10",
            "just now",
            "15 min ago",
            "1 h ago",
            "Save",
            "Back",
        )


@pytest.mark.parametrize(
    "width",
    [pytest.param(lambda m, o=offset: m.STACK_BELOW + o, id=f"beside{offset:+d}") for offset in (-1, 0, 1)]
    + [  # stacked: the box is the dialog's width less its border and padding (4)
        pytest.param(lambda m, o=offset: 4 + m.cell_len(m.REMINDER) + m.BOX_CELLS + o, id=f"long-words{offset:+d}")
        for offset in (-1, 0)
    ],
)
async def test_the_reminder_box_keeps_its_words_whole_around_the_widths_it_changes_at(make, width):
    """Where the questions go beside their answers, and where the tick box takes its long words,
    and a column either side: its words are whole. At exactly those widths they were cut
    ("… is logge…")."""
    from cramplog.ui.modals import first_run
    from cramplog.ui.modals.first_run import REMINDER, REMINDER_SHORT

    app = make(first_run=True)
    async with app.run_test(size=(width(first_run), 30)) as pilot:
        await settle(pilot)
        assert any(REMINDER_SHORT in line or REMINDER in line for line in assert_fits(app).splitlines())
