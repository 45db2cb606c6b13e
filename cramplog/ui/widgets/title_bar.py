"""Provides `TitleBar`: a screen's title line, drawn by one widget.

It looks as Textual's `Header(icon="≡")` did: `≡` on the left (a click opens the command
palette), "cramplog — <screen>" centred, cut with an ellipsis when the terminal is narrow. The
`Header` is four widgets (itself, icon, title, clock space); each widget costs every screen's
first frame its styling, layout and messages, and on the dashboard the title and key bars'
extra widgets were a tenth of the cold start.
"""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

ICON = "≡"
ICON_CELLS = 8
"""Cells the icon takes on the left (Header's icon: `width: 8; padding: 0 1`)."""
RIGHT_CELLS = 10
"""Cells kept blank on the right, so the title is centred as Header centred it."""


class TitleBar(Widget):
    """The screen's title (or the app's), after the icon that opens the command palette."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    @property
    def title_text(self) -> Content:
        """What the bar says: the screen's title and subtitle, else the app's."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> RenderResult:
        width = self.size.width
        room = max(0, width - ICON_CELLS - RIGHT_CELLS)
        title = self.title_text.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        return Content.assemble(f" {ICON}".ljust(ICON_CELLS), " " * left, title)

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_CELLS and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
