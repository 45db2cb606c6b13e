"""Provides `ScrollBody`: a screen's scrolling body whose focus costs one restyle, not hundreds.

Textual restyles a widget and every widget inside it whenever it gains or loses focus (for
`:focus-within` rules). A screen's body holds most of the screen, and it gains focus as the
screen opens (auto focus) and, in a form, loses it again the moment the first field is focused:
on Settings (~60 widgets) that walk was a sixth of the work from `o` to the screen shown, and
the two walks over a quarter of opening a form. No cramplog or Textual rule styles anything by a scroll
container's focus, so only the container itself is restyled. A rule that did (say
`#settings-body:focus-within Label`) would need a plain `VerticalScroll` instead.
"""

from __future__ import annotations

from textual.containers import VerticalScroll


class ScrollBody(VerticalScroll):
    """A `VerticalScroll` whose focus changes restyle itself only (see the module docstring)."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=False)
