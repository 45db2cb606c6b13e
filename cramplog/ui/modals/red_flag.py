"""Provides `RedFlagModal`: a notice that an entry just logged fits a red-flag rule.

Shown prominently (a modal, not a toast) right after saving, as docs/analysis.md §5 says: red flags
stand above everything and never depend on statistics. The wording comes from the rules.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ...domain.redflags import TIER_HEADINGS, RedFlag
from ..widgets.tap_bar import BREAKPOINTS


class RedFlagModal(ModalScreen[None]):
    """Lists the red flags an entry fired, most serious first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close", id="red-flag-close"),
    ]

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    """Narrow (a phone): the button a thumb's size."""

    DEFAULT_CSS = """
    RedFlagModal { align: center middle; }
    RedFlagModal #red-flag-dialog {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    RedFlagModal #red-flag-dialog.-emergency { border: thick $error; }
    RedFlagModal .flag-heading { text-style: bold; color: $warning; margin-top: 1; }
    RedFlagModal .flag-heading.-emergency, RedFlagModal .flag-heading.-urgent { color: $error; }
    RedFlagModal .flag-title { text-style: bold; }
    RedFlagModal #red-flag-list { height: auto; max-height: 1fr; }
    RedFlagModal #red-flag-ok { margin-top: 1; }
    RedFlagModal.-narrow #red-flag-ok { width: 1fr; height: 3; }
    """

    def __init__(self, flags: list[RedFlag]) -> None:
        super().__init__()
        self.flags = flags

    def compose(self) -> ComposeResult:
        worst = self.flags[0].tier if self.flags else "gp"
        with Vertical(id="red-flag-dialog", classes=f"-{worst}"):
            with VerticalScroll(id="red-flag-list"):
                for flag in self.flags:
                    yield Label(TIER_HEADINGS[flag.tier], classes=f"flag-heading -{flag.tier}")
                    yield Static(flag.title, classes="flag-title", markup=False)
                    yield Static(flag.text, markup=False)
            yield Button("I have read this", id="red-flag-ok", variant="warning", compact=True)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#red-flag-ok")
    def _ok(self) -> None:
        self.dismiss(None)
