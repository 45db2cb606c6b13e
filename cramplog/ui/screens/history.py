"""Provides `HistoryScreen`: the journal by diary day, with filter, jump, edit, delete and undo.

Pages of `loaders.HISTORY_PAGE` entries (newest first) keep a ten-year journal quick to show:
`[` goes to older entries, `]` back towards today, `j` jumps to a date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Select, Static

from ...domain import entries as E
from ...domain.describe import describe
from ...errors import CramplogError
from .. import loaders
from ..messages import HistoryLoaded, JournalFailed

if TYPE_CHECKING:
    from ..app import CramplogApp

KIND_LABELS = {
    "cramp": "cramp", "drink": "drink", "stretch": "stretch", "run": "run", "shoe": "shoe",
    "food": "food", "diet": "diet", "med": "medicine", "injury": "injury", "symptom": "symptom",
    "checkin": "check-in",
}


class HistoryScreen(Screen[None]):
    """Entries by diary day in a table; Enter edits, d deletes, u undoes."""

    HELP_TITLE = "History"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.dashboard", "Back", id="history-back"),
        Binding("e", "edit", "Edit", id="history-edit", key_display="⏎/e"),
        Binding("d,delete", "delete", "Delete", id="history-delete"),
                Binding("k", "next_kind", "Kind", id="history-filter"),
        Binding("j", "jump", "Jump", id="history-jump"),
        Binding("left_square_bracket", "older", "Older", id="history-older", key_display="["),
        Binding("right_square_bracket", "newer", "Newer", id="history-newer", key_display="]"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.until: dt.date | None = None
        self.kind: str | None = None
        self.page: loaders.HistoryPage | None = None
        self.rows: dict[int, E.Entry] = {}

    @property
    def cramplog(self) -> CramplogApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Horizontal(id="history-bar"):
            yield Label("History", id="history-title")
            yield Select([(label, kind) for kind, label in KIND_LABELS.items()], prompt="all kinds",
                         id="history-kind", compact=True, allow_blank=True)
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-empty", markup=False)
        yield Footer(show_command_palette=False)  # ctrl+p: in ? and on the dashboard

    def on_mount(self) -> None:
        self.sub_title = self.HELP_TITLE
        table = self.query_one(DataTable)
        table.add_column("Day", key="day", width=15)
        table.add_column("Time", key="time", width=5)
        table.add_column("Kind", key="kind", width=8)
        table.add_column("Entry", key="what")
        table.add_column("#", key="id")
        self.query_one("#history-empty").display = False
        table.focus()
        self.reload()

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the current page again (after an edit, a delete or a change from a shell)."""
        until = self.until or loaders.current_day(self.cramplog.clock, self.cramplog.settings)
        self.load_page(until, self.kind)

    @work(thread=True, exclusive=True, group="db-history", exit_on_error=False,
          description="Loading history")
    def load_page(self, until: dt.date, kind: str | None) -> None:
        app = self.cramplog
        try:
            page = loaders.load_history(app.repo, app.settings, app.clock, until, kind)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc)))
            return
        self.post_message(HistoryLoaded(page))

    @on(HistoryLoaded)
    def _loaded(self, message: HistoryLoaded) -> None:
        if not self.is_attached:
            return
        try:
            self._show_page(message)
        except NoMatches:  # a page that lands while the screen is being closed finds it gone
            pass

    def _show_page(self, message: HistoryLoaded) -> None:
        page = self.page = message.page
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.rows = {}
        settings, units = self.cramplog.settings, self.cramplog.settings.units
        previous: dt.date | None = None
        for entry in page.entries:
            day = loaders.entry_day(entry, settings)
            day_text = f"{day:%a %d %b %Y}" if day != previous else ""
            previous = day
            time_text = "" if entry.date_field is not None else f"{entry.at:%H:%M}"
            table.add_row(day_text, time_text, KIND_LABELS.get(entry.kind, entry.kind),
                          Text(describe(entry, units)), str(entry.id), key=str(entry.id))  # text, not markup
            self.rows[entry.id or 0] = entry
        if page.entries:
            table.move_cursor(row=min(keep, table.row_count - 1))
        what = KIND_LABELS.get(page.kind or "", "entries") if page.kind else "entries"
        empty = self.query_one("#history-empty", Static)
        empty.display = not page.entries
        empty.update(f"No {what} up to {page.until:%d %b %Y}." if page.entries == [] else "")
        more = " · [ for older" if page.more else ""
        self.query_one("#history-title", Label).update(
            f"History · {what} up to {page.until:%a %d %b %Y}{more}")

    # -- actions ---------------------------------------------------------------------------------

    def selected(self) -> E.Entry | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(int(key or 0))

    def action_edit(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.cramplog.open_form(entry.kind, entry)

    @on(DataTable.RowSelected, "#history-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click on the highlighted row) edits that entry."""
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        entry = self.selected()
        if entry is not None and entry.id is not None:
            self.cramplog.delete_entry(entry.id)

    def action_next_kind(self) -> None:
        kinds: list[str | None] = [None, *KIND_LABELS]
        self.set_kind(kinds[(kinds.index(self.kind) + 1) % len(kinds)])

    def set_kind(self, kind: str | None) -> None:
        """Show only entries of `kind` (None: all kinds)."""
        select = self.query_one("#history-kind", Select)
        value: Any = kind if kind is not None else Select.NULL
        if select.value != value:
            with select.prevent(Select.Changed):
                select.value = value
        self.kind = kind
        self.reload()

    @on(Select.Changed, "#history-kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        self.kind = None if event.value is Select.NULL else str(event.value)
        self.reload()

    def action_jump(self) -> None:
        from ..modals.date_prompt import DatePromptModal

        today = loaders.current_day(self.cramplog.clock, self.cramplog.settings)
        self.app.push_screen(DatePromptModal(today), self.jump_to)

    def jump_to(self, day: dt.date | None) -> None:
        """Show entries up to the end of diary day `day`."""
        if day is None:
            return
        self.until = day
        self.query_one(DataTable).move_cursor(row=0)
        self.reload()

    def action_older(self) -> None:
        if self.page and self.page.more and self.page.entries:
            oldest = loaders.entry_day(self.page.entries[-1], self.cramplog.settings)
            # The oldest day may continue on the next page: start that page with it.
            self.jump_to(oldest if oldest != self.page.until else oldest - dt.timedelta(days=1))

    def action_newer(self) -> None:
        today = loaders.current_day(self.cramplog.clock, self.cramplog.settings)
        if self.until is None or self.until >= today:
            return
        self.jump_to(min(today, self.until + dt.timedelta(days=30)))
