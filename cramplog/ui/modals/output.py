"""Provides `PathPromptModal` (where to write a file) and `PreviewModal` (what was written).

Used by the palette's clinician report, export and backup: the app writes the file in a worker
through `cramplog.files.write_output` (0600, never over the journal) and then shows the preview.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Markdown, Static

from ..widgets.tap_bar import BREAKPOINTS, TapBar


class PathPromptModal(ModalScreen[Path | None]):
    """Asks for a file name (prefilled); Enter accepts, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="path-cancel")]

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS

    DEFAULT_CSS = """
    PathPromptModal { align: center middle; }
    PathPromptModal #path-dialog {
        width: 76; max-width: 100%; height: auto; border: round $primary;
        background: $surface; padding: 0 1;
    }
    PathPromptModal #path-hint { color: $text-muted; }
    PathPromptModal #path-title { width: 1fr; }
    """

    def __init__(self, title: str, default: Path) -> None:
        super().__init__()
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="path-dialog"):
            yield Static(self.title_text, id="path-title", markup=False)
            yield Input(str(self.default), id="path-input", compact=True)
            yield Static("Enter writes the file (private to you) · Esc cancels", id="path-hint")
            yield TapBar(("Write it", "write"), ("Cancel", "cancel"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_write()

    def action_write(self) -> None:
        text = self.query_one(Input).value.strip()
        self.dismiss(Path(text).expanduser() if text else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PreviewModal(ModalScreen[None]):
    """Shows what was written and where; Escape or Enter closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", "Close", id="preview-close")]

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS

    DEFAULT_CSS = """
    PreviewModal { align: center middle; }
    PreviewModal #preview-dialog {
        width: 90%; height: 90%; border: round $primary; background: $surface; padding: 0 1;
    }
    PreviewModal #preview-where { color: $success; height: auto; }
    PreviewModal #preview-body { height: 1fr; }
    """

    def __init__(self, where: str, markdown: str) -> None:
        super().__init__()
        self.where = where
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(id="preview-dialog"):
            yield Static(self.where, id="preview-where", markup=False)
            with VerticalScroll(id="preview-body"):
                yield Markdown(self.markdown, id="preview-text")
            yield Static("Esc or Enter closes", markup=False)
            yield TapBar(("Close", "close"))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
