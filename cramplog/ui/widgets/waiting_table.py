"""Provides `WaitingTable`: a DataTable whose keys, typed before its rows arrive, wait for them.

A screen shows its table at once and fills it from a worker (History's page, Insights' analysis).
A quick typist's `a ↓ ⏎` reached the table while it was still empty and did nothing. Between
`turn.wait()` and `turn.filled()` the table's cursor keys and Enter wait in `turn` (`InTurn`),
where the screen queues its own row actions too, then act in order on the rows that came.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from ..in_turn import InTurn


class WaitingTable(DataTable[Any]):
    """A `DataTable` whose cursor keys and Enter wait in `turn` while its rows are on their way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.turn = InTurn()

    def action_select_cursor(self) -> None:
        self.turn.do(super().action_select_cursor)

    def action_cursor_up(self) -> None:
        self.turn.do(super().action_cursor_up)

    def action_cursor_down(self) -> None:
        self.turn.do(super().action_cursor_down)

    def action_page_up(self) -> None:
        self.turn.do(super().action_page_up)

    def action_page_down(self) -> None:
        self.turn.do(super().action_page_down)

    def action_scroll_top(self) -> None:
        self.turn.do(super().action_scroll_top)

    def action_scroll_bottom(self) -> None:
        self.turn.do(super().action_scroll_bottom)
