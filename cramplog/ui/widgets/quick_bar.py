"""Provides `QuickBar`: big buttons to log on a narrow screen (a phone), where keys are far away.

The dashboard mounts it the first time it is narrower than 80 columns (`place_quick_bar`), so
a terminal never pays for its widgets; a cramp opens the
thumb-sized `QuickCrampScreen`, a drink and stretching their forms (whose quick cups and
defaults save with one more tap), and "no cramps" checks today in.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Button

NARROW = 80
"""Below this width the bar shows."""

ACTIONS = (
    ("quick-log-cramp", "+ Cramp", "quick_cramp"),
    ("quick-log-drink", "+ Drink", "log('drink')"),
    ("quick-log-stretch", "+ Stretch", "log('stretch')"),
    ("quick-no-cramps", "No cramps", "no_cramps"),
)
"""(button id, label, app action)."""


class QuickBar(Grid):
    """Four big logging buttons, two to a row."""

    DEFAULT_CSS = """
    QuickBar { grid-size: 2; grid-gutter: 0 1; height: auto; margin: 0 1 1 1; }
    QuickBar Button { width: 1fr; height: 3; margin: 0; }
    QuickBar #quick-log-cramp { background: $primary; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        for button_id, label, _action in ACTIONS:
            yield Button(label, id=button_id)

    @on(Button.Pressed)
    async def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = {button_id: action for button_id, _label, action in ACTIONS}.get(event.button.id or "")
        if action is not None:
            await self.app.run_action(action)


def place_quick_bar(screen: Screen[Any], body: str) -> None:
    """Show the bar at the top of `body` on a narrow screen (mounting it the first time)."""
    narrow = screen.size.width < NARROW
    try:
        bar = screen.query_one(QuickBar)
    except NoMatches:
        if not narrow:
            return
        try:
            container = screen.query_one(body)
        except NoMatches:
            return
        container.mount(QuickBar(), before=0)
        return
    bar.display = narrow
