"""The title bar, the key bar and the today panel: one widget each, behaving as the many did."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.widgets import Static

from cramplog.domain import entries as E
from cramplog.ui.screens.history import HistoryScreen
from cramplog.ui.widgets.key_bar import KeyBar
from cramplog.ui.widgets.title_bar import TitleBar
from cramplog.ui.widgets.today_panel import BAR_CELLS, bar

from .conftest import TZ_NAME, at, settle, today_row


class Field(Static, can_focus=True):
    """A focusable widget with a key of its own."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("e", "app.count('e')", "Edit it")]


class Keys(App[None]):
    """A bare app with a title bar, a key bar, a field with a key of its own, and one key off."""

    AUTO_FOCUS = None
    TITLE = "cramplog"
    SUB_TITLE = "Keys"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "count('x')", "Count"),
        Binding("y", "count('x')", "Count"),  # the same action: shown once, as x
        Binding("z", "off", "Off"),
        Binding("v", "count('v')", "Hidden", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counted: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Field("field")
        yield KeyBar()

    def action_count(self, key: str) -> None:
        self.counted.append(key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "off" else True

    def bell(self) -> None:
        self.bells += 1


async def test_the_key_bar_shows_each_action_once_and_a_click_presses_its_key():
    app = Keys()
    async with app.run_test(size=(80, 6)) as pilot:
        await pilot.pause()
        keybar = app.query_one(KeyBar)
        assert keybar.text.startswith(" x Count  z Off ")
        assert " y " not in keybar.text and "Hidden" not in keybar.text
        x, z = keybar.shown()[:2]
        await pilot.click(KeyBar, offset=(x.start + 1, 0))
        assert app.counted == ["x"]
        # A key whose action is off is drawn dim, and a click on it only rings the bell.
        rendered = keybar.render()
        assert any("dim" in str(span.style) for span in rendered.spans if span.start >= z.start)
        assert not any("dim" in str(span.style) for span in rendered.spans if span.end <= z.start)
        await pilot.click(KeyBar, offset=(z.start + 1, 0))
        assert app.counted == ["x"] and app.bells == 1
        await pilot.click(KeyBar, offset=(keybar.shown()[-1].end + 3, 0))  # past the last key
        assert app.counted == ["x"] and app.bells == 1


async def test_on_a_narrow_screen_the_keys_go_on_more_lines_each_whole_and_each_tappable():
    app = Keys()
    async with app.run_test(size=(14, 8)) as pilot:  # " x Count " and " z Off " don't fit one line
        await pilot.pause()
        keybar = app.query_one(KeyBar)
        assert keybar.region.height == 2 and keybar.region.bottom == 8
        assert str(keybar.render()).splitlines() == [" x Count ", " z Off "]
        x, z = keybar.shown()
        assert (x.row, z.row) == (0, 1)
        await pilot.click(KeyBar, offset=(z.start + 1, 1))
        assert app.counted == [] and app.bells == 1  # z, on the second line (its action is off)
        await pilot.click(KeyBar, offset=(x.start + 1, 0))
        assert app.counted == ["x"]
        await pilot.click(KeyBar, offset=(z.end + 1, 1))  # past z, under where x ends on the first line
        assert app.counted == ["x"] and app.bells == 1
        await pilot.resize_terminal(80, 8)
        await pilot.pause()
        assert keybar.region.height == 1 and str(keybar.render()) == " x Count  z Off "


async def test_the_key_bar_highlights_the_key_under_the_pointer_until_it_leaves():
    app = Keys()
    async with app.run_test(size=(80, 6)) as pilot:
        await pilot.pause()
        keybar = app.query_one(KeyBar)

        def lit() -> list[str]:
            text = str(keybar.render())
            return [
                text[span.start : span.end] for span in keybar.render().spans if KeyBar.HOVER_STYLE in str(span.style)
            ]

        assert lit() == []
        x = keybar.shown()[0]
        await pilot.hover(KeyBar, offset=(x.start + 1, 0))
        assert lit() == ["Count "]
        await pilot.hover(Field)
        assert lit() == []


async def test_the_key_bar_follows_focus_without_remounting_anything():
    app = Keys()
    async with app.run_test(size=(80, 6)) as pilot:
        await pilot.pause()
        keybar = app.query_one(KeyBar)
        before = keybar.text
        children = list(app.screen.walk_children())
        app.query_one(Field).focus()
        await pilot.pause()
        await pilot.pause()
        assert keybar.text.startswith(" e Edit it ") and before in keybar.text, "the field's key comes first"
        assert list(app.screen.walk_children()) == children


async def test_the_title_bar_follows_the_screen_and_fits_a_narrow_terminal():
    app = Keys()
    async with app.run_test(size=(80, 6)) as pilot:
        await pilot.pause()
        title = app.query_one(TitleBar)
        line = str(title.render())
        assert line.startswith(" ≡ ") and "cramplog — Keys" in line
        app.screen.sub_title = "History"
        await pilot.pause()
        assert "cramplog — History" in str(title.render())
        await pilot.resize_terminal(30, 6)
        await pilot.pause()
        line = str(title.render())
        assert len(line) <= 30 and line.rstrip().endswith("…")
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_dashboard_bars_work_with_the_mouse(make, seed):
    seed([E.Drink(at=at(0, 8), tz=TZ_NAME, amount_ml=500)])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        history = next(key for key in app.screen.query_one(KeyBar).shown() if key.binding.description == "History")
        await pilot.click(KeyBar, offset=(history.start + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert today_row(app, "beverages") == "500 ml of 1.8 L"
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


def _filled(content) -> int:
    """Cells drawn in the bar's fill colour."""
    return sum(span.end - span.start for span in content.spans if span.style == "$primary")


def test_the_drinks_bar_fills_in_half_cells_and_is_simply_full_above_the_target():
    assert str(bar(0, 1800)) == "━" * BAR_CELLS and _filled(bar(0, 1800)) == 0
    half = bar(900, 1800)
    assert _filled(half) == BAR_CELLS // 2 and str(half)[BAR_CELLS // 2] == "╺"
    assert str(bar(1, 2 * BAR_CELLS)).startswith("╸")  # half a cell
    assert _filled(bar(1800, 1800)) == BAR_CELLS == _filled(bar(5000, 1800))
    assert str(bar(5000, 1800)) == "━" * BAR_CELLS
    assert _filled(bar(500, 0)) == 0  # no target: nothing to fill
    assert all(len(str(bar(n, 1800))) == BAR_CELLS for n in range(0, 2000, 7))
