"""Provides `Footer`: Textual's footer, rebuilt only when the keys it shows have changed.

Textual's footer removes and remounts all its keys each time the screen says its bindings may
have changed: on the screen's resume, on each focus change, when the app gains focus. As the
dashboard opens that is three rebuilds of the same keys, each a round of styling, layout and a
full repaint before the first complete frame. This one remembers what its keys were built
from (every active binding, its key display, description, state and tooltip) and skips a
rebuild that would produce the same footer.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """A `Footer` that rebuilds its keys only when what they are built from has changed."""

    _built_from: Any = None

    def _inputs(self) -> tuple[Any, ...]:
        """Everything the footer's `compose` reads, as a comparable value."""
        if not self._bindings_ready:
            return (False,)
        app = self.app
        return (True, self.show_command_palette, self.combine_groups, app.ENABLE_COMMAND_PALETTE,
                app.COMMAND_PALETTE_BINDING,
                tuple((key, binding.key, app.get_key_display(binding), binding.description, binding.action,
                       binding.show, id(binding.group), enabled, tooltip)
                      for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()))

    async def recompose(self) -> None:
        inputs = self._inputs()
        if inputs == self._built_from and self.children:
            return
        self._built_from = inputs
        await super().recompose()
