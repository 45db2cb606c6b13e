"""Provides `TodayPanel`: the dashboard's box of today's numbers, drawn by one widget.

Five rows, a title and a value each, the drinks row with a bar toward the day's target. It
was fourteen widgets (two columns, a row, a progress bar and its bar, five labels): each costs
the first frame its styling, layout and messages, and the dashboard's first frame is the one
a person waits for after typing `cramplog`.

A value wider than its column (a phone's 48 columns leave it 26 cells) goes on under its title,
broken between its parts (`10 min today ·` / `40 min in 7 days`), and the drinks bar moves under
the amount: nothing is cut.
"""

from __future__ import annotations

from textual.content import Content

from ..fit import clauses, pack
from .packed import Fitted

ROWS = (
    ("beverages", "Beverages"),
    ("stretch", "Stretching"),
    ("cramp", "Last cramp"),
    ("runs", "Runs, 7 days"),
    ("checkin", "Check-in"),
    ("experiment", "Experiment"),
)
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


class TodayPanel(Fitted):
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

    def lines(self, width: int) -> list[Content]:
        """The rows laid out for `width` cells: a row's value on the lines it needs."""
        room = max(1, width - TITLE_CELLS)
        lines = []
        for key, title in ROWS:
            text = self.values.get(key, "")
            if key in OPTIONAL and not text:
                continue
            if key == "beverages" and BAR_CELLS + BAR_GAP + len(text) > room:
                values = [Content(text), bar(*self.drunk, cells=min(BAR_CELLS, room))]
            elif key == "beverages":
                values = [Content.assemble(bar(*self.drunk), " " * BAR_GAP, text)]
            else:
                values = [Content(line) for line in pack(clauses(text), room, " ")]
            for index, value in enumerate(values):
                head = title if index == 0 else ""
                lines.append(Content.assemble((head.ljust(TITLE_CELLS), "$foreground-muted"), value))
        return lines
