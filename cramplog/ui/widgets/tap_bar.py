"""Provides `TapBar`: a modal's keys as buttons, on a narrow screen (a phone).

A phone through `cramplog serve` has no Escape key, and its keyboard is down unless a field is
focused: "Esc skips", "Esc cancels" or "d discard" can't be pressed there. A modal with
`BREAKPOINTS` gets the class `-narrow` below `NARROW` columns, and its `TapBar` shows: a
thumb-sized button per key, each running the modal's own action. A terminal never sees it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

NARROW = 60
"""Below this many columns a modal takes its narrow shape."""
BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (NARROW, "-wide")]
"""A modal's `HORIZONTAL_BREAKPOINTS`: the class `-narrow` below `NARROW` columns."""


class TapBar(Horizontal):
    """Buttons, each running an action of the screen it is on: ("Skip", "skip")."""

    SCOPED_CSS = False  # `.-narrow TapBar`: the rule reads the screen's class
    DEFAULT_CSS = """
    TapBar { display: none; height: 3; margin-top: 1; }
    .-narrow TapBar { display: block; }
    TapBar Button { width: 1fr; height: 3; margin: 0 1 0 0; background: $panel; }
    TapBar Button:last-child { margin: 0; }
    TapBar Button.-first { background: $primary; }
    """

    def __init__(self, *buttons: tuple[str, str]) -> None:
        super().__init__()
        self.buttons = buttons

    def compose(self) -> ComposeResult:
        for index, (label, _action) in enumerate(self.buttons):
            yield Button(label, id=f"tap-{index}", compact=True, classes="-first" if index == 0 else "")

    @on(Button.Pressed)
    async def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        index = int((event.button.id or "tap-0").removeprefix("tap-"))
        await self.screen.run_action(self.buttons[index][1])
