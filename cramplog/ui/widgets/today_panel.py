"""Provides `TodayPanel`: the dashboard's box of today's numbers, drawn by one widget.

Five rows, a title and a value each, the drinks row with a bar toward the day's target. It
was fourteen widgets (two columns, a row, a progress bar and its bar, five labels): each costs
the first frame its styling, layout and messages, and the dashboard's first frame is the one
a person waits for after typing `cramplog`.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

ROWS = (("beverages", "Beverages"), ("stretch", "Stretching"), ("cramp", "Last cramp"),
        ("runs", "Runs, 7 days"), ("checkin", "Check-in"), ("experiment", "Experiment"))
"""The rows, top to bottom: key, title."""
OPTIONAL = ("experiment",)
"""Rows shown only with a value (an experiment running or planned)."""
TITLE_CELLS = 16
BAR_CELLS = 26
BAR_GAP = 4
"""Blank cells between the bar and the drinks' numbers."""


def bar(done: float, target: float, cells: int = BAR_CELLS) -> Content:
    """A bar of `cells` filled to done/target in half cells (as Textual's progress bar draws it).

    One colour below and above the target: the bar shows how far along, never "drink more".
    """
    end = round(min(1.0, done / target if target > 0 else 0.0) * cells * 2) / 2
    full, half = int(end), end % 1 > 0
    filled = "━" * full + ("╸" if half else "")
    rest = "" if half or full in (0, cells) else "╺"
    rest += "━" * (cells - len(filled) - len(rest))
    return Content.assemble((filled, "$primary"), (rest, "$surface-lighten-1"))


class TodayPanel(Widget):
    """Today's rows (`show`); titles only, and an empty bar, until the first load lands."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.values: dict[str, str] = {}
        """Row key -> the value shown (empty while loading)."""
        self.drunk: tuple[float, float] = (0.0, 1.0)
        """Drinks today and the day's target, in ml: the bar's fill."""

    def show(self, values: dict[str, str], drunk_ml: float, target_ml: float) -> None:
        """Fill the rows (`ROWS` keys) and the drinks bar."""
        self.values = dict(values)
        self.drunk = (drunk_ml, target_ml)
        self.refresh(layout=True)

    def render(self) -> RenderResult:
        lines = []
        for key, title in ROWS:
            if key in OPTIONAL and not self.values.get(key):
                continue
            value = Content(self.values.get(key, ""))
            if key == "beverages":
                value = Content.assemble(bar(*self.drunk), " " * BAR_GAP, value)
            lines.append(Content.assemble((title.ljust(TITLE_CELLS), "$foreground-muted"), value))
        return Content("\n").join(lines)
