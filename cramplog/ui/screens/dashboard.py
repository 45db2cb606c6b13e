"""Provides `DashboardScreen`: today at a glance, and one key per entry kind to log it.

The screen holds no data of its own: the app loads `DashboardData` in a worker and calls
`show()`. An empty journal gets a first-run view that says what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ProgressBar, Static

from ...domain.quantities import format_distance, format_volume
from ...domain.redflags import RedFlag
from ...domain.summary import ago
from ...domain.vocab import label
from ..text import DISCLAIMER
from ..widgets.red_flag_banner import RedFlagBanner

if TYPE_CHECKING:
    from ..app import CramplogApp
    from ..loaders import DashboardData

QUICK_KEYS = "c cramp  w drink  s stretch  r run  f food  y symptom  i injury  n no cramps"
NAV_KEYS = "u undo  ctrl+r redo  q quit  ? help  ctrl+p every action"

WELCOME = (
    "Welcome to cramplog: a private cramp journal, kept on this computer.\n"
    "After a cramp: press c, type how bad (1-9, 0 means 10), press Enter.\n"
    "w a drink (Enter saves 250 ml) · s stretching · r a run · n no cramps\n"
    "? every key · ctrl+p every action"
)


class DashboardScreen(Screen[None]):
    """Today: beverages, stretching, last cramp, runs, check-ins and any red-flag banner."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in the footer only: the app's priority bindings act on these keys on every screen.
        Binding("c", "app.log('cramp')", "Cramp", id="show-cramp"),
        Binding("w", "app.log('drink')", "Drink", id="show-drink"),
        Binding("h", "app.history", "History", id="show-history"),
        Binding("t", "app.trends", "Trends", id="show-trends"),
        Binding("a", "app.insights", "Insights", id="show-insights"),
        Binding("o", "app.settings", "Settings", id="show-settings"),
        Binding("exclamation_mark", "red_flags", "Red flags", id="show-red-flags", show=False),
    ]

    @property
    def cramplog(self) -> CramplogApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield RedFlagBanner(id="red-flag-banner")
        with VerticalScroll(id="dashboard-body"):
            with Vertical(id="first-run"):
                yield Static(WELCOME, id="first-run-text", markup=False)
                yield Static(DISCLAIMER, id="first-run-disclaimer", markup=False)
            with Vertical(id="today-panel"):
                with Horizontal(classes="stat-row"):
                    yield Label("Beverages", classes="stat-label")
                    yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="beverage-bar")
                    yield Label("", id="beverage-text", classes="stat-value")
                for key, title in (("stretch", "Stretching"), ("cramp", "Last cramp"),
                                   ("runs", "Runs this week"), ("checkin", "Check-in")):
                    with Horizontal(classes="stat-row"):
                        yield Label(title, classes="stat-label")
                        yield Label("", id=f"{key}-text", classes="stat-value")
            yield Static(QUICK_KEYS, id="quick-keys", markup=False)
            yield Static(NAV_KEYS, id="nav-keys", markup=False)
        yield Footer(show_command_palette=False)  # ctrl+p is in the key lines above

    def on_mount(self) -> None:
        self.query_one("#today-panel").border_title = "Today"
        self.query_one("#first-run").display = False
        self.query_one(RedFlagBanner).display = False
        data = self.cramplog.data
        if data is not None:
            self.show(data)
        self.show_flags(self.cramplog.flags)

    def show_flags(self, flags: list[RedFlag]) -> None:
        """Show the most serious active red flags above everything (or hide the banner)."""
        try:
            self.query_one(RedFlagBanner).show_flags(flags)
        except NoMatches:
            pass

    def show(self, data: DashboardData) -> None:
        """Fill every tile from `data` (ignored while the screen is being torn down)."""
        try:
            self._show(data)
        except NoMatches:  # a load that lands as the app quits finds its widgets gone
            pass

    def _show(self, data: DashboardData) -> None:
        s = data.summary
        units = self.cramplog.settings.units
        first_run = data.total == 0
        self.query_one("#first-run").display = first_run
        self.query_one("#nav-keys").display = not first_run
        self.query_one("#today-panel").border_title = f"Today · {s.day:%a %d %b %Y}"

        bar = self.query_one("#beverage-bar", ProgressBar)
        # After the refresh: the bar rounds its fill to half cells of its width *when set*, so a
        # value set before layout (width 0) would draw half a cell off.
        self.call_after_refresh(bar.update, total=max(1, s.beverage_target_ml),
                                progress=min(s.beverages_ml, s.beverage_target_ml))
        self._set("#beverage-text", f"{format_volume(s.beverages_ml, units)} of "
                                    f"{format_volume(s.beverage_target_ml, units)}")
        self._set("#stretch-text", f"{s.stretch_min_today} min today · {s.stretch_min_week} min this week")
        if s.last_cramp is None:
            cramp = "none logged yet"
        else:
            c = s.last_cramp
            cramp = f"{ago(c.at, data.now)} · {label(c.muscle)}, {c.side} · severity {c.severity}"
            if s.cramps_today:
                cramp += f" · {s.cramps_today} today"
        self._set("#cramp-text", cramp)
        self._set("#runs-text", f"{s.runs_week} · {format_distance(s.run_km_week, units)}")
        today = "today ✓" if s.checked_in_today else "today not yet (n)"
        yesterday = "yesterday ✓" if s.checked_in_yesterday else "yesterday not checked in"
        self._set("#checkin-text", f"{today} · {yesterday}")

    def _set(self, selector: str, text: str) -> None:
        self.query_one(selector, Label).update(text)

    def action_log(self, kind: str) -> None:
        self.cramplog.action_log(kind)

    def action_no_cramps(self) -> None:
        self.cramplog.action_no_cramps()

    def action_red_flags(self) -> None:
        flags = self.query_one(RedFlagBanner).flags
        if flags:
            from ..modals.red_flag import RedFlagModal

            self.app.push_screen(RedFlagModal(flags))
