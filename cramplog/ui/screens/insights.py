"""Provides `InsightsScreen`: red flags first, then one table row per finding, strongest first.

Each row: a verdict badge, the natural frequencies (cramp days out of days with and without the
factor), and a text forest plot of the range around 1. Factors of one family (built from the same
diary data) sit together under the strongest of them. Enter opens a row's sentence and caveats;
the disclaimer is shown once. A young journal shows its progress toward the gates instead of a
table of empty rows. The analysis runs in a thread worker (pandas is imported there, not at
startup); the words come from `analysis.present`, laid out here.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Markdown, Static
from textual.worker import get_current_worker

from ..base import CramplogScreen
from ..fit import clauses, pack
from ..widgets.key_bar import KeyBar
from ..widgets.title_bar import TitleBar
from ..widgets.waiting_table import WaitingTable

BADGES = {
    "consistent_pattern": ("■ pattern", "bold $warning"),
    "early_hint": ("▲ hint", "$accent"),
    "no_clear_link": ("○ unclear", ""),
    "not_analysed": ("– n/a", "dim"),
    "not_enough_data": ("· too few", "dim"),
}
"""Verdict badge text per status (the full label is in the expanded row)."""

FOREST_WIDTH = 13
STACK_BELOW = 16
"""Below this many cells for the factor's name beside the other columns, the row stacks."""
FOREST_LOW, FOREST_HIGH = 1 / 8, 8.0
"""The forest plot's scale: a ratio of 1/8 at the left edge, 8 at the right, 1 in the middle."""


def forest(low: float | None, estimate: float | None, high: float | None, width: int = FOREST_WIDTH) -> str:
    """A text forest plot on a log scale: `──┼──●───` (│ marks 1 when the range misses it)."""
    if low is None or estimate is None or high is None or not math.isfinite(estimate) or estimate <= 0:
        return ""
    span = math.log(FOREST_HIGH) - math.log(FOREST_LOW)

    def col(x: float) -> int:
        if x <= 0:
            return 0
        if not math.isfinite(x):
            return width - 1
        return max(0, min(width - 1, round((math.log(x) - math.log(FOREST_LOW)) / span * (width - 1))))

    cells = [" "] * width
    a, b, one = col(low), col(high), col(1.0)
    for i in range(a, b + 1):
        cells[i] = "─"
    cells[one] = "┼" if low <= 1 <= high else "│"
    if low < FOREST_LOW:
        cells[0] = "◂"
    if not math.isfinite(high) or high > FOREST_HIGH:
        cells[-1] = "▸"
    cells[col(estimate)] = "●"
    return "".join(cells)


def strength(finding: Any) -> float:
    """How far the finding is from 1 (log scale); 0 without a figure."""
    ratio = finding.odds_ratio
    if ratio is None or not math.isfinite(ratio) or ratio <= 0:
        return 0.0
    return abs(math.log(ratio))


def ordered(findings: list[Any]) -> list[tuple[Any, bool]]:
    """Rows in display order, as (finding, is a family member under another): strongest verdict
    first, then the strongest figure; a family follows its strongest member."""
    from ...analysis.present import ORDER, SHOWN

    shown = [f for f in findings if f.status in SHOWN]
    shown.sort(key=lambda f: (ORDER.index(f.status), -strength(f), f.title))
    out: list[tuple[Any, bool]] = []
    placed: set[str] = set()
    for f in shown:
        if f.key in placed:
            continue
        out.append((f, False))
        placed.add(f.key)
        if f.family:
            for g in shown:
                if g.family == f.family and g.key not in placed:
                    out.append((g, True))
                    placed.add(g.key)
    return out


def frequency(finding: Any, exposed: bool) -> str:
    """'5 of 12' cramp days out of the days with (or without) the factor; for a medicine or a
    diet change, '3 in 40': cramps in the logged days after (or before) it."""
    counts = finding.counts
    if finding.kind == "before_after":
        side = "after" if exposed else "before"
        return f"{counts.get(f'{side}_cramps', 0)} in {counts.get(f'{side}_days', 0)}"
    prefix = "exposed" if exposed else "unexposed"
    return f"{counts.get(f'{prefix}_cramp_days', 0)} of {counts.get(f'{prefix}_days', 0)}"


class InsightsScreen(CramplogScreen[None]):
    """What goes with your cramps, a row per finding (the keys: `BINDINGS`)."""

    DEFAULT_CLASSES = "-toasts-top"
    """Toasts over the title lines, not the rows (app.tcss)."""

    HELP_TITLE = "Insights"

    DEFAULT_CSS = """
    InsightsScreen #insights-flags { height: auto; padding: 0 1; }
    InsightsScreen #insights-summary { height: auto; padding: 0 1; color: $text-muted; }
    InsightsScreen #insights-progress { height: auto; padding: 0 1; display: none; }
    InsightsScreen #insights-table { height: auto; max-height: 1fr; }
    InsightsScreen #insights-detail { height: auto; padding: 0 1; border: round $panel-lighten-2;
                                      display: none; }
    InsightsScreen #insights-legend { height: auto; padding: 0 1; color: $text-muted; }
    InsightsScreen #insights-others { height: auto; padding: 0 1; color: $text-muted; }
    InsightsScreen #insights-disclaimer { height: auto; padding: 0 1; color: $text-muted; }
    InsightsScreen #insights-how { display: none; height: auto; padding: 0 1; }
    InsightsScreen.show-how #insights-how { display: block; }
    InsightsScreen.show-how #insights-body { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="insights-back", tooltip="back to the dashboard"),
        Binding(
            "enter",
            "expand",
            "Open row",
            id="insights-open",
            key_display="⏎",
            show=False,
            tooltip="open the highlighted row: its sentence and caveats, under the table",
        ),
        Binding("m", "toggle_how", "Method", id="insights-how", tooltip="show how it is calculated (m again hides it)"),
    ]
    """The one statement of Insights' keys: the footer's word (`description`), what each does
    (`tooltip`: the footer's hover, Help and docs/tui.md's table read it)."""

    class Loaded(Message):
        """The analysis finished (`insights`) or failed (`error`)."""

        def __init__(self, insights: Any = None, error: str | None = None) -> None:
            super().__init__()
            self.insights = insights
            self.error = error

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.insights: Any = None
        self.rows: dict[str, Any] = {}
        """Row key (`Finding.key`: one per medicine and diet change) -> the presentation card."""
        self.open_row: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="insights-flags")
        yield Static("Analysing your diary…", id="insights-summary")
        with VerticalScroll(id="insights-body"):
            yield Static("", id="insights-progress", markup=False)
            yield Static("", id="insights-legend", markup=False)
            yield WaitingTable(id="insights-table", cursor_type="row", show_cursor=True)
            yield Static("", id="insights-detail", markup=False)
            yield Static("", id="insights-others", markup=False)
            yield Static("", id="insights-disclaimer", markup=False)
        yield Markdown("", id="insights-how")
        yield KeyBar()

    laid_out: tuple[int, int] = (0, 0)
    """The table's width and rows the last layout was for (a resize lays it out again)."""

    def _table_room(self, table: DataTable[Any]) -> int:
        """The cells the table's columns can take: its box less a scrollbar's room."""
        body = self.query_one("#insights-body")
        return (body.scrollable_content_region.width or self.size.width) - table.styles.scrollbar_size_vertical

    def on_resize(self) -> None:
        table = self.query_one(WaitingTable)
        if self.last is not None and self._table_room(table) != self.laid_out[0]:
            self._show(self.last)

    last: Loaded | None = None
    """The last analysis shown (laid out again at a new width)."""

    def on_mount(self) -> None:
        self.sub_title = "Insights"
        table = self.query_one(WaitingTable)
        table.display = False
        table.focus()
        self.reload()

    def reload(self) -> None:
        """Run the analysis again (the journal changed); keys typed meanwhile wait for its rows."""
        self.query_one(WaitingTable).turn.wait()
        self.analyse()

    def action_toggle_how(self) -> None:
        self.toggle_class("show-how")

    @work(thread=True, exclusive=True, exit_on_error=False, group="insights", description="Analysing")
    def analyse(self) -> None:
        journal = self.cramplog.journal
        try:
            from ...analysis.insights import insights_for_repository  # pandas: ~0.4 s, so here
            from ..loaders import current_day

            clock, settings = journal.clock, journal.settings
            # The diary day, as the CLI's: at 01:00 "today" is still the evening before.
            result = insights_for_repository(journal.repo, settings, current_day(clock, settings), clock.now())
        except Exception as exc:
            if not get_current_worker().is_cancelled:
                self.post_message(self.Loaded(error=f"Could not analyse the journal: {exc}"))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(result))

    def on_insights_screen_loaded(self, message: Loaded) -> None:
        self.last = message
        self._show(message)
        self.query_one(WaitingTable).turn.filled()

    def _show(self, message: Loaded) -> None:
        if message.error is not None:
            self.query_one("#insights-summary", Static).update(escape(message.error))
            return
        from ...analysis.present import present

        result = self.insights = message.insights
        view = present(result)
        lines = []
        for f in view.flags:
            style = "bold $error" if f.tier in ("emergency", "urgent") else "$warning"
            lines.append(f"[{style}]{escape(f.line)}[/]")
        self.query_one("#insights-flags", Static).update("\n".join(lines))
        self.query_one("#insights-summary", Static).update(escape(view.summary))
        cards = {c.key: c for c in view.cards}
        progress = view.progress
        progress_widget = self.query_one("#insights-progress", Static)
        progress_widget.update(
            f"Toward the first insights: {progress}. Keep logging every day, including days without cramps (n)."
            if progress
            else ""
        )
        progress_widget.display = bool(progress)
        table = self.query_one(DataTable)
        rows = ordered(result.findings)
        # The legend explains the table: without a row (an empty or young journal) it is not shown.
        legend = self.query_one("#insights-legend", Static)
        legend.update(
            "With / Without: cramp days of days with / without it (a medicine or diet: "
            "cramps in the days after / before). ⏎ opens a row."
        )
        legend.display = bool(rows)
        # Rows are replaced in one go (clear then add, no await in between): no flicker.
        cursor = table.cursor_row
        cells = []
        for finding, member in rows:
            card = cards.get(finding.key)
            title = ("└ " if member else "") + (card.heading if card else finding.title)
            cells.append((finding, card, title, frequency(finding, True), frequency(finding, False)))
        # Counts are never cut (a cut "281 of 3599" reads as "281 of 359"): the columns fit them,
        # and the factor's name takes what is left, on two lines or more when it must. Where that
        # leaves it too little (a phone), the badge, the name and the counts stack in one column
        # beside the plot.
        with_w = max([len("With")] + [len(c[3]) for c in cells])
        without_w = max([len("Without")] + [len(c[4]) for c in cells])
        room = self._table_room(table)
        factor_w = room - (9 + with_w + without_w + FOREST_WIDTH + 2 * 5)  # each column has a cell of padding
        stacked = factor_w < STACK_BELOW
        self.set_class(stacked, "-stacked")
        self.laid_out = (room, len(cells))
        factor_w = min(factor_w, max([6] + [len(c[2]) for c in cells]))
        columns = [
            ("Verdict", "verdict", 9),
            ("Factor", "factor", factor_w),
            ("With", "with", with_w),
            ("Without", "without", without_w),
        ]
        if stacked:
            factor_w = max(STACK_BELOW, room - FOREST_WIDTH - 2 * 2)
            columns = [("Factor", "factor", factor_w)]
        table.clear(columns=True)
        for label, key, width in (*columns, ("less  1  more", "forest", FOREST_WIDTH)):
            table.add_column(label, key=key, width=width)
        self.rows = {}
        for finding, card, title, with_text, without_text in cells:
            badge, style = BADGES[finding.status]
            badge_text = Text(badge, style=style.replace("$warning", "yellow").replace("$accent", "cyan"))
            plot = forest(finding.ci_low, finding.odds_ratio, finding.ci_high)
            names = pack(title.split(" "), factor_w, " ")
            if stacked:
                counts = pack(clauses(f"With {with_text} · Without {without_text}"), factor_w, " ")
                cell = [badge_text, *(Text(line) for line in names), *(Text(line, style="dim") for line in counts)]
                table.add_row(Text("\n").join(cell), plot, key=finding.key, height=len(cell))
            else:
                table.add_row(
                    badge_text, "\n".join(names), with_text, without_text, plot, key=finding.key, height=len(names)
                )
            self.rows[finding.key] = card
        table.display = bool(rows)
        if rows:
            table.move_cursor(row=min(max(cursor, 0), len(rows) - 1))
        self.query_one("#insights-others", Static).update(view.others if rows or not progress else "")
        self.query_one("#insights-disclaimer", Static).update(view.disclaimer)
        self.query_one("#insights-how", Markdown).update(how_markdown(view))
        if self.open_row in self.rows:
            self._show_detail(self.open_row)

    @on(DataTable.RowSelected, "#insights-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        if self.open_row == key:
            self.open_row = None
            self.query_one("#insights-detail").display = False
            return
        self._show_detail(key)

    def insights_status(self, factor: str) -> str:
        """The status of `factor` in the last analysis (for tests and screen readers)."""
        return str(next(f.status for f in self.insights.findings if f.factor == factor))

    def action_expand(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.action_select_cursor()

    def _show_detail(self, key: str) -> None:
        card = self.rows.get(key)
        detail = self.query_one("#insights-detail", Static)
        if card is None:
            detail.display = False
            return
        self.open_row = key
        figure = f"Ratio {card.figure}. " if card.figure != "—" else ""
        text = f"{card.heading}: {card.status_label}. {figure}\n{card.sentence}"
        text += "".join(f"\n· {c}" for c in card.caveats)
        detail.update(text)
        detail.display = True


def how_markdown(view: Any) -> str:
    """The "how this is calculated" panel: this journal's method note and each definition."""
    lines = ["# How this is calculated", "", view.method_note, "", "## Definitions", ""]
    lines += [f"- {d}" for d in view.definitions]
    lines += [
        "",
        "Red flags are separate safety rules: they are checked on every entry and never depend on these statistics.",
    ]
    return "\n".join(lines)
