"""Provides `HelpScreen` (`?`): every key, the screens, and what cramplog cannot do."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...domain.settings import Settings
from ...domain.units import default_cup_ml, format_volume
from ..base import CramplogScreen
from ..fit import clauses, pack
from ..keys import help_sections, key_rows
from ..text import DISCLAIMER
from ..widgets.key_bar import KeyBar
from ..widgets.packed import Fitted
from ..widgets.title_bar import TitleBar
from .cramp_context import CrampContextScreen
from .history import HistoryScreen
from .insights import InsightsScreen
from .settings import SettingsScreen
from .trends import TrendsScreen

KEY_GAP = "   "
"""Between two keys on one line."""

NOTES = (
    "Forms mark a field they cannot read with the reason, and save nothing until all fields "
    "read. Times: now, 20 min ago, 03:10, yesterday 22:30, 2026-11-20 22:30. A cramp before "
    "the day boundary (04:00 by default) counts for the evening before. The mouse works too: "
    "click fields, buttons, table rows and the footer keys."
)
"""A paragraph: it wraps to the terminal's width."""


class HelpScreen(CramplogScreen[None]):
    """Keys and screens, with the disclaimer (docs/analysis.md §5)."""

    HELP_TITLE = "Help"
    DEFAULT_CSS = """
    HelpScreen #help-screen-keys { margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="help-back"),
    ]

    def __init__(self, origin: Any = None) -> None:
        """Args:
        origin: the screen `?` was pressed on; its own keys are listed first.
        """
        super().__init__()
        self.origin = origin

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="help-body"):
            if own := screen_keys(self.origin):
                yield KeyList(own, id="help-screen-keys")
            yield KeyList(keys(self.cramplog.journal.settings, self.origin), id="help-keys")
            yield Static(NOTES, id="help-notes", markup=False)
            yield Static(DISCLAIMER, id="help-disclaimer", markup=False)
            yield Static("", id="help-paths", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.HELP_TITLE
        db_path = self.cramplog.journal.db_path
        if db_path is not None:
            self.query_one("#help-paths", Static).update(f"\nJournal file: {db_path}")


def keys(settings: Settings, origin: Any = None) -> tuple[tuple[str, tuple[tuple[tuple[str, str], ...], ...]], ...]:
    """Every key, by section (`keys.help_sections`), with the drink form's default amount in the
    user's units (`8 fl oz` in imperial) and each screen's own keys after the key that opens it,
    except the `origin` screen's (Help opened on it lists them first, `screen_keys`)."""
    cup = format_volume(default_cup_ml(settings.units), settings.units)
    screens: dict[str, type[CramplogScreen[None]]] = {
        "history": HistoryScreen,
        "last_cramp": CrampContextScreen,
        "trends": TrendsScreen,
        "insights": InsightsScreen,
        "settings": SettingsScreen,
    }
    return help_sections(
        cup, {action: screen.BINDINGS for action, screen in screens.items() if not isinstance(origin, screen)}
    )


def key_text(sections: Any, width: int) -> list[str]:
    """The keys laid out for `width` cells: a line's keys on as few lines as they fit, a key with
    what it does; a key whose words don't fit a line goes on, broken between its sentences and
    clauses (a screen's own key stays with its words) and indented under itself."""
    out: list[str] = []
    for index, (title, lines) in enumerate(sections):
        out += ([""] if index else []) + pack(title.split(" "), width, " ")
        for line in lines:
            items = [f"{key}  {said}" if key else said for key, said in line]
            if len(line) > 1 and all(len(item) + 2 <= width for item in items):
                out += ["  " + keys for keys in pack(items, width - 2, KEY_GAP)]
                continue
            for key, said in line:
                indent = 2 + (len(key) + 2 if key else 0)
                parts = [clause for sentence in clauses(said, ". ") for clause in clauses(sentence)]
                lines_said = pack(parts, width - indent, " ")
                head = f"  {key}  " if key else "  "
                out += [head + lines_said[0]] + [" " * indent + rest for rest in lines_said[1:]]
    return out


class KeyList(Fitted):
    """Every key (`key_text`), laid out for the widget's width."""

    def __init__(self, sections: Any, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sections = sections

    def lines(self, width: int) -> list[Content]:
        return [Content(line) for line in key_text(self.sections, width)]


def screen_keys(screen: Any) -> tuple[tuple[str, tuple[tuple[tuple[str, str], ...], ...]], ...]:
    """The keys of the screen `?` was pressed on, as a section of `key_text`: a key (or a run of
    keys, `keys.key_rows`) a line, each with what it does (its binding's tooltip, else its footer
    word), the words in one column; none for a screen without bindings (or none given)."""
    rows = key_rows(getattr(type(screen), "BINDINGS", []))
    if screen is None or not rows:
        return ()
    title = getattr(screen, "HELP_TITLE", type(screen).__name__.removesuffix("Screen"))
    column = max(len(row.shown()) for row in rows)
    return ((f"On {title}", tuple(((row.shown().ljust(column), row.said),) for row in rows)),)
