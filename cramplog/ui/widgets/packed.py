"""Provides `Packed`: lines of items laid out for the widget's width, broken between items.

A `Static` wraps between any two words, so on a phone the dashboard's keys read `… f food  y`
over `symptom  i injury …`: the key on one line, what it does on the next. Here each line of
the text is a list of items that stay whole (`fit.pack`), re-laid at every width.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ..fit import pack

Group = tuple[Sequence[str], str, str]
"""One line of the text as written: its items, the gap between two on a line, and its style."""


def words(text: str, style: str = "") -> Group:
    """A line of prose: it may break between any two words."""
    return text.split(" "), " ", style


class Fitted(Widget):
    """A widget whose lines are laid out for its width (`lines`), its height theirs."""

    DEFAULT_CSS = """
    Fitted { height: auto; }
    """

    def lines(self, width: int) -> list[Content]:
        raise NotImplementedError

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> RenderResult:
        return Content("\n").join(self.lines(self.content_size.width))


class Packed(Fitted):
    """Lines (`Group`s) laid out for the width: a group takes as many lines as its items need."""

    def __init__(self, groups: Sequence[Group] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.groups = list(groups)

    def show(self, groups: Sequence[Group]) -> None:
        self.groups = list(groups)
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        """The text as written, a group a line (tests, and what a screen reader would read)."""
        return "\n".join(gap.join(items) for items, gap, _style in self.groups)

    def lines(self, width: int) -> list[Content]:
        return [
            Content.styled(line, style)
            for items, gap, style in self.groups
            for line in (pack(items, width, gap) if items else [""])
        ]
