"""Provides `CramplogCommands`, the command-palette provider listing every action of the app.

Logging forms for every kind (including shoe, diet, medicine and the full check-in, which have
no single key), navigation, undo, help and quit. Theme and other system commands come from
Textual's own provider.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


class CramplogCommands(Provider):
    """Every cramplog action, searchable by title."""

    def _commands(self) -> list[tuple[str, str, object, str]]:
        from .app import CramplogApp, command_callbacks

        app = self.app
        return command_callbacks(app) if isinstance(app, CramplogApp) else []

    async def discover(self) -> Hits:
        for title, help_text, callback, key in self._commands():
            yield DiscoveryHit(_with_key(title, key), callback, text=title, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, key in self._commands():
            score = matcher.match(title)
            if score > 0:
                shown = matcher.highlight(title)
                if key:
                    shown = shown + Content.styled(f"  {key}", "bold")
                yield Hit(score, shown, callback, text=title, help=help_text)  # type: ignore[arg-type]


def _with_key(title: str, key: str) -> Content:
    """The title with its key beside it, in bold."""
    return Content(title) + Content.styled(f"  {key}", "bold") if key else Content(title)
