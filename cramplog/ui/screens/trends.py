"""Provides `TrendsScreen`: the weekly summary in words and one chart per tab, over 4 weeks to 10
years (by month past 26 weeks, by quarter past 2 years), with a cursor on one period.

Data is read and aggregated in a thread worker and comes back as a `TrendsScreen.Loaded`
message; the chart is drawn when it lands and at every resize. One chart widget shows the chosen
chart under a one-line tab strip: six tab panes, each with its own chart, took a third of a
second to style and lay out before the screen's first frame.

On a narrow screen (a phone) the range line, the period's numbers and the tab strip break
between their parts (`1-7: 4w 12w …` whole, a tab title with its rule under it), laid out again
at every resize.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...analysis.trends import CHARTS, DEFAULT_WEEKS, RANGES, Trends, load_trends, period_name, range_label
from ..base import CramplogScreen
from ..charts import TrendChart
from ..fit import clauses
from ..in_turn import InTurn
from ..widgets.key_bar import KeyBar
from ..widgets.packed import Packed
from ..widgets.title_bar import TitleBar


def range_name(weeks: int, short: bool = False) -> str:
    """`12 weeks`, `2 years` (short: `12w`, `2y`)."""
    years = weeks > 52 and weeks % 52 == 0
    if short:
        return f"{weeks // 52}y" if weeks % 52 == 0 else f"{weeks}w"
    return f"{weeks // 52} years" if years else f"{weeks} weeks"


TAB_TITLES = {
    "cramps": "Cramps",
    "beverages": "Drinks",
    "stretching": "Stretching",
    "running": "Running",
    "minerals": "Mg & K",
    "shoes": "Shoes",
}


RANGE_KEYS = f"pick the range ({', '.join(map(range_name, RANGES))}, in key order)"
"""What the digit keys do, one range each (their shared tooltip: one line in Help and the docs)."""


class TrendsScreen(CramplogScreen[None]):
    """Trends: a chart at a time over a range, with a cursor on one period (the keys: `BINDINGS`)."""

    DEFAULT_CLASSES = "-toasts-top"
    """Toasts over the title lines, not the rows (app.tcss)."""

    HELP_TITLE = "Trends"
    AUTO_FOCUS = None
    """Nothing here takes keys of its own: the screen's bindings get them all."""

    DEFAULT_CSS = """
    TrendsScreen #trends-summary { height: auto; padding: 0 1; color: $text; }
    TrendsScreen #trends-range { height: auto; padding: 0 1; color: $text-muted; }
    TrendsScreen #trends-week { height: auto; padding: 0 1; }
    TrendsScreen #trends-tabs { height: auto; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="trends-back", tooltip="back to the dashboard"),
        # Tab moves between charts as between browser tabs; [ ] page History, so not here.
        Binding("tab", "tab(1)", "Next chart", id="trends-next", key_display="⇥", priority=True, tooltip="next chart"),
        Binding(
            "shift+tab",
            "tab(-1)",
            "Previous chart",
            id="trends-previous",
            show=False,
            priority=True,
            tooltip="previous chart",
        ),
        # Priority: the tab strip would otherwise take ← and → to switch charts (Tab does that).
        Binding(
            "left",
            "week(-1)",
            "Earlier",
            id="trends-week-back",
            key_display="←",
            priority=True,
            tooltip="the period before (the cursor, ▲, moves there and its numbers show above the chart); "
            "past the oldest, the next longer range opens on the period before",
        ),
        Binding(
            "right",
            "week(1)",
            "Later",
            id="trends-week-on",
            key_display="→",
            priority=True,
            tooltip="the period after",
        ),
        Binding(
            "enter",
            "open_week",
            "In History",
            id="trends-open-week",
            key_display="⏎",
            tooltip="History on the period under the cursor (Escape there comes back here)",
        ),
        *(
            Binding(str(i + 1), f"weeks({n})", range_name(n), id=f"trends-{n}-weeks", show=False, tooltip=RANGE_KEYS)
            for i, n in enumerate(RANGES)
        ),
    ]
    """The one statement of Trends' keys: the footer's word (`description`), what each does
    (`tooltip`: the footer's hover, Help and docs/tui.md's table read it)."""

    class Loaded(Message):
        """Trends for `weeks` weeks, aggregated in the worker."""

        def __init__(self, trends: Trends, weeks: int) -> None:
            super().__init__()
            self.trends = trends
            self.weeks = weeks

    def __init__(self, weeks: int | None = None, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.weeks = weeks or DEFAULT_WEEKS
        self.asked_weeks = weeks is not None
        self.tab = CHARTS[0]
        """The chart shown (a name in `CHARTS`)."""
        self.trends: Trends | None = None
        self.cursor: int | None = None
        """Index of the period under the cursor in `trends.periods` (None: the newest)."""
        self.turn = InTurn()
        """Cursor steps and Enter typed while the range loads wait for it."""
        self.cursor_day: dt.date | None = None
        """A day the cursor goes to once the range asked for is in (← past the oldest period)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Loading trends…", id="trends-summary")
        yield Packed(id="trends-range")
        yield Packed(id="trends-week")
        yield Static("", id="trends-tabs")
        yield TrendChart(id="trends-chart")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.HELP_TITLE
        # The tab and range of the last visit (kept across sessions), unless a range was asked for.
        tab, weeks = self.cramplog.trends.get()
        if weeks in RANGES and not self.asked_weeks:
            self.weeks = weeks
        if tab in CHARTS:
            self.tab = tab
        self._show_tabs()
        self.reload()

    def reload(self) -> None:
        """Load the range again (the journal changed); the cursor stays on its week."""
        self.turn.wait()
        self.load(self.weeks)

    @work(thread=True, exclusive=True, exit_on_error=False, group="trends", description="Loading trends")
    def load(self, weeks: int) -> None:
        journal = self.cramplog.journal
        trends = load_trends(journal.repo, journal.settings, journal.clock, weeks)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(trends, weeks))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The cursor keys belong to the weekly charts; the shoe chart has no weeks, so there
        they are hidden from the footer (not greyed: it offers only what works here)."""
        return not (action in ("week", "open_week") and self.tab == "shoes")

    def on_trends_screen_loaded(self, message: Loaded) -> None:
        if message.weeks != self.weeks:
            return  # an earlier range, overtaken by a key typed while it loaded
        trends = self.trends = message.trends
        self.cursor = None if self.cursor is None else min(self.cursor, len(trends.periods) - 1)
        if self.cursor_day is not None:
            day, self.cursor_day = self.cursor_day, None
            self.cursor = max((i for i, p in enumerate(trends.periods) if p.start <= day), default=0)
        self.query_one("#trends-summary", Static).update(trends.summary)
        self._fit("#trends-range", self._range_text(message.weeks))
        self._remember()
        self.show_week()
        self._draw()
        self.turn.filled()

    def _range_text(self, weeks: int) -> str:
        assert self.trends is not None
        keys = f"1-{len(RANGES)}: " + " ".join(range_name(n, short=True) for n in RANGES)
        if not self.trends.periods:
            per = f" by {self.trends.per}" if self.trends.by_month else ""
            return f"{range_name(weeks).capitalize()}{per} · {keys}"
        return f"{range_label(self.trends.periods, self.trends.per)} · {keys}"

    def _index(self) -> int:
        """The period under the cursor (the newest until ← is pressed)."""
        last = len(self.trends.periods) - 1 if self.trends else 0
        return last if self.cursor is None else max(0, min(self.cursor, last))

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "trends" and event.state == WorkerState.ERROR:
            self.query_one("#trends-summary", Static).update(f"Trends unavailable: {event.worker.error}")
            self.turn.filled()  # no weeks are coming: the keys that waited act on what is shown

    def _remember(self) -> None:
        self.cramplog.trends.remember(self.tab, self.weeks)

    def _draw(self) -> None:
        """The chosen chart, with the cursor on its period (the shoe chart has none)."""
        if self.trends is not None:
            cursor = None if self.tab == "shoes" else self._index()
            self.query_one(TrendChart).set_chart(self.trends.charts[self.tab], cursor)

    def _show_tabs(self) -> None:
        """The tab strip: every chart's title (a click shows it), the chosen one underlined; as
        many lines of them, each over its rule, as the width needs."""
        strip = self.query_one("#trends-tabs", Static)
        room = strip.content_size.width or (self.size.width or self.app.size.width) - 2
        rows: list[list[str]] = [[]]
        for name in CHARTS:
            if rows[-1] and sum(len(TAB_TITLES[n]) + 3 for n in rows[-1]) + len(TAB_TITLES[name]) + 2 > room:
                rows.append([])
            rows[-1].append(name)
        lines = []
        for row in rows:
            titles, rule = [], []
            for name in row:
                title = TAB_TITLES[name]
                style = "bold $foreground" if name == self.tab else "$foreground-muted"
                titles.append(f"[@click=screen.show_tab('{name}')][{style}] {title} [/][/]")
                mark = "━" if name == self.tab else "─"
                rule.append(f"[{'$accent' if name == self.tab else '$panel-lighten-2'}]{mark * (len(title) + 2)}[/]")
            lines += [" ".join(titles), "[$panel-lighten-2]─[/]".join(rule)]
        strip.update("\n".join(lines))

    def show_week(self) -> None:
        """The numbers of the week or month under the cursor, in the settings' units."""
        if self.trends is None or not self.trends.periods:
            return
        from ...domain.quantities import format_distance, format_volume

        w = self.trends.periods[self._index()]
        units = self.cramplog.journal.settings.units
        parts = [f"{period_name(w.start, self.trends.per)}: {w.logged_days} of {w.days} days logged"]
        if w.cramps is not None:
            sev = f", mean severity {w.mean_severity:.1f}" if w.mean_severity is not None else ""
            parts.append(f"{w.cramps} cramp{'s' * (w.cramps != 1)}{sev}")
        if w.beverages_ml is not None:
            water = f" (water {format_volume(w.water_ml or 0, units)})"
            parts.append(f"drinks {format_volume(w.beverages_ml, units)} a day{water}")
        if w.stretch_min is not None:
            parts.append(f"{w.stretch_min:.0f} min stretching")
        if w.run_km is not None:
            parts.append(f"{format_distance(w.run_km, units)} run")
        self._fit("#trends-week", " · ".join(parts))

    def _fit(self, selector: str, text: str) -> None:
        """Show `text` in `selector`, broken between its parts where it is wider than the screen."""
        self.query_one(selector, Packed).show([(clauses(text), " ", "")])

    def on_resize(self) -> None:
        self._show_tabs()

    def action_week(self, step: int) -> None:
        self.turn.do(partial(self._week, step))

    def _week(self, step: int) -> None:
        if self.trends is None or not self.trends.periods:
            return
        if step < 0 and self._index() == 0 and self.weeks < RANGES[-1]:
            # Past the oldest period: the next longer range, the cursor on the period before.
            self.cursor_day = self.trends.periods[0].start - dt.timedelta(days=1)
            self.action_weeks(next(n for n in RANGES if n > self.weeks))
            return
        self.cursor = max(0, min(len(self.trends.periods) - 1, self._index() + step))
        self.show_week()
        self.query_one(TrendChart).set_cursor(self.cursor)

    def action_open_week(self) -> None:
        """Open History on the last day of the week or month under the cursor."""
        self.turn.do(self._open_week)

    def _open_week(self) -> None:
        if self.trends is None or not self.trends.periods:
            return
        self.cramplog.navigation.open_history(self.trends.periods[self._index()].end, back_to_caller=True)

    def action_weeks(self, weeks: int) -> None:
        if weeks != self.weeks or self.trends is None:
            self.weeks, self.cursor = weeks, None
            self._fit("#trends-range", f"Loading {range_name(weeks)}…")
            self.reload()

    def action_tab(self, step: int) -> None:
        self.action_show_tab(CHARTS[(CHARTS.index(self.tab) + step) % len(CHARTS)])

    def action_show_tab(self, name: str) -> None:
        """By key or by a click: draw it, remember it, offer the cursor keys only where there are weeks."""
        if name not in CHARTS or name == self.tab:
            return
        self.tab = name
        self._show_tabs()
        self._draw()
        self._remember()
        self.refresh_bindings()
