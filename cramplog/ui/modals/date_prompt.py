"""Provides `DatePromptModal`: asks for a date (jump to a day in the history)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...domain.when import parse_date
from ...errors import InvalidInput
from ..widgets.tap_bar import BREAKPOINTS, TapBar


class DatePromptModal(ModalScreen[dt.date | None]):
    """Returns the date typed (`today`, `yesterday`, `3 days ago`, `2026-11-20`) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="date-cancel")]

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS

    DEFAULT_CSS = """
    DatePromptModal { align: center middle; }
    DatePromptModal #date-dialog {
        width: 56; max-width: 100%; height: auto; border: round $primary;
        background: $surface; padding: 0 1;
    }
    DatePromptModal #date-error { color: $error; }
    DatePromptModal #date-hint { color: $text-muted; }
    """

    def __init__(self, today: dt.date, prompt: str = "Jump to date") -> None:
        super().__init__()
        self.today = today
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical(id="date-dialog"):
            yield Label(self.prompt)
            yield Input(placeholder="2026-11-20", id="date-input", compact=True)
            yield Static("", id="date-error", markup=False)
            yield Static("today, yesterday, 3 days ago or 2026-11-20 · Esc cancels", id="date-hint")
            yield TapBar(("Go", "go"), ("Cancel", "cancel"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_go()

    def action_go(self) -> None:
        """The date typed, or why it can't be read."""
        try:
            day = parse_date(self.query_one(Input).value, self.today, field="date")
        except InvalidInput as exc:
            self.query_one("#date-error", Static).update(str(exc))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
