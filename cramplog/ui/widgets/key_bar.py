"""Provides `KeyBar`: a screen's keys on its bottom line, drawn by one widget.

It shows what Textual's `Footer` showed, in the same look: each binding the screen shows
(`show=True`), one per action, the focused widget's first, dimmed when its action is off; a
click (or tap) on a key presses it. Textual's `Footer` is a widget per key (eight on the
dashboard), which it removes and mounts again whenever the bindings may have changed (on the
screen's resume, each focus change, the app gaining focus). This is one widget that redraws:
the dashboard's first frame lost about 50 ms of styling, layout and messages.

On a narrow screen (a phone through `cramplog serve`) the keys go on as many lines as they need,
breaking between keys, never inside one: a key cut off at the edge could be neither read nor tapped.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget


class Key(NamedTuple):
    """One key as the bar shows it, and the cells it takes."""

    binding: Binding
    display: str
    enabled: bool
    tooltip: str
    start: int
    end: int
    row: int = 0
    """The line it is on (0: the first), when the keys take more than one."""


class KeyBar(Widget):
    """The screen's keys in one line (see the module docstring)."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        width: 100%;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
    }
    """
    KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
    DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"
    HOVER_STYLE = "on $block-hover-background"

    _hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self._hover = None  # the keys may have moved under the pointer
        self.refresh(layout=True)  # and may take another number of lines

    def shown(self, width: int | None = None) -> list[Key]:
        """The keys shown, left to right and line by line: the first binding of each action the
        screen shows, a key going to the next line when it would pass `width` (the bar's own)."""
        width = width or self.size.width or self.app.size.width
        out: list[Key] = []
        actions: set[str] = set()
        position = row = 0
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            display = self.app.get_key_display(binding)
            cells = cell_len(display) + cell_len(binding.description) + 3  # " k " + "Desc "
            if position and position + cells > width:
                position, row = 0, row + 1
            out.append(Key(binding, display, enabled, tooltip, position, position + cells, row))
            position += cells
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        keys = self.shown(width)
        return keys[-1].row + 1 if keys else 1

    @property
    def text(self) -> str:
        """The bar as plain text (tests, and what a screen reader would read)."""
        return "".join(f" {key.display} {key.binding.description} " for key in self.shown())

    def render(self) -> RenderResult:
        parts: list[tuple[str, str]] = []
        row = 0
        for index, key in enumerate(self.shown()):
            if key.row != row:
                parts.append(("\n", ""))
                row = key.row
            dim = "" if key.enabled else " dim"
            hover = f" {self.HOVER_STYLE}" if index == self._hover else ""
            parts.append((f" {key.display} ", f"{self.KEY_STYLE}{dim}"))
            parts.append(
                (f"{key.binding.description} ", f"{self.DESCRIPTION_STYLE}{dim}{hover if key.enabled else ''}")
            )
        return Content.assemble(*parts)

    def _key_at(self, x: int, y: int) -> tuple[int, Key] | None:
        for index, key in enumerate(self.shown()):
            if key.row == y and key.start <= x < key.end:
                return index, key
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._key_at(event.x, event.y)
        hover = found[0] if found else None
        self.tooltip = (found[1].tooltip or None) if found else None
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        found = self._key_at(event.x, event.y)
        if found is None:
            return
        key = found[1]
        if key.enabled:
            self.app.simulate_key(key.binding.key)
        else:
            self.app.bell()
