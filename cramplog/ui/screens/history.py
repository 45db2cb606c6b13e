"""Provides `HistoryScreen`: the journal by diary day, with filter, jump, edit, delete and undo.

Pages of `loaders.HISTORY_PAGE` entries (newest first) keep a ten-year journal quick to show:
`[` goes to older entries, `]` back towards today, `j` jumps to a date.

The table fits its width: the entry column takes what the day, time and kind columns leave, and
a long entry wraps onto more lines (up to `MAX_LINES`) instead of running off the screen. Cramps
stand out: a bold row whose kind reads `● cramp` in the theme's error colour, and beside a day's
first cramp the day cell says how many that day has (`● 2 cramps`), so a scan down the day column
finds cramp days. A page that spans years dates the newest day of each year `25 Nov 2026`.
Entries of a whole day (a check-in) head their day. The entry's ID is in its edit form's title.

Where the four columns would leave the entry text too little room (a phone's 48 columns through
`cramplog serve`), the table has two: the day, the cramp count and the time stacked in one, and
the entry, its kind the first word (`drink  330 ml coffee/tea`); the title line goes over the
kind list. Resizing past the width switches between them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.events import Resize
from textual.widgets import DataTable, Label, Select, Static

from ...domain import entries as E
from ...domain.describe import describe, moment
from ...domain.summary import plural
from ...domain.vocab import kind_word
from ...errors import CramplogError
from .. import loaders
from ..base import CramplogScreen
from ..fit import clause_lines, clauses, pack
from ..messages import HistoryLoaded, JournalFailed
from ..widgets.key_bar import KeyBar
from ..widgets.title_bar import TitleBar
from ..widgets.waiting_table import WaitingTable

KIND_LABELS = {kind: kind_word(kind) for kind in E.KINDS}
"""The filter's choices, in the order product.md lists the kinds."""
DAY_WIDTH, TIME_WIDTH, KIND_WIDTH = 11, 5, 8
"""`Wed 25 Nov` / `● 12 cramps`, `22:30`, `check-in`: the columns beside the entry text."""
MIN_ENTRY_WIDTH = 20
STACK_BELOW = 32
"""Below this many cells for the entry text beside four columns, the table stacks into two."""
MAX_LINES = 6
"""Lines an entry may wrap onto; a longer note ends in `…` (its edit form shows all of it)."""
CRAMP_MARK = "●"


def cramp_count(n: int) -> str:
    """The day cell's cramp line: `● 1 cramp`, `● 3 cramps`."""
    return f"{CRAMP_MARK} {plural(n, 'cramp')}"


def span_text(newest: dt.date, oldest: dt.date) -> str:
    """The days a page covers, with the year once: `06 Nov – 27 Nov 2026`."""
    if newest == oldest:
        return f"{newest:%a %d %b %Y}"
    if newest.year == oldest.year:
        return f"{oldest:%d %b} – {newest:%d %b %Y}"
    return f"{oldest:%d %b %Y} – {newest:%d %b %Y}"


class HistoryScreen(CramplogScreen[None]):
    """Entries by diary day in a table; Enter edits, d deletes, u undoes."""

    DEFAULT_CLASSES = "-toasts-top"
    """Toasts over the title lines, not the rows (app.tcss)."""

    HELP_TITLE = "History"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            id="history-back",
            tooltip="back to the dashboard (or to Trends, when it opened History on a period)",
        ),
        Binding("e", "edit", "Edit", id="history-edit", tooltip="edit the entry in the form it was logged with"),
        Binding(
            "d,delete", "delete", "Delete", id="history-delete", tooltip="delete the entry (a message says how to undo)"
        ),
        Binding(
            "k",
            "next_kind",
            "Kind",
            id="history-filter",
            tooltip="next kind (all → cramps → drinks → …); or pick a kind in the list at the top",
        ),
        Binding("j", "jump", "Jump", id="history-jump", tooltip="jump to a date"),
        Binding("left_square_bracket", "older", "Older", id="history-older", key_display="[", tooltip="older entries"),
        Binding("right_square_bracket", "newer", "Newer", id="history-newer", key_display="]", tooltip="newer entries"),
    ]
    """The one statement of History's keys: the footer's word (`description`), what each does
    (`tooltip`: the footer's hover, Help and docs/tui.md's table read it) and Help's line for `h`."""

    @classmethod
    def up_to(cls, until: dt.date, *, back_to_caller: bool = False) -> HistoryScreen:
        """History whose first page ends on `until` (Trends opens it on a period this way)."""
        screen = cls()
        screen.until = until
        screen.back_to_caller = back_to_caller
        return screen

    def __init__(self) -> None:
        super().__init__()
        self.until: dt.date | None = None
        self.back_to_caller = False
        """Escape returns to the screen below (Trends, on a period) rather than the dashboard."""
        self.since: dt.date | None = None
        """The first day of a page found forward (`]`), which starts where the page before it ended."""
        self.asked: tuple[dt.date, str | None, dt.date | None] | None = None
        """The page last asked for (its last day, kind and first day)."""
        self.left: list[tuple[dt.date | None, dt.date | None]] = []
        """The pages `[` left (their last day, None for today's, and first day), newest last:
        `]` returns to each."""
        self.kind: str | None = None
        self.page: loaders.HistoryPage | None = None
        self.rows: dict[int, E.Entry] = {}
        self.entry_width = 0
        """The width the entry column was last laid out for (a resize lays it out again)."""
        self.to_top = False
        """The next page starts with its cursor on the first row (after a jump)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="history-bar"):
            yield Label("History", id="history-title")
            yield Select(
                [(label, kind) for kind, label in KIND_LABELS.items()],
                prompt="all kinds",
                id="history-kind",
                compact=True,
                allow_blank=True,
            )
        yield WaitingTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-empty", markup=False)
        yield KeyBar()  # ctrl+p: in ? and on the dashboard

    def on_mount(self) -> None:
        self.sub_title = self.HELP_TITLE
        self._columns(*self._layout())
        self.query_one("#history-empty").display = False
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())
        self.query_one(DataTable).focus()
        self.reload()

    def _layout(self) -> tuple[bool, int]:
        """Whether the table stacks into two columns, and what the entry column can take: the
        screen less the other columns and the scrollbar. It stacks when four columns would leave
        the entry fewer than `STACK_BELOW` cells."""
        table = self.query_one(DataTable)
        room = (self.size.width or self.app.size.width) - table.styles.scrollbar_size_vertical
        beside = room - (DAY_WIDTH + TIME_WIDTH + KIND_WIDTH + 2 * table.cell_padding * 4)
        if beside >= STACK_BELOW:
            return False, beside
        return True, max(MIN_ENTRY_WIDTH, room - DAY_WIDTH - 2 * table.cell_padding * 2)

    @property
    def stacked(self) -> bool:
        """Two columns (when, and the entry with its kind), not four."""
        return self.has_class("-stacked")

    def _columns(self, stacked: bool, width: int) -> None:
        """Four columns, or two when `stacked`, the entry column `width` cells wide."""
        table = self.query_one(DataTable)
        if table.columns and stacked == self.stacked:
            table.ordered_columns[-1].width = width  # the entry column
            return
        self.set_class(stacked, "-stacked")
        table.clear(columns=True)
        if stacked:
            table.add_column("When", key="when", width=DAY_WIDTH)
        else:
            table.add_column("Day", key="day", width=DAY_WIDTH)
            table.add_column("Time", key="time", width=TIME_WIDTH)
            table.add_column("Kind", key="kind", width=KIND_WIDTH)
        table.add_column("Entry", key="what", width=width)

    def on_resize(self, event: Resize) -> None:
        if self._layout() != (self.stacked, self.entry_width):
            self._redraw()
        self._fit_bar()

    title_text = ""
    """What the title line says (the days, the entries, `[ older`)."""

    def _fit_bar(self) -> None:
        """The title beside the kind list, or over it when it would not fit there (then broken
        between its parts, `· [ older` kept whole, if it is wider than the screen too)."""
        bar = self.query_one("#history-bar")
        title = self.query_one("#history-title", Label)
        room = (bar.size.width or self.size.width or self.app.size.width) - bar.styles.gutter.width
        beside = room - self.query_one("#history-kind").outer_size.width - title.styles.margin.width
        stacked = cell_len(self.title_text) > beside
        bar.set_class(stacked, "-stacked")
        title.update("\n".join(pack(clauses(self.title_text), room, " ")) if stacked else self.title_text)

    def _redraw(self) -> None:
        """Lay the page out again (a new width or theme), keeping the highlighted entry."""
        if self.page is not None and self.is_attached:
            self._show_page(self.page)

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the current page again (after an edit, a delete or a change from a shell)."""
        until = self.until or loaders.current_day(self.cramplog.journal.clock, self.cramplog.journal.settings)
        self.asked = (until, self.kind, self.since)
        self.table.turn.wait()
        self.load_page(until, self.kind, self.since)

    @property
    def table(self) -> WaitingTable:
        """The entries; keys typed while a page loads wait for it (`WaitingTable`)."""
        return self.query_one(WaitingTable)

    @work(thread=True, exclusive=True, group="db-history", exit_on_error=False, description="Loading history")
    def load_page(self, until: dt.date, kind: str | None, since: dt.date | None) -> None:
        journal = self.cramplog.journal
        try:
            page = loaders.load_history(journal.repo, journal.settings, journal.clock, until, kind, since=since)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc), read=True))
            self.app.call_from_thread(lambda: self.table.turn.filled())  # no page: keys act on this one
            return
        self.post_message(HistoryLoaded(page))

    @on(HistoryLoaded)
    def _loaded(self, message: HistoryLoaded) -> None:
        # A page asked for before the last `k` or `[` (its thread can't be stopped) may land
        # after the one asked for last: only the page asked for last is shown.
        if not self.is_attached or (message.page.until, message.page.kind, message.page.since) != self.asked:
            return
        try:
            self._show_page(message.page)
            self.table.turn.filled()
        except NoMatches:  # a page that lands while the screen is being closed finds it gone
            pass

    def _show_page(self, page: loaders.HistoryPage) -> None:
        self.page = page
        table = self.query_one(DataTable)
        kept = None if self.to_top else self.selected()  # the same entry stays highlighted
        keep_row = 0 if self.to_top else table.cursor_row
        self.to_top = False
        stacked, width = self._layout()
        self._columns(stacked, width)
        self.entry_width = width
        table.clear()
        self.rows = {}
        groups = self._day_groups(page)
        years = {day.year for day, _ in groups}
        error = Style.parse(self.app.theme_variables.get("text-error", "red")) + Style(bold=True)
        bold = Style(bold=True)
        units, shoes = self.cramplog.journal.settings.units, page.shoes
        last_year: int | None = None
        for day, entries in groups:
            # The year once, where it changes, in the day's own line (`25 Nov 2026` fits the
            # column; a line of its own would read as the date wrapping).
            label = f"{day:%d %b %Y}" if len(years) > 1 and day.year != last_year else f"{day:%a %d %b}"
            last_year = day.year
            cramps = sum(isinstance(e, E.Cramp) for e in entries)
            first_cramp = next((i for i, e in enumerate(entries) if isinstance(e, E.Cramp)), None)
            for index, entry in enumerate(entries):
                cramp = isinstance(entry, E.Cramp)
                kind = KIND_LABELS.get(entry.kind, entry.kind)
                kind_text = Text(f"{CRAMP_MARK} {kind}", style=error) if cramp else Text(kind)
                said = describe(entry, units, shoes, dated=False)
                if stacked:  # the kind is the entry's first word (a run's own word when it says it)
                    said = said if said.startswith(f"{kind} ") else f"{kind_text.plain}  {said}"
                what = self._wrapped(said, width, bold if cramp else Style())
                if stacked:
                    what.stylize(error if cramp else Style(dim=True), 0, len(kind_text.plain))
                # The day heads its first row; the count of cramps sits beside the day's first cramp.
                day_lines = [Text(label, style=bold)] if index == 0 else []
                if index == first_cramp and page.kind != "cramp":
                    day_lines.append(Text(cramp_count(cramps), style=error))
                # The true local time; a night entry filed under the evening before names its
                # own weekday under it (03:17 on Sunday, in Saturday's diary).
                m = moment(entry, self.cramplog.journal.settings.boundary)
                time_text = "" if m.local is None else f"{m.local:%H:%M}" + (f"\n{m.local:%a}" if m.shifted else "")
                time_cell = Text(time_text, style=bold if cramp else "")
                if stacked:
                    cells = [Text("\n").join([*day_lines, time_cell] if time_text else day_lines), what]
                else:
                    cells = [Text("\n").join(day_lines), time_cell, kind_text, what]
                height = max(len(cell.plain.split("\n")) for cell in cells)
                table.add_row(*cells, key=str(entry.id), height=height)  # Text, never markup
                self.rows[entry.id or 0] = entry
        if page.entries:
            row = keep_row
            if kept is not None and kept.id in self.rows:
                row = table.get_row_index(str(kept.id))
            table.move_cursor(row=min(row, table.row_count - 1))
        self._show_title(page, groups)

    def _day_groups(self, page: loaders.HistoryPage) -> list[tuple[dt.date, list[E.Entry]]]:
        """The page's entries by diary day, newest first; entries of the day itself (a check-in,
        which has no time) head their day, the others keep their time order."""
        settings = self.cramplog.journal.settings
        groups: list[tuple[dt.date, list[E.Entry]]] = []
        for entry in page.entries:
            day = E.entry_day(entry, settings.boundary)
            if groups and groups[-1][0] == day:
                groups[-1][1].append(entry)
            else:
                groups.append((day, [entry]))
        return [(day, sorted(entries, key=lambda e: e.date_field is None)) for day, entries in groups]

    @staticmethod
    def _wrapped(text: str, width: int, style: Style) -> Text:
        """`text` on the lines it takes at `width`; past MAX_LINES cut, ending in `…`.

        Lines break after a comma or semicolon where they can (`shoe 'Pegasus 40'` stays whole);
        a clause longer than a line breaks between words.
        """
        lines = clause_lines(text, width)
        if len(lines) > MAX_LINES:
            last = Text(lines[MAX_LINES - 1])
            last.truncate(width - 1)
            lines[MAX_LINES - 1 :] = [last.plain.rstrip() + "…"]
        return Text("\n".join(lines), style=style)

    def _show_title(self, page: loaders.HistoryPage, groups: list[tuple[dt.date, list[E.Entry]]]) -> None:
        what = KIND_LABELS.get(page.kind or "", "") if page.kind else ""
        noun = f"{what} entries" if what else "entries"
        empty = self.query_one("#history-empty", Static)
        empty.display = not page.entries
        empty.update(f"No {noun} up to {page.until:%a %d %b %Y}." if not page.entries else "")
        title = f"up to {page.until:%a %d %b %Y}" if not groups else span_text(groups[0][0], groups[-1][0])
        count = f" · {plural(len(page.entries), 'entry', 'entries')}"  # the kind is beside it
        more = " · [ older" if page.more else ""
        self.title_text = f"{title}{count if page.entries else ''}{more}"
        self._fit_bar()

    # -- actions ---------------------------------------------------------------------------------

    def selected(self) -> E.Entry | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(int(key or 0))

    def action_back(self) -> None:
        """Back where History was opened from: Trends (its cursor kept), else the dashboard."""
        if self.back_to_caller and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.cramplog.navigation.dashboard()

    # The row actions wait, like the table's own keys, for a page asked for before them: `[ d`
    # typed at once deletes the first entry of the older page, not the one highlighted here.

    def action_edit(self) -> None:
        self.table.turn.do(self._edit)

    def _edit(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.cramplog.forms.open(entry.kind, entry)

    @on(DataTable.RowSelected, "#history-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click on the highlighted row) shows a cramp's context, edits any other entry."""
        event.stop()
        entry = self.selected()
        if isinstance(entry, E.Cramp) and entry.id is not None:
            self.cramplog.navigation.show_cramp(entry.id)
        else:
            self._edit()

    def action_delete(self) -> None:
        self.table.turn.do(self._delete)

    def _delete(self) -> None:
        entry = self.selected()
        if entry is not None and entry.id is not None:
            self.cramplog.writes.delete(entry.id)

    def action_next_kind(self) -> None:
        self.table.turn.do(self._next_kind)

    def _next_kind(self) -> None:
        kinds: list[str | None] = [None, *KIND_LABELS]
        self.set_kind(kinds[(kinds.index(self.kind) + 1) % len(kinds)])

    def set_kind(self, kind: str | None) -> None:
        """Show only entries of `kind` (None: all kinds)."""
        select = self.query_one("#history-kind", Select)
        value: Any = kind if kind is not None else Select.NULL
        if select.value != value:
            with select.prevent(Select.Changed):
                select.value = value
        self._new_kind(kind)

    @on(Select.Changed, "#history-kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        self._new_kind(None if event.value is Select.NULL else str(event.value))

    def _new_kind(self, kind: str | None) -> None:
        """The same last day, `kind`'s page up to it (a first day found for another kind goes)."""
        self.kind, self.since = kind, None
        self.left.clear()
        self.reload()

    def action_jump(self) -> None:
        from ..modals.date_prompt import DatePromptModal

        today = loaders.current_day(self.cramplog.journal.clock, self.cramplog.journal.settings)
        self.app.push_screen(DatePromptModal(today), self.jump_to)

    def jump_to(self, day: dt.date | None) -> None:
        """Show entries up to the end of diary day `day` (None: nothing; the prompt was cancelled)."""
        if day is not None:
            self.left.clear()
            self._go(day)

    def _go(self, until: dt.date | None, since: dt.date | None = None) -> None:
        """Show the page ending with diary day `until` (None: today's), from diary day `since`
        when given, its first row highlighted."""
        self.until, self.since = until, since
        self.to_top = True
        self.reload()

    def action_older(self) -> None:
        self.table.turn.do(self._older)

    def _older(self) -> None:
        page = self.page
        if page is None or not page.more:
            return
        if page.since is not None:  # a page found forward holds whole days: the older one ends before it
            self.left.append((self.until, self.since))
            self._go(page.since - dt.timedelta(days=1))
        elif page.entries:
            oldest = E.entry_day(page.entries[-1], self.cramplog.journal.settings.boundary)
            # The oldest day may continue on the next page: start that page with it.
            self.left.append((self.until, self.since))
            self._go(oldest if oldest != page.until else oldest - dt.timedelta(days=1))

    def action_newer(self) -> None:
        self.table.turn.do(self._newer)

    def _newer(self) -> None:
        if self.left:  # back to the very page `[` left
            self._go(*self.left.pop())
            return
        today = loaders.current_day(self.cramplog.journal.clock, self.cramplog.journal.settings)
        if self.until is None or self.until >= today:
            return
        self.table.turn.wait()  # until the newer page is found and shown
        self.find_newer(self.until, self.kind)

    @work(thread=True, group="history-newer", exit_on_error=False, description="Finding the newer page")
    def find_newer(self, after: dt.date, kind: str | None) -> None:
        """A whole page forward, as `[` goes a whole page back (a month at a time crawled
        through a filtered kind)."""
        journal = self.cramplog.journal
        try:
            until = loaders.newer_until(journal.repo, journal.settings, journal.clock, after, kind)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc), read=True))
            until = None
        self.app.call_from_thread(self._found_newer, until, after)

    def _found_newer(self, until: dt.date | None, after: dt.date) -> None:
        """Show the page found, from the day after `after` (or, with none, let the keys typed
        meanwhile act on this one)."""
        if not self.is_attached:
            return
        if until is None:
            self.table.turn.filled()
        else:
            self._go(until, since=after + dt.timedelta(days=1))
