"""History: entries by diary day, filter by kind, jump to a date, edit, delete and undo."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from cramplog.domain import entries as E
from cramplog.ui.modals.date_prompt import DatePromptModal
from cramplog.ui.modals.entry_form import EntryFormModal
from cramplog.ui.screens.history import HistoryScreen

from .conftest import TZ_NAME, at, entries_in, settle, typed


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
    assert [r[2] for r in rows] == ["stretch", "drink", "● cramp", "● cramp", "drink"]
    assert rows[0][0] == "Sat 14 Mar" and rows[1][0] == ""
    # The 03:10 cramp is shown under Friday's diary day, with the 22:00 one (newest first); it
    # happened on Saturday, and its time says so (issue 24).
    assert rows[2][1] == "03:10\nSat" and rows[3][1] == "22:00"
    assert rows[2][0] == "Fri 13 Mar\n● 2 cramps", "beside its first cramp, the day says it had cramps"
    assert rows[3][0] == ""
    assert rows[4][0] == "Mon 02 Feb"


async def test_filter_by_kind(make, seed):
    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_history(pilot)
        screen.set_kind("cramp")
        await settle(pilot)
        assert [r[2] for r in _rows(app)] == ["● cramp", "● cramp"]
        await pilot.press("k")  # next kind: drink
        await settle(pilot)
        assert [r[2] for r in _rows(app)] == ["drink", "drink"]


async def test_k_typed_fast_shows_the_kind_asked_for_last_even_when_an_earlier_page_lands_late(make, seed, monkeypatch):
    """`k` twice while the first page loads slowly: that page lands last and is not shown."""
    import time

    from cramplog.ui import loaders

    load = loaders.load_history

    def slow_for_cramps(repo, settings, clock, until, kind, *args, **kwargs):
        if kind == "cramp":
            time.sleep(0.5)
        return load(repo, settings, clock, until, kind, *args, **kwargs)

    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_history(pilot)
        monkeypatch.setattr(loaders, "load_history", slow_for_cramps)
        await pilot.press("k", "k")  # cramp (slow), then drink (fast)
        await settle(pilot)
        await pilot.pause(0.6)
        await settle(pilot)
        assert screen.kind == "drink"
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
        await settle(pilot)
        assert isinstance(app.screen, DatePromptModal)
        assert "cannot read date" in str(app.screen.query_one("#date-error").render())


async def test_edit_in_the_same_form(make, seed, db_path):
    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_history(pilot)
        screen.set_kind("cramp")
        await settle(pilot)
        await pilot.press("e")  # edit the newest cramp (severity 8, toes)
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


async def test_editing_a_food_keeps_its_own_minerals_and_a_new_amount_scales_them(make, seed, db_path):
    # A banana as an import stored it: 40 mg and 500 mg, not the table's 32 mg and 422 mg.
    seed([E.Food(at=at(0, 9), tz=TZ_NAME, food="banana", magnesium_mg=40, potassium_mg=500)])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        await pilot.press("enter", "tab", "tab", *"ripe", "enter")  # food, servings, description
        await settle(pilot)
        [food] = entries_in(db_path, "food")
        assert (food.text, food.magnesium_mg, food.potassium_mg) == ("ripe", 40, 500)
        await pilot.press("enter", "tab", "end", "backspace", "2", "enter")  # servings 1 -> 2
        await settle(pilot)
    [food] = entries_in(db_path, "food")
    assert (food.servings, food.magnesium_mg, food.potassium_mg) == (2, 80, 1000)


async def test_delete_and_undo(make, seed, db_path):
    seed(_journal())
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(pilot)
        await pilot.press("d")  # deletes the newest row (the stretch)
        await settle(pilot)
        assert [r[2] for r in _rows(app)] == ["drink", "● cramp", "● cramp", "drink"]
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


# -- reading it at 80x24 and 200x60 ------------------------------------------------------------

LONG_NOTE = "woke me twice, walked it off in the hall; had skipped the evening stretch after a long day"


def _readable_journal() -> list[E.Entry]:
    """A week of a busy diary with one long cramp among drinks, a run in a named shoe, check-ins,
    and a day of last year (the page spans two years)."""
    return [
        E.Shoe(name="Pegasus 40", first_used=at(200).date(), tz=TZ_NAME, start_km=50),
        E.Cramp(at=at(100, 23), tz=TZ_NAME, muscle="toes", side="left", severity=4, context="rest"),
        E.Drink(at=at(100, 9), tz=TZ_NAME, amount_ml=250, drink_kind="coffee_tea"),
        E.CheckIn(day=at(2).date(), tz=TZ_NAME, no_cramps=True, sleep_hours=7.5),
        E.Run(at=at(2, 7), tz=TZ_NAME, distance_km=8.5, duration_s=2900, effort=6, shoe_id=1, surface="trail"),
        E.Stretch(at=at(2, 21), tz=TZ_NAME, minutes=15),
        E.Drink(at=at(1, 8), tz=TZ_NAME, amount_ml=500),
        E.Drink(at=at(1, 11), tz=TZ_NAME, amount_ml=330, drink_kind="coffee_tea"),
        E.Drink(at=at(1, 15), tz=TZ_NAME, amount_ml=500, drink_kind="electrolyte"),
        E.Cramp(
            at=at(0, 3, 10),
            tz=TZ_NAME,
            muscle="calf",
            side="left",
            severity=7,
            context="night",
            duration_s=150,
            swelling="one_leg",
            relief="stretching the calf against the wall",
            note=LONG_NOTE,
        ),
        E.Drink(at=at(0, 8), tz=TZ_NAME, amount_ml=500),
        E.Drink(at=at(0, 11), tz=TZ_NAME, amount_ml=330, drink_kind="coffee_tea"),
        E.CheckIn(day=at(1).date(), tz=TZ_NAME, soreness=3),
    ]


def _shown(app) -> list[str]:
    """The table's lines as painted (what a person sees in it, right edge included)."""
    table = app.screen.query_one(DataTable)
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


def _words(text: str) -> list[str]:
    return text.split()


async def test_a_long_entry_is_read_in_full_at_80_columns(make, seed):
    seed(_readable_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        lines = _shown(app)
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width, "no sideways scrolling"
    start = next(i for i, line in enumerate(lines) if "calf (left), severity 7" in line)
    entry_column = lines[start].index("calf (left)")
    wrapped = " ".join(line[entry_column:] for line in lines[start : start + 6])
    expected = (
        "calf (left), severity 7, night, lasted 2:30, swelling (one leg), relieved by "
        f"stretching the calf against the wall; {LONG_NOTE}"
    )
    assert _words(expected) == _words(wrapped)[: len(_words(expected))]
    assert all(len(line) <= 80 for line in lines)


async def test_the_text_wraps_again_when_the_terminal_is_resized(make, seed):
    seed(_readable_journal())
    app = make()
    async with app.run_test(size=(200, 40)) as pilot:
        await _open_history(pilot)
        [wide] = [r[3] for r in _rows(app) if "severity 7" in r[3]]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        [narrow] = [r[3] for r in _rows(app) if "severity 7" in r[3]]
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        [wide_again] = [r[3] for r in _rows(app) if "severity 7" in r[3]]
    assert wide.count("\n") == 1 and narrow.count("\n") == 4 and wide_again == wide
    assert narrow.replace("\n", " ") == wide.replace("\n", " ") and narrow.endswith("long day")


async def test_cramps_stand_out_among_drinks_and_their_day_says_so(make, seed):
    seed(_readable_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        table = app.screen.query_one(DataTable)
        rows = _rows(app)
        kinds = [table.get_row_at(i)[2] for i in range(table.row_count)]
        error = app.theme_variables["text-error"].lower()
    # Saturday 14 March: the drinks at 11:00 and 08:00, then the 03:10 cramp of the night before
    # belongs to Friday, which also has a check-in, three drinks and the cramp.
    assert [r[1] for r in rows[:2]] == ["11:00", "08:00"]
    friday = [r for r in rows[2:7]]
    assert friday[0][0] == "Fri 13 Mar" and friday[0][2] == "check-in", "a check-in heads its day"
    assert friday[0][3] == "soreness 3", "without repeating the day"
    assert friday[1][0] == "● 1 cramp"
    assert [r[1] for r in friday[1:]] == ["03:10\nSat", "15:00", "11:00", "08:00"], "time order kept"
    cramp = kinds[3]
    assert str(cramp) == "● cramp" and cramp.style.bold and cramp.style.color.name.lower() == error
    assert not any("●" in str(k) for k in kinds if "cramp" not in str(k))


async def test_a_run_names_its_shoe_and_drinks_read_as_the_vocabulary(make, seed):
    seed(_readable_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        text = " ".join(r[3].replace("\n", " ") for r in _rows(app))  # lines break after commas
    assert "run 8.5 km, in 48:20, effort 6, shoe 'Pegasus 40', trail" in text and "#1" not in text
    assert "330 ml coffee/tea" in text and "coffee tea" not in text


async def test_a_page_over_two_years_shows_each_year_once_and_the_title_the_span(make, seed):
    seed(_readable_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_history(pilot)
        rows = _rows(app)
        title = str(screen.query_one("#history-title").render())
    days = [line for r in rows for line in r[0].split("\n") if line]
    assert days[:2] == ["14 Mar 2026", "Fri 13 Mar"], "the year in the day's own line, where it changes"
    assert days[-3:] == ["04 Dec 2025", "● 1 cramp", "Tue 26 Aug"]
    assert title.startswith("26 Aug 2025 – 14 Mar 2026 · 13 entries")


async def test_the_cramp_count_sits_beside_the_cramp_not_the_second_row(make, seed):
    seed(
        [
            E.Drink(at=at(1, 18), tz=TZ_NAME, amount_ml=500),
            E.Drink(at=at(1, 12), tz=TZ_NAME, amount_ml=330),
            E.Cramp(at=at(1, 9), tz=TZ_NAME, muscle="calf", side="left", severity=5, context="rest"),
            E.Cramp(at=at(1, 7), tz=TZ_NAME, muscle="calf", side="left", severity=3, context="rest"),
        ]
    )
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        rows = _rows(app)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("Fri 13 Mar", "18:00", "drink"),
        ("", "12:00", "drink"),
        ("● 2 cramps", "09:00", "● cramp"),
        ("", "07:00", "● cramp"),
    ]


async def test_cramps_over_years_take_a_line_each_at_80_columns(make, seed):
    seed(_readable_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_history(pilot)
        await pilot.press("k")  # all kinds -> cramps
        await settle(pilot)
        assert screen.kind == "cramp"
        rows = _rows(app)
        shown = _shown(app)
        title = str(screen.query_one("#history-title").render())
    assert [r[0] for r in rows] == ["13 Mar 2026", "04 Dec 2025"], "no line holding a year alone"
    assert " 04 Dec 2025  23:00  ● cramp   toes (left), severity 4, rest" in shown
    assert not [line for line in shown if line[:13].strip() in ("2025", "2026")]
    assert title == "04 Dec 2025 – 13 Mar 2026 · 2 entries"


async def test_a_very_long_note_ends_in_an_ellipsis_and_the_form_shows_it_all(make, seed):
    note = "pain " * 120
    seed([E.Cramp(at=at(0, 9), tz=TZ_NAME, muscle="calf", side="left", severity=5, context="rest", note=note.strip())])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        [row] = _rows(app)
        assert row[3].count("\n") == 5 and row[3].endswith("…"), "six lines at most"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal)
        assert app.screen.query_one("#field-note", Input).value == note.strip()
        assert "#1" in str(app.screen.query_one("#form-title").render()), "the ID is in the form"


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_history_snapshot(snap_compare, make, seed, size):
    seed(_readable_journal())

    async def run_before(pilot) -> None:
        await _open_history(pilot)
        await pilot.press("down", "down", "down")  # the highlight on the long cramp
        await pilot.pause()

    assert snap_compare(make(), terminal_size=size, run_before=run_before)


async def test_older_and_newer_pages_keep_the_layout(make, seed, monkeypatch):
    from functools import partial

    from cramplog.ui import loaders

    monkeypatch.setattr(loaders, "load_history", partial(loaders.load_history, limit=4))
    seed(_readable_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_history(pilot)
        first = [r[1:3] for r in _rows(app)]
        assert "[ older" in str(screen.query_one("#history-title").render())
        await pilot.press("left_square_bracket")
        await settle(pilot)
        older = _rows(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        again = [r[1:3] for r in _rows(app)]
    assert first == [["11:00", "drink"], ["08:00", "drink"], ["03:10\nSat", "● cramp"], ["15:00", "drink"]]
    # Friday went on past the first page: the older page starts with Friday, its check-in first.
    assert [r[:3] for r in older] == [
        ["Fri 13 Mar", "", "check-in"],
        ["● 1 cramp", "03:10\nSat", "● cramp"],
        ["", "15:00", "drink"],
        ["", "11:00", "drink"],
    ]
    assert again == first


async def test_the_cramp_colour_follows_a_change_of_theme(make, seed):
    seed(_readable_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        app.theme = "textual-light"
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        cramp = next(k for i in range(table.row_count) if str(k := table.get_row_at(i)[2]) == "● cramp")
        assert cramp.style.color.name.lower() == app.theme_variables["text-error"].lower()


async def test_saving_an_edit_unchanged_keeps_the_seconds_and_writes_nothing(make, seed, db_path):
    """Enter on a drink logged at 21:37:56, then Enter: its time keeps its seconds (the form shows
    21:37), it stays above the 21:37:30 drink, and there is nothing to undo."""
    seed(
        [
            E.Drink(at=at(1, 21, 37).replace(second=30), tz=TZ_NAME, amount_ml=200),
            E.Drink(at=at(1, 21, 37).replace(second=56), tz=TZ_NAME, amount_ml=300),
        ]
    )
    app = make()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _open_history(pilot)
        await pilot.press("enter")  # the newest drink: 300 ml at 21:37:56
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.history.undo == []
        toasts = [str(n.message) for n in app._notifications]
        assert not any("Updated" in t for t in toasts), toasts
    assert [(d.amount_ml, d.at.second) for d in entries_in(db_path, "drink")] == [(200, 30), (300, 56)]


async def test_an_edit_keeps_the_seconds_of_the_fields_left_as_shown(make, seed, db_path):
    """Changing the amount only: the time is not re-parsed from its text, so 21:37:56 stays."""
    seed([E.Drink(at=at(1, 21, 37).replace(second=56), tz=TZ_NAME, amount_ml=300)])
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one("#field-amount_ml", Input)
        field.value = ""
        await pilot.click("#field-amount_ml")
        await pilot.press("4", "0", "0", "enter")
        await settle(pilot)
    [drink] = entries_in(db_path, "drink")
    assert (drink.amount_ml, drink.at.second, drink.at.minute) == (400, 56, 37)


async def test_newer_goes_a_whole_page_forward_through_a_kind_as_older_goes_back(make, seed, monkeypatch):
    """Cramps 20 days apart, 4 to a page: `]` after `[` is the first page again (it used to move
    30 days, one cramp at a time)."""
    from functools import partial

    from cramplog.ui import loaders

    monkeypatch.setattr(loaders, "load_history", partial(loaders.load_history, limit=4))
    monkeypatch.setattr(loaders, "newer_until", partial(loaders.newer_until, limit=4))
    seed(
        [E.Cramp(at=at(20 * n, 8), tz=TZ_NAME, muscle="calf", severity=4) for n in range(12)]
        + [E.Drink(at=at(n, 9), tz=TZ_NAME, amount_ml=250) for n in range(40)]
    )
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_history(pilot)
        screen.set_kind("cramp")
        await settle(pilot)
        first = _rows(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert _rows(app) != first and len(_rows(app)) == 4
        await pilot.press("right_square_bracket")
        await settle(pilot)
        middle = _rows(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert _rows(app) == first and middle not in (first, _rows(app))
        assert [r[2] for r in middle] == ["● cramp"] * 4
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        from textual import events

        for _ in range(2):  # one burst, as a terminal delivers it (Pilot waits between keys)
            app.post_message(events.Key("right_square_bracket", "]"))
        await typed(pilot)
        await settle(pilot)
        assert _rows(app) == first


async def test_older_typed_twice_at_once_goes_two_pages_back(make, seed, monkeypatch):
    """`[ [` in one burst (as a terminal delivers a quick typist's keys) lands where `[`, wait,
    `[` does: the second waits for the page before it instead of repeating its step."""
    from functools import partial

    from textual import events

    from cramplog.ui import loaders

    monkeypatch.setattr(loaders, "load_history", partial(loaders.load_history, limit=4))
    seed([E.Drink(at=at(n, 9), tz=TZ_NAME, amount_ml=100 + n) for n in range(20)])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        first = _rows(app)
        for _ in range(2):
            await pilot.press("left_square_bracket")
            await settle(pilot)
        two_back = _rows(app)
        assert two_back != first
        screen = app.screen
        screen.jump_to(loaders.current_day(app.journal.clock, app.journal.settings))
        await settle(pilot)
        assert _rows(app) == first
        for _ in range(2):
            app.post_message(events.Key("left_square_bracket", "["))
        await typed(pilot)
        await settle(pilot)
        assert _rows(app) == two_back


async def test_a_row_key_typed_with_a_page_key_acts_on_the_page_it_opens(make, seed, db_path, monkeypatch):
    """`[ ↓ ⏎` in one burst edits the older page's second entry, and `[ d` deletes that page's
    first entry: never the entry highlighted on the page being left (the newest one)."""
    from functools import partial

    from textual import events

    from cramplog.ui import loaders

    monkeypatch.setattr(loaders, "load_history", partial(loaders.load_history, limit=4))
    seed([E.Drink(at=at(n, 9), tz=TZ_NAME, amount_ml=100 + n) for n in range(12)])
    app = make()

    async def burst(*keys: tuple[str, str | None]) -> None:
        app.screen.jump_to(loaders.current_day(app.journal.clock, app.journal.settings))  # back to the first page
        await settle(pilot)
        for key, char in keys:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        await settle(pilot)

    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        first, second = (int(row[3].split()[0]) for row in _rows(app)[:2])
        await burst(("left_square_bracket", "["), ("down", None), ("enter", None))
        assert isinstance(app.screen, EntryFormModal) and app.screen.entry.amount_ml == second
        await pilot.press("escape")
        await settle(pilot)
        await burst(("left_square_bracket", "["), ("d", "d"))
    left = {d.amount_ml for d in entries_in(db_path, "drink")}
    assert first not in left and 100 in left and len(left) == 11


async def test_newer_returns_to_each_page_older_left(make, seed, monkeypatch):
    """`[ [ [` then `] ] ]` shows the same pages in reverse. A page found forward from an older
    one could start a day later, when the day two pages share has several entries."""
    from functools import partial

    from cramplog.ui import loaders

    monkeypatch.setattr(loaders, "load_history", partial(loaders.load_history, limit=4))
    seed(
        [E.Drink(at=at(n, hour), tz=TZ_NAME, amount_ml=100 + 10 * n + hour) for n in range(12) for hour in (9, 12, 18)]
    )
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(pilot)
        pages = [_rows(app)]
        for _ in range(3):
            await pilot.press("left_square_bracket")
            await settle(pilot)
            pages.append(_rows(app))
        assert len({str(p) for p in pages}) == 4
        for expected in reversed(pages[:-1]):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert _rows(app) == expected


async def test_pages_found_forward_after_a_jump_never_overlap(make, seed, db_path, monkeypatch):
    """`j 2017-03-01 ⏎`, `k`, `]`, `]` showed pages overlapping by five years: the last page was
    "the 200 entries up to today", which reached back over the page before it. Pages found
    forward start the day after the page before them ends (4 to a page here)."""
    from functools import partial

    from cramplog.ui import loaders

    monkeypatch.setattr(loaders, "load_history", partial(loaders.load_history, limit=4))
    monkeypatch.setattr(loaders, "newer_until", partial(loaders.newer_until, limit=4))
    seed(
        [E.Cramp(at=at(30 * n, 8), tz=TZ_NAME, muscle="calf", severity=1 + n % 9) for n in range(14)]
        + [E.Drink(at=at(n, 9), tz=TZ_NAME, amount_ml=250) for n in range(0, 420, 3)]
    )
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_history(pilot)
        await pilot.press("j", *(at(300).date().isoformat()), "enter", "k")
        await settle(pilot)
        pages = [[e.id for e in screen.page.entries]]
        spans = [(screen.page.entries[-1].at.date(), screen.page.entries[0].at.date())]
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            pages.append([e.id for e in screen.page.entries])
            spans.append((screen.page.entries[-1].at.date(), screen.page.entries[0].at.date()))
        assert screen.page.kind == "cramp"
    shown = [i for page in pages for i in page]
    assert len(shown) == len(set(shown)), f"an entry on two pages: {pages}"
    assert sorted(shown) == sorted(c.id for c in entries_in(db_path, "cramp")), "a cramp on no page"
    for older, newer in zip(spans, spans[1:]):
        assert older[1] < newer[0], spans


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_save_messages_never_cover_the_rows(make, seed, size):
    """At 80 columns toasts covered the right half of History's rows for 5-8 s. They sit on the
    title lines instead, the newest one shown, however many saves come at once."""
    from textual.widgets._toast import Toast

    seed([E.Drink(at=at(0, h), tz=TZ_NAME, amount_ml=100 + h) for h in range(1, 12)])
    app = make()
    async with app.run_test(size=size, notifications=True) as pilot:
        await _open_history(pilot)
        for _ in range(3):
            await pilot.press("w", "enter")
            await settle(pilot)
        app.notify(
            "Not saved: the journal is locked by another program. What you typed is still in "
            "the form: press Enter to try again, or Escape to discard it.",
            severity="error",
        )
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        on_top = {
            app.screen.get_widget_at(x, y)[0]
            for x in range(table.region.x, table.region.right)
            for y in range(table.region.y, table.region.bottom)
        }
        assert not {w for w in on_top if isinstance(w, Toast) or isinstance(w.parent, Toast)}
        newest = list(app.screen.query(Toast))[-1]
        top = {app.screen.get_widget_at(x, y)[0] for x in range(app.size.width) for y in (0, 1)}
        assert newest in top, "the newest message shows, on the title lines"
