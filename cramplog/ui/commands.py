"""Provides `CramplogCommands`, the command-palette provider listing every action of the app.

Logging forms for every kind (including shoe, diet, medicine and the full check-in, which have
no single key), navigation, undo, help and quit. Theme and other system commands come from
Textual's own provider.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .keys import Command, command_callbacks


class CramplogCommands(Provider):
    """Every cramplog action, searchable by title."""

    def _commands(self) -> list[Command]:
        return command_callbacks(self.app)

    async def discover(self) -> Hits:
        for title, help_text, callback, key in self._commands():
            yield DiscoveryHit(_with_key(title, key), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, key in self._commands():
            score = matcher.match(title)
            if score > 0:
                shown = matcher.highlight(title)
                if key:
                    shown = shown + Content.styled(f"  {key}", "bold")
                yield Hit(score, shown, callback, text=title, help=help_text)


def _with_key(title: str, key: str) -> Content:
    """The title with its key beside it, in bold."""
    return Content(title) + Content.styled(f"  {key}", "bold") if key else Content(title)
