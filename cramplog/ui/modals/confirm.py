"""Provides `ConfirmModal`: a yes/no question (discard a changed form?), answered by one key."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..widgets.tap_bar import BREAKPOINTS, TapBar


class ConfirmModal(ModalScreen[bool]):
    """Dismisses with True for `d` or `y`, False for Escape or `n`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d,y", "answer(True)", "Discard", id="confirm-yes"),
        Binding("escape,n", "answer(False)", "Keep editing", id="confirm-no"),
    ]

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal #confirm-dialog {
        width: 48; max-width: 100%; height: auto; border: round $warning;
        background: $surface; padding: 0 1;
    }
    ConfirmModal #confirm-question { width: 1fr; }
    ConfirmModal #confirm-keys { color: $text-muted; }
    """

    def __init__(self, question: str, keys: str) -> None:
        """`keys`: the yes key and the no key with what each does, `d discard · esc keep editing`
        (a phone's buttons say the same: `Discard`, `Keep editing`)."""
        super().__init__()
        self.question = question
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Label(self.question, id="confirm-question", markup=False)
            yield Static(self.keys, id="confirm-keys", markup=False)
            yes, no = (said.partition(" ")[2].capitalize() for said in self.keys.split(" · "))
            yield TapBar((yes, "answer(True)"), (no, "answer(False)"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
