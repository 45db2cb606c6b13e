"""Provides `DashboardScreen`: today at a glance, and one key per entry kind to log it.

The screen holds no data of its own: the app loads `DashboardData` in a worker and calls
`show()`; until the first load lands the today panel's title says "loading". An empty journal
gets a first-run view that says what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Static

from ...analysis.trends import week_start as trends_week_start
from ...domain.describe import describe, moment
from ...domain.experiment import Plan, tonight_word
from ...domain.quantities import format_distance, format_volume
from ...domain.redflags import RedFlag
from ...domain.shoes import wearing_out
from ...domain.summary import DayLine, ago, totals
from ...domain.units import default_cup_ml
from ...domain.vocab import kind_word, label
from ..base import CramplogScreen
from ..fit import clauses
from ..keys import dashboard_bindings, dashboard_lines
from ..loaders import HEAT_WEEKS, LAST_CRAMPS, current_day
from ..text import DISCLAIMER
from ..widgets.key_bar import KeyBar
from ..widgets.packed import Group, Packed, words
from ..widgets.quick_bar import place_quick_bar
from ..widgets.red_flag_banner import RedFlagBanner
from ..widgets.scroll_body import ScrollBody
from ..widgets.title_bar import TitleBar
from ..widgets.today_panel import TodayPanel

if TYPE_CHECKING:
    from ...domain import entries as E
    from ...domain.settings import Settings
    from ..loaders import DashboardData

WIDE = 120
"""From this width the dashboard adds the wide panel (`WidePanel`)."""
RECENT_LINES = 16
"""Entries of today and yesterday listed on the wide dashboard (the rest: History)."""

QUICK_KEYS, NAV_KEYS = dashboard_lines()

NOT_YET = "not yet (n)"
"""Today's check-in before there is one (and the key that makes it "no cramps")."""

LOADING_TITLE = "Today · loading…"
"""The today panel's title until the first load lands (then the day's date)."""


def key_lines(first_run: bool) -> list[Group]:
    """The logging keys, then (once there are entries) the others, dimmed; a key and its word
    stay on one line."""
    quick: Group = (QUICK_KEYS.split("  "), "  ", "")
    if first_run:  # the welcome box above names the others
        return [quick]
    return [quick, (NAV_KEYS.split("  "), "  ", "$foreground-muted")]


def welcome(units: str) -> list[Group]:
    """The first-run box's text, the drink it names in the user's units, and the disclaimer."""
    cup = format_volume(default_cup_ml(units), units)
    return [
        words("Welcome to cramplog: a private cramp journal, kept on this computer."),
        words("After a cramp: press c, type how bad (1-9, 0 means 10), press Enter."),
        (clauses(f"w a drink (Enter saves {cup}) · s stretching · r a run · n no cramps"), " ", ""),
        (clauses("? every key · ctrl+p every action"), " ", ""),
        words(""),
        words(DISCLAIMER, "$foreground-muted italic"),
    ]


class DashboardScreen(CramplogScreen[None]):
    """Today: beverages, stretching, last cramp, runs, check-ins and any red-flag banner."""

    BINDINGS: ClassVar[list[BindingType]] = dashboard_bindings()

    def compose(self) -> ComposeResult:
        # Few widgets, each drawing several lines: every widget costs the first frame its
        # styling, layout and messages, and this frame is the one a person waits for.
        yield TitleBar()
        yield RedFlagBanner(id="red-flag-banner")
        with ScrollBody(id="dashboard-body"):
            yield Packed(id="first-run")
            yield TodayPanel(id="today-panel")
            yield Static("", id="shoe-notice", markup=False)
            yield Packed(key_lines(first_run=False), id="keys")
            # The wide panel goes below the key lines (they stay where they are at 80 columns),
            # mounted the first time the terminal is wide.
        yield KeyBar()  # ctrl+p is in the key lines above

    def on_resize(self) -> None:
        self._place_wide()
        place_quick_bar(self, "#dashboard-body")

    def _place_wide(self) -> None:
        """Show the wide panel when the terminal is wide and the journal has entries, mounting
        it the first time: an 80-column terminal never builds it."""
        wide = self.size.width >= WIDE and self._has_data
        try:
            panel = self.query_one(WidePanel)
        except NoMatches:
            if not wide or self._shown is None:
                return
            panel = WidePanel(id="wide-panel")
            try:
                self.query_one("#dashboard-body").mount(panel)
            except NoMatches:  # called after a refresh, as the app quits
                return
        panel.display = wide
        if wide and self._shown is not None:
            panel.show(self._shown, self.cramplog.journal.settings)

    _has_data = False
    _shown: DashboardData | None = None
    """The data on screen: the first load often lands between compose and Mount."""

    def on_mount(self) -> None:
        data = self.cramplog.feed.data
        if data is None or data is not self._shown:
            self.query_one("#shoe-notice").display = False
            self.query_one("#first-run").display = False
            # Until the first load lands (a slow disk, a server journal) the title says so; the
            # rows keep their places, so nothing moves when the numbers arrive.
            self.query_one("#today-panel").border_title = LOADING_TITLE
            if data is not None:
                self.show(data)
        self.query_one(RedFlagBanner).display = False
        self.show_flags(self.cramplog.feed.flags)

    def show_flags(self, flags: list[RedFlag]) -> None:
        """Show the most serious active red flags above everything (or hide the banner)."""
        try:
            self.query_one(RedFlagBanner).show_flags(
                flags, self.cramplog.feed.flag_dates, self.cramplog.feed.flags_read
            )
            shown = getattr(self, "_shown", None)
            if shown is not None and shown.experiment is not None:  # a flag pauses tonight's arm
                self._show(shown)
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
        units = self.cramplog.journal.settings.units
        first_run = data.total == 0
        self.query_one("#first-run").display = first_run
        if first_run:
            self.query_one("#first-run", Packed).show(welcome(units))
        self.query_one("#keys", Packed).show(key_lines(first_run))
        panel = self.query_one(TodayPanel)
        panel.border_title = f"Today · {s.day:%a %d %b %Y}"
        if s.last_cramp is None:
            cramp = "none logged yet"
        else:
            c = s.last_cramp
            cramp = f"{ago(c.at, data.now)} · {label(c.muscle)}, {c.side} · severity {c.severity}"
            if s.cramps_today:
                cramp += f" · {s.cramps_today} today"
        panel.show(
            {
                "beverages": f"{format_volume(s.beverages_ml, units)} of {format_volume(s.beverage_target_ml, units)}",
                "stretch": f"{s.stretch_min_today} min today · {s.stretch_min_week} min in 7 days",
                "cramp": cramp,
                "runs": f"{s.runs_week} · {format_distance(s.run_km_week, units)}",
                "checkin": f"today: {s.cramps_today_word or NOT_YET} · "
                f"yesterday: {s.cramps_yesterday_word or 'not checked in'}",
                "experiment": experiment_row(data.experiment, s.day, [f.tier for f in self.cramplog.feed.flags]),
            },
            s.beverages_ml,
            s.beverage_target_ml,
        )

        settings = self.cramplog.journal.settings
        worn = wearing_out(
            data.shoes, data.shoe_km, settings.life_km, current_day(self.cramplog.journal.clock, settings)
        )
        notice = self.query_one("#shoe-notice", Static)
        notice.display = bool(worn)
        notice.update(
            " · ".join(
                f"Shoe '{shoe.name}' has {format_distance(wear.km, units)} of its "
                f"{format_distance(wear.life, units)} life: worn shoes are one of the factors "
                "Insights looks at (o to retire it)"
                for shoe, wear in worn[:2]
            )
        )
        self._has_data = not first_run
        self._shown = data
        if self.query(WidePanel):
            self._place_wide()
        else:  # built after the today panel is painted: the first frame costs what it did
            self.call_after_refresh(self._place_wide)

    def action_log(self, kind: str) -> None:
        self.cramplog.forms.open(kind)

    def action_no_cramps(self) -> None:
        self.cramplog.writes.check_in_no_cramps()

    def action_last_cramp(self) -> None:
        """The last cramp's context: the 48 hours before it (History opens any other)."""
        data = self.cramplog.feed.data
        last = data.summary.last_cramp if data is not None else None
        if last is None or last.id is None:
            self.notify("No cramp logged yet: c logs one.", markup=False)
            return
        self.cramplog.navigation.show_cramp(last.id)

    def action_red_flags(self) -> None:
        flags = self.query_one(RedFlagBanner).flags
        if flags:
            from ..modals.red_flag import RedFlagModal

            def read(_: None) -> None:  # once closed, not on opening: "Read" only after it was
                self.cramplog.feed.mark_read(flags)

            self.app.push_screen(RedFlagModal(flags), read)


class WidePanel(Vertical):
    """The wide dashboard's extra rows: the last 7 days, those days against the 7 before, the
    calendar heat map of cramp days, today's and yesterday's entries and the latest cramps."""

    _data: DashboardData | None = None
    _settings: Settings | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="wide-top"):
            yield Static("", id="week-strip", markup=False)
            yield Static("", id="week-compare", markup=False)
        yield HeatMap(id="heat-map")
        with Horizontal(id="wide-bottom"):
            yield Static("", id="recent", markup=False)
            yield Static("", id="last-cramps", markup=False)

    def on_mount(self) -> None:
        self.query_one("#week-strip").border_title = "Last 7 days"
        self.query_one("#week-compare").border_title = "Last 7 days and the 7 before"
        self.query_one("#recent").border_title = "Today and yesterday"
        self.query_one("#last-cramps").border_title = "Latest cramps"
        self._fill()

    def show(self, data: DashboardData, settings: Settings) -> None:
        self._data, self._settings = data, settings
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        data, settings = self._data, self._settings
        if data is None or settings is None:
            return
        units = settings.units
        self.query_one("#week-strip", Static).update(week_strip(data.days[-7:], units))
        self.query_one("#week-compare", Static).update(week_against_week(data.days, units))
        self.query_one(HeatMap).show(data.cramp_days, data.summary.day, data.logged_days, settings.week_start)
        names = {s.id: s.name for s in data.shoes if s.id is not None}
        boundary = settings.boundary
        self.query_one("#recent", Static).update(
            entry_lines(data.recent, units, names, boundary, RECENT_LINES) or "Nothing logged today or yesterday."
        )
        self.query_one("#last-cramps", Static).update(
            entry_lines(data.cramps, units, names, boundary, LAST_CRAMPS, date=True)
            or f"No cramp logged in the last {HEAT_WEEKS} weeks."
        )


class HeatMap(Widget):
    """Cramp days as weekday rows by week columns: as many weeks as the width holds."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"heat-map--none", "heat-map--clear", "heat-map--one", "heat-map--more"}
    DEFAULT_CSS = """
    HeatMap > .heat-map--none { color: $text-muted; }
    HeatMap > .heat-map--clear { color: $text; }
    HeatMap > .heat-map--one { color: $warning; }
    HeatMap > .heat-map--more { color: $error; text-style: bold; }
    """

    _days: dict[dt.date, int] = {}  # replaced by `show`, never changed in place
    _logged: frozenset[dt.date] = frozenset()
    _week_start = "monday"
    _today: dt.date | None = None

    def show(self, cramp_days: dict[dt.date, int], today: dt.date, logged: frozenset[dt.date], week_start: str) -> None:
        self._days, self._today, self._drawn = cramp_days, today, None
        self._logged, self._week_start = logged, week_start
        self._title()
        self.refresh(layout=True)

    def on_resize(self) -> None:
        self._title()

    def _weeks(self) -> int:
        return heat_weeks(self.size.width)

    def _title(self) -> None:
        if self._today is not None:
            self.border_title = f"Cramp days, last {self._weeks()} weeks"

    _drawn: tuple[object, Text] | None = None
    """The last drawing and what it was drawn for (layout asks for it several times a frame)."""

    def render(self) -> Text:
        if self._today is None:
            return Text()
        weeks = self._weeks()
        styles = {glyph: self.get_component_rich_style(f"heat-map--{name}") for name, glyph in HEAT_GLYPHS.items()}
        key = (weeks, tuple(styles.values()))  # a theme change redraws
        if self._drawn is None or self._drawn[0] != key:
            drawn = heat_map(self._days, self._today, weeks, logged=self._logged, week_start=self._week_start)
            self._drawn = key, coloured(drawn, styles)
        return self._drawn[1]


def coloured(plain: str, styles: dict[str, Style]) -> Text:
    """`plain` with each glyph of `styles` in its style: a run of one glyph and the gaps between
    takes one span (a few hundred spans to draw, not one a day)."""
    text = Text(no_wrap=True)
    run, key = "", None
    for char in plain:
        now = char if char in styles else key if char == " " else None
        if now != key:
            text.append(run, styles.get(key or ""))
            run, key = "", now
        run += char
    text.append(run, styles.get(key or ""))
    return text


def week_strip(days: list[DayLine], units: str) -> str:
    """A header and one line per diary day: cramps, the check-in, drinks, stretching, runs."""
    lines = [f"{'':<10}  {'Cramps':>6}  {'Check-in':<14}  {'Drinks':>8}  {'Stretching':>10}  Running"]
    for i, d in enumerate(days):
        said = d.state or (NOT_YET if i == len(days) - 1 else "—")
        run = format_distance(d.run_km, units) if d.run_km else f"{d.runs} run{'s' * (d.runs != 1)}" if d.runs else ""
        lines.append(
            f"{d.day:%a %d %b}  {d.cramps:>6}  {said:<14}  {format_volume(d.drinks_ml, units):>8}  "
            f"{d.stretch_min:>6} min  {run}"
        )
    return "\n".join(lines)


def week_against_week(days: list[DayLine], units: str) -> str:
    """The last 7 diary days beside the 7 before, as counts (today so far)."""
    this, before = days[-7:], days[-14:-7]
    a, b = totals(this), totals(before)

    def span(lines: list[DayLine]) -> str:
        return f"{lines[0].day:%d %b}–{lines[-1].day:%d %b}" if lines else ""

    rows = [
        ("", span(this), span(before)),
        ("Cramps", str(a.cramps), str(b.cramps)),
        ("Cramp days", str(a.cramp_days), str(b.cramp_days)),
        ("Check-ins", str(a.checkin_days), str(b.checkin_days)),
        ("Drinks", format_volume(a.drinks_ml, units), format_volume(b.drinks_ml, units)),
        ("Stretching", f"{a.stretch_min} min", f"{b.stretch_min} min"),
        ("Stretch days", str(a.stretch_days), str(b.stretch_days)),
        ("Runs", f"{a.runs} · {format_distance(a.run_km, units)}", f"{b.runs} · {format_distance(b.run_km, units)}"),
    ]
    return "\n".join(f"{name:<12}  {x:>13}  {y:>13}" for name, x, y in rows)


def entry_lines(
    entries: list[E.Entry], units: str, shoes: dict[int, str], boundary: dt.time, most: int, *, date: bool = False
) -> str:
    """`entries` one a line with their true local time (and date), the rest counted (History has
    them). A night entry is marked `*` and a last line says what the mark means: a drink at 00:40
    on Saturday reads "Sat 00:40*" and counts for Friday's diary (`describe.moment`, the rule
    History, `list` and the report show too; the panels are too narrow for the diary day itself)."""
    lines, marked = [], False
    for e in entries[:most]:
        m = moment(e, boundary)
        when = f"{m.date:%a %d %b}" if date else f"{m.date:%a}"
        if m.local is not None:
            when += f" {m.local:%H:%M}" + ("*" if m.shifted else " ")
        elif not date:
            when += "       "
        marked = marked or m.shifted
        kind = "" if date else f"{kind_word(e.kind):<8}  "
        lines.append(f"{when} {kind}{describe(e, units, shoes, dated=False)}")
    if len(entries) > most:
        lines.append(f"and {len(entries) - most} more: h opens History")
    if marked:
        lines.append(f"* before {boundary:%H:%M}: in the diary of the day before")
    return "\n".join(lines)


def experiment_row(plan: Plan | None, day: dt.date, flag_tiers: list[str]) -> str:
    """The dashboard's Experiment row: tonight's arm and the night, or when it starts ('' none)."""
    if plan is None:
        return ""
    if plan.state(day) == "planned":
        return f"starts {plan.start:%a %d %b} · {plan.nights} nights (ctrl+p Experiment)"
    word = tonight_word(plan, day, flag_tiers)
    if word == "paused":
        return f"paused: a red flag comes first (!) · night {plan.night_number(day)} of {plan.nights}"
    return f"tonight: {word} · night {plan.night_number(day)} of {plan.nights}"


def heat_weeks(width: int) -> int:
    """Weeks a heat map `width` columns wide shows: two columns a week after the day names."""
    return max(1, min(HEAT_WEEKS, (width - 4) // 2))


HEAT_GLYPHS = {"none": "·", "clear": "○", "one": "▒", "more": "█"}
"""Not logged; logged (a check-in or a cramp) without a cramp; one cramp; two or more."""


def heat_map(
    cramp_days: dict[dt.date, int],
    today: dt.date,
    weeks: int,
    *,
    logged: Collection[dt.date] = (),
    week_start: str = "monday",
) -> str:
    """Years and month names over weekday rows by week columns, oldest left: · not logged,
    ○ logged without a cramp (a check-in, as the analysis counts it), ▒ one cramp, █ two or
    more; then the legend and the counts shown. Weeks start as `display.week_start` says."""
    start = trends_week_start(today, week_start) - dt.timedelta(weeks=weeks - 1)
    width = 4 + 2 * weeks
    firsts = [w for w in range(weeks) if (start + dt.timedelta(weeks=w, days=6)).day <= 7]
    years, months = [" "] * width, [" "] * width
    end = 0
    # The week holding a 1st names its month; the first column names its own month only when
    # the next name is far enough off (it took the place of the next one, which was skipped).
    named = ([0] if not firsts or firsts[0] >= 2 else []) + firsts
    for w in named:
        last = start + dt.timedelta(weeks=w, days=6)
        col = 4 + 2 * w
        if col >= end and col + 3 <= width:
            months[col : col + 3] = f"{last:%b}"
            end = col + 4
    januaries = [w for w in firsts if (start + dt.timedelta(weeks=w, days=6)).month == 1]
    for w in januaries:  # each year over the week holding its 1 January
        col = 4 + 2 * w
        if col + 4 <= width:
            years[col : col + 4] = f"{start + dt.timedelta(weeks=w, days=6):%Y}"
    if not januaries or januaries[0] >= 3:  # and the first column's, when it has room
        years[4:8] = f"{start + dt.timedelta(days=6):%Y}"
    rows = ["".join(years).rstrip(), "".join(months).rstrip()]
    seen = set(logged) | set(cramp_days)
    for wd in range(7):
        cells = []
        for w in range(weeks):
            day = start + dt.timedelta(weeks=w, days=wd)
            n = cramp_days.get(day, 0)
            glyph = "more" if n >= 2 else "one" if n == 1 else "clear" if day in seen else "none"
            cells.append(" " if day > today else HEAT_GLYPHS[glyph])
        rows.append(f"{start + dt.timedelta(days=wd):%a} {' '.join(cells)}".rstrip())
    shown = {d: n for d, n in cramp_days.items() if start <= d <= today}
    rows.append(
        f"    · not logged  ○ no cramp  ▒ 1 cramp  █ 2 or more    {sum(shown.values())} cramps on "
        f"{len(shown)} days since {start:%a %d %b %Y}"
    )
    return "\n".join(rows)
