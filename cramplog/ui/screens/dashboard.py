"""Provides `DashboardScreen`: today at a glance, and one key per entry kind to log it.

The screen holds no data of its own: the app loads `DashboardData` in a worker and calls
`show()`; until the first load lands the today panel's title says "loading". An empty journal
gets a first-run view that says what to do.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Header, Label, ProgressBar, Static

from ...domain.quantities import format_distance, format_volume
from ...domain.redflags import RedFlag
from ...domain.summary import ago
from ...domain.vocab import label
from ..loaders import HEAT_WEEKS, current_day, worn_shoes
from ..text import DISCLAIMER
from ..widgets.footer import Footer
from ..widgets.red_flag_banner import RedFlagBanner
from ..widgets.scroll_body import ScrollBody

if TYPE_CHECKING:
    from ..app import CramplogApp
    from ..loaders import DashboardData

WIDE = 120
"""From this width the dashboard adds the 7-day strip and the calendar heat map."""

QUICK_KEYS = "c cramp  w drink  s stretch  r run  f food  y symptom  i injury  n no cramps"
NAV_KEYS = "u undo  ctrl+r redo  q quit  ? help  ctrl+p every action"

STAT_TITLES = ("Beverages", "Stretching", "Last cramp", "Runs, 7 days", "Check-in")
"""The today panel's rows, top to bottom."""

LOADING_TITLE = "Today · loading…"
"""The today panel's title until the first load lands (then the day's date)."""

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
        with ScrollBody(id="dashboard-body"):
            with Vertical(id="first-run"):
                yield Static(WELCOME, id="first-run-text", markup=False)
                yield Static(DISCLAIMER, id="first-run-disclaimer", markup=False)
            # The titles are one widget beside a column of values (not a row of widgets per
            # line): every widget costs the first paint its styling and layout.
            with Horizontal(id="today-panel"):
                yield Static("\n".join(STAT_TITLES), id="stat-titles", markup=False)
                with Vertical(id="stat-values"):
                    with Horizontal(classes="stat-row"):
                        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="beverage-bar")
                        yield Label("", id="beverage-text", classes="stat-value")
                    for key in ("stretch", "cramp", "runs", "checkin"):
                        yield Label("", id=f"{key}-text", classes="stat-value")
            yield Static("", id="shoe-notice", markup=False)
            with Horizontal(id="wide-panel"):
                yield Static("", id="week-strip", markup=False)
                yield Static("", id="heat-map", markup=False)
            yield Static(QUICK_KEYS, id="quick-keys", markup=False)
            yield Static(NAV_KEYS, id="nav-keys", markup=False)
        yield Footer(show_command_palette=False)  # ctrl+p is in the key lines above

    def on_resize(self) -> None:
        self.query_one("#wide-panel").display = self.size.width >= WIDE and self._has_data

    _has_data = False
    _shown: DashboardData | None = None
    """The data on screen: the first load often lands between compose and Mount."""

    def on_mount(self) -> None:
        self.query_one("#week-strip").border_title = "Last 7 days"
        self.query_one("#heat-map").border_title = f"Cramp days, last {HEAT_WEEKS} weeks"
        data = self.cramplog.data
        if data is None or data is not self._shown:
            self.query_one("#wide-panel").display = False
            self.query_one("#shoe-notice").display = False
            self.query_one("#first-run").display = False
            # Until the first load lands (a slow disk, a server journal) the title says so; the
            # rows keep their places, so nothing moves when the numbers arrive.
            self.query_one("#today-panel").border_title = LOADING_TITLE
            if data is not None:
                self.show(data)
        self.query_one(RedFlagBanner).display = False
        self.show_flags(self.cramplog.flags)

    def show_flags(self, flags: list[RedFlag]) -> None:
        """Show the most serious active red flags above everything (or hide the banner)."""
        try:
            self.query_one(RedFlagBanner).show_flags(flags, self.cramplog.flag_dates,
                                                     self.cramplog.flags_read)
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
        self._set("#stretch-text", f"{s.stretch_min_today} min today · {s.stretch_min_week} min in 7 days")
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

        settings = self.app.settings  # type: ignore[attr-defined]
        worn = worn_shoes(data, settings, current_day(self.app.clock, settings))  # type: ignore[attr-defined]
        notice = self.query_one("#shoe-notice", Static)
        notice.display = bool(worn)
        notice.update(" · ".join(
            f"Shoe '{shoe.name}' has {format_distance(km, units)} of its "
            f"{format_distance(life, units)} life: worn shoes are one of the factors "
            "Insights looks at (o to retire it)" for shoe, km, life in worn[:2]))
        self._has_data = not first_run
        self.query_one("#wide-panel").display = self.size.width >= WIDE and not first_run
        self.query_one("#week-strip", Static).update(week_strip(data, units))
        self.query_one("#heat-map", Static).update(heat_map(data.cramp_days, s.day))
        self._shown = data

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

            def read(_: None) -> None:  # once closed, not on opening: "Read" only after it was
                self.cramplog.mark_flags_read(flags)

            self.app.push_screen(RedFlagModal(flags), read)


def week_strip(data: DashboardData, units: str) -> str:
    """One line per diary day of the last 7: cramps, drinks, stretching, running."""
    lines = []
    for d in data.days:
        cramps = f"{d.cramps} cramp{'s' * (d.cramps != 1)}" if d.cramps else "no cramps"
        run = f" · {format_distance(d.run_km, units)}" if d.run_km else ""
        lines.append(f"{d.day:%a %d %b}  {cramps:<10} {format_volume(d.drinks_ml, units):>7} · "
                     f"{d.stretch_min} min{run}")
    return "\n".join(lines)


def heat_map(cramp_days: dict[dt.date, int], today: dt.date, weeks: int = HEAT_WEEKS) -> str:
    """Weekday rows by week columns, oldest left: · none, ▒ one cramp, █ two or more."""
    start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    rows = []
    for wd in range(7):
        cells = []
        for w in range(weeks):
            day = start + dt.timedelta(weeks=w, days=wd)
            n = cramp_days.get(day, 0)
            cells.append(" " if day > today else ("█" if n >= 2 else "▒" if n == 1 else "·"))
        rows.append(f"{'MTWTFSS'[wd]} {''.join(cells)}")
    return "\n".join(rows) + "\n  · none  ▒ 1 cramp  █ 2 or more"
