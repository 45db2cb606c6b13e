"""Provides `TrendsScreen`: the weekly summary in words and one chart per tab, over 4 to 52 weeks.

Data is read and aggregated in a thread worker and comes back as a `TrendsScreen.Loaded`
message; charts are drawn on the main thread (plotext keeps global state).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from ...analysis.trends import CHARTS, RANGES, Trends, load_trends
from ..charts import TrendChart

TAB_TITLES = {"cramps": "Cramps", "beverages": "Drinks", "stretching": "Stretching", "running": "Running",
              "minerals": "Mg & K", "shoes": "Shoes"}
DEFAULT_WEEKS = 12


class TrendsScreen(Screen[None]):
    """Weekly trends. Keys 1-4 pick 4, 12, 26 or 52 weeks; left/right switch charts."""

    DEFAULT_CSS = """
    TrendsScreen #trends-summary { height: auto; padding: 0 1; color: $text; }
    TrendsScreen #trends-range { height: 1; padding: 0 1; color: $text-muted; }
    TrendsScreen TabbedContent { height: 1fr; }
    TrendsScreen TabPane { padding: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="trends-back"),
        *(Binding(str(i + 1), f"weeks({n})", f"{n} wk", id=f"trends-{n}-weeks") for i, n in enumerate(RANGES)),
        Binding("right,l", "tab(1)", "Next chart", id="trends-next", show=False),
        Binding("left", "tab(-1)", "Previous chart", id="trends-previous", show=False),
    ]

    class Loaded(Message):
        """Trends for `weeks` weeks, aggregated in the worker."""

        def __init__(self, trends: Trends, weeks: int) -> None:
            super().__init__()
            self.trends = trends
            self.weeks = weeks

    def __init__(self, weeks: int = DEFAULT_WEEKS, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.weeks = weeks
        self.trends: Trends | None = None

    def compose(self) -> ComposeResult:
        yield Static("Loading trends…", id="trends-summary")
        yield Static("", id="trends-range")
        with TabbedContent(id="trends-tabs"):
            for name in CHARTS:
                with TabPane(TAB_TITLES[name], id=f"tab-{name}"):
                    yield TrendChart(id=f"chart-{name}")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.load(self.weeks)

    @work(thread=True, exclusive=True, exit_on_error=False, group="trends", description="Loading trends")
    def load(self, weeks: int) -> None:
        app = self.app
        trends = load_trends(app.repo, app.settings, app.clock, weeks)  # type: ignore[attr-defined]
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(trends, weeks))

    def on_trends_screen_loaded(self, message: Loaded) -> None:
        self.trends = message.trends
        self.query_one("#trends-summary", Static).update(message.trends.summary)
        keys = "  ".join(f"{i + 1} {n} wk" for i, n in enumerate(RANGES))
        self.query_one("#trends-range", Static).update(f"Last {message.weeks} weeks · {keys} · ← → charts · esc back")
        for name in CHARTS:
            self.query_one(f"#chart-{name}", TrendChart).set_chart(message.trends.charts[name])

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "trends" and event.state == WorkerState.ERROR:
            self.query_one("#trends-summary", Static).update(f"Trends unavailable: {event.worker.error}")

    def action_weeks(self, weeks: int) -> None:
        if weeks != self.weeks or self.trends is None:
            self.weeks = weeks
            self.query_one("#trends-range", Static).update(f"Loading {weeks} weeks…")
            self.load(weeks)

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [f"tab-{name}" for name in CHARTS]
        current = ids.index(tabs.active) if tabs.active in ids else 0
        tabs.active = ids[(current + step) % len(ids)]
