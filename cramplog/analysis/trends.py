"""Provides the weekly trends: the daily frame summed into weeks, one plain series per chart.

Built on `analysis.frame.daily_frame`; everything handed out is lists and dataclasses, so the
CLI, the TUI and the report never see pandas. A week without a single logged diary day is a gap
(`None`), never a zero. pandas is imported inside the functions (about 230 ms).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any

from ..domain import units
from ..domain.clock import day_start, diary_day
from ..domain.entries import Run, Shoe
from ..domain.quantities import format_distance, format_volume
from ..domain.record import record
from ..domain.shoes import life_of
from ..domain.summary import plural
from ..domain.vocab import CONTEXTS, label

if TYPE_CHECKING:
    import pandas as pd

    from ..domain.clock import Clock
    from ..domain.entries import Entry
    from ..domain.settings import Settings
    from ..storage.repository import JournalRepository

CHARTS = ("cramps", "beverages", "stretching", "running", "minerals", "shoes")
"""Chart names, in display order; `cramplog trends --chart NAME` takes one of them."""
RANGES = (4, 12, 26, 52, 104, 260, 520)
"""Week ranges offered by the Trends screen: 4 weeks to 10 years."""
DEFAULT_WEEKS = 12
"""The weeks Trends, `cramplog trends` and the clinician report cover unless told otherwise."""


def weeks_back(end: dt.date, weeks: int = DEFAULT_WEEKS) -> dt.date:
    """The first diary day of the `weeks` weeks that end with `end`, `end` included."""
    return end - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)


PERIODS = ("week", "month", "quarter")
TERMINAL_BARS = 26
"""The most bars a terminal chart draws: at 80 columns 52 weekly bars would be one column each,
26 are about three. Past 26 weeks the charts go by calendar month, past 26 months by quarter."""
SUMMARY_WEEKS = 4
"""The summary compares this week with this many weeks before it."""
LOAD_HISTORY_DAYS = 28
"""Days read before the first week shown, so its acute:chronic load ratio has its history."""


@record
class Series:
    """One bar series; `None` marks a gap (nothing logged), distinct from 0."""

    label: str
    values: list[float | None]


@record
class ChartData:
    """Everything a renderer needs for one chart, one category (week or shoe) per label."""

    name: str
    title: str
    labels: list[str]
    series: list[Series]
    years: list[str] = field(default_factory=list)
    """The year of each category, drawn on a line under the labels where it changes (empty: none)."""
    unit: str = ""
    stacked: bool = False
    whole: bool = False
    """Values are counts: the y axis gets whole-number ticks."""
    reference: float | None = None
    """A horizontal reference line (target, 100% of reference)."""
    reference_label: str = ""
    limits: list[float | None] = field(default_factory=list)
    """A reference per category (each shoe's life)."""
    limit_label: str = ""
    marked: list[bool] = field(default_factory=list)
    """Categories drawn with a different bar (load-spike weeks)."""
    mark_label: str = ""
    notes: list[str] = field(default_factory=list)
    """Short text above each bar (mean severity)."""
    note_label: str = ""
    horizontal: bool = False
    gap_label: str = "nothing logged"
    zero_label: str = ""
    """What a period logged with a total of 0 means (marked apart from a gap); empty: "none"."""
    empty_text: str = "nothing logged in this range"

    @property
    def gaps(self) -> list[bool]:
        return [all(s.values[i] is None for s in self.series) for i in range(len(self.labels))]

    @property
    def is_empty(self) -> bool:
        return not self.labels or all(self.gaps)


@record
class PeriodFigures:
    """One week's or month's totals (the summary line, the cursor and the report use them)."""

    start: dt.date
    end: dt.date
    """Its last diary day so far (today for the current period)."""
    logged_days: int
    cramps: int | None
    mean_severity: float | None
    beverages_ml: float | None
    stretch_min: float | None
    run_km: float | None
    spike: bool
    active_days: int = 0
    """Days with anything logged (a drink, a run...), logged or not."""
    water_ml: float | None = None
    """Water a day, over the same days as `beverages_ml`."""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@record
class Trends:
    today: dt.date
    weeks: list[PeriodFigures]
    """Every week in range, oldest first; the last one holds `today`."""
    charts: dict[str, ChartData]
    summary: str
    logged_days: frozenset[dt.date] = frozenset()
    """Diary days with anything logged, in the weeks shown."""
    periods: list[PeriodFigures] = field(default_factory=list)
    """The charts' categories, oldest first: weeks, calendar months or quarters (`period_for`)."""
    per: str = "week"
    """What a period is: week, month or quarter."""

    @property
    def by_month(self) -> bool:
        """Charted by calendar months or quarters rather than weeks."""
        return self.per != "week"


def week_start(day: dt.date, start: str = "monday") -> dt.date:
    """First diary day of the week holding `day`; weeks start on Monday or Sunday."""
    first = 6 if start == "sunday" else 0
    return day - dt.timedelta(days=(day.weekday() - first) % 7)


def week_label(start: dt.date) -> str:
    """`2 Mar`: short enough for a tick under a narrow bar."""
    return f"{start.day} {start:%b}"


def month_start(day: dt.date, back: int = 0) -> dt.date:
    """The first day of the month `back` months before the one holding `day`."""
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def month_label(start: dt.date) -> str:
    """`Mar` (the year is on the line under the labels)."""
    return f"{start:%b}"


def quarter_label(start: dt.date) -> str:
    """`Q1` (the year is on the line under the labels)."""
    return f"Q{(start.month - 1) // 3 + 1}"


def period_name(start: dt.date, per: str) -> str:
    """A period in words: `Week of Mon 02 Mar 2026`, `March 2026`, `Q1 2026`."""
    if per == "quarter":
        return f"{quarter_label(start)} {start.year}"
    return f"{start:%B %Y}" if per == "month" else f"Week of {start:%a %d %b %Y}"


def range_label(periods: Sequence[PeriodFigures], per: str) -> str:
    """The range the charts show, in the periods they show and with those periods' dates:
    `12 weeks, 15 Sep – 07 Dec 2026`, `12 months by month, Jan – Dec 2026`, `10 years by
    quarter, Q1 2017 – Q4 2026` (never the weeks asked for: 52 weeks are 12 calendar months)."""
    first, last = periods[0].start, periods[-1].start
    n = len(periods)
    if per == "week":
        end = periods[-1].end
        return f"{plural(n, 'week')}, {first:%d %b}{f' {first:%Y}' if first.year != end.year else ''} – {end:%d %b %Y}"
    if per == "month":
        return (
            f"{plural(n, 'month')} by month, {first:%b}"
            f"{f' {first:%Y}' if first.year != last.year else ''} – {last:%b %Y}"
        )
    count = f"{n // 4} years" if n % 4 == 0 and n > 4 else plural(n, "quarter")
    return f"{count} by quarter, {period_name(first, per)} – {period_name(last, per)}"


def period_for(weeks: int, most_bars: int = TERMINAL_BARS, periods: tuple[str, ...] = PERIODS) -> str:
    """How a range of `weeks` weeks is charted: the finest of `periods` that needs at most
    `most_bars` bars (else the coarsest). The one binning rule of the charts (`TERMINAL_BARS`)
    and the clinician report (its page's `report.PAGE_BARS`)."""
    return next((per for per in periods if bars_for(weeks, per) <= most_bars), periods[-1])


def bars_for(weeks: int, per: str) -> int:
    """How many bars `weeks` weeks make by `per` (week, month or quarter)."""
    return weeks if per == "week" else months_for(weeks) if per == "month" else quarters_for(weeks)


def months_for(weeks: int) -> int:
    """Calendar months shown for a range of `weeks` weeks (12 for 52)."""
    return max(1, round(weeks * 7 / 30.44))


def quarters_for(weeks: int) -> int:
    """Calendar quarters shown for a range of `weeks` weeks (40 for 520)."""
    return max(1, round(weeks * 7 / 91.31))


def load_trends(repo: JournalRepository, settings: Settings, clock: Clock, weeks: int) -> Trends:
    """Read what the last `weeks` weeks need (plus load history) and aggregate them.

    Reads plain rows in bulk (no domain objects), so a long journal costs only its recent weeks.
    """
    from . import tables
    from .frame import frame_from_tables

    today = diary_day(clock.now(), clock.tz, settings.boundary)
    first = week_start(today, settings.week_start) - dt.timedelta(weeks=max(weeks, SUMMARY_WEEKS + 1) - 1)
    per = period_for(weeks)
    if per == "quarter":
        first = min(first, quarter_start(today, quarters_for(weeks) - 1))
    elif per == "month":
        first = min(first, month_start(today, months_for(weeks) - 1))
    since = day_start(first - dt.timedelta(days=LOAD_HISTORY_DAYS), clock.tz, settings.boundary)
    rows = {kind: repo.kind_rows(kind, fields, since=since) for kind, fields in tables.FIELDS.items()}
    frame = frame_from_tables(
        tables.from_rows(rows, settings.boundary),
        settings,
        today,
        tables.first_logged_in_repository(repo, settings.boundary),
    )
    shoes = [e for e in repo.entries(["shoe"]) if isinstance(e, Shoe)]
    return trends_from_frame(frame, settings, today, weeks, shoes=shoes, shoe_km=repo.shoe_distances())


def build_trends(
    entries: list[Entry],
    settings: Settings,
    today: dt.date,
    weeks: int,
    *,
    shoes: list[Shoe] | None = None,
    shoe_km: dict[int, float] | None = None,
    since: dt.date | None = None,
) -> Trends:
    """Trends from entries (the daily frame is built here); shoes default to those in `entries`."""
    from .frame import daily_frame

    frame = daily_frame(entries, settings, today)
    if shoes is None:
        shoes = [e for e in entries if isinstance(e, Shoe)]
    if shoe_km is None:
        shoe_km = shoe_distances(shoes, entries)
    return trends_from_frame(frame, settings, today, weeks, shoes=shoes, shoe_km=shoe_km, since=since)


def shoe_distances(shoes: list[Shoe], entries: list[Entry]) -> dict[int, float]:
    """Kilometres on each shoe: its starting distance plus the runs in `entries`."""
    km = {s.id: s.start_km for s in shoes if s.id is not None}
    for e in entries:
        if isinstance(e, Run) and e.shoe_id in km:
            km[e.shoe_id] += e.distance_km or 0.0
    return km


def trends_from_frame(
    frame: pd.DataFrame,
    settings: Settings,
    today: dt.date,
    weeks: int,
    *,
    shoes: Sequence[Shoe] = (),
    shoe_km: dict[int, float] | None = None,
    since: dt.date | None = None,
) -> Trends:
    """The pure part: daily frame -> weekly (or monthly) charts and the summary line.

    Months are whole calendar months unless `since` cuts the first one short (a report's period).
    """
    table = weekly_table(frame, settings, today, max(weeks, SUMMARY_WEEKS + 1))
    figures = [_figures(row, row.Index.date() + dt.timedelta(days=6), today) for row in table.itertuples()]
    per = period_for(weeks)
    if per == "quarter":
        shown = month_table(frame, settings, today, quarters_for(weeks), since, quarters=True)
        periods = [
            _figures(row, quarter_start(row.Index.date(), -1) - dt.timedelta(days=1), today)
            for row in shown.itertuples()
        ]
        labels = [quarter_label(p.start) for p in periods]
    elif per == "month":
        shown = month_table(frame, settings, today, months_for(weeks), since)
        periods = [
            _figures(row, month_start(row.Index.date(), -1) - dt.timedelta(days=1), today) for row in shown.itertuples()
        ]
        labels = [month_label(p.start) for p in periods]
    else:
        shown, periods, labels = table.iloc[-weeks:], figures[-weeks:], _labels(table.iloc[-weeks:])
    years = [str(p.start.year) for p in periods]
    if per == "week" and len(set(years)) == 1:
        years = []  # a few weeks of one year: the range line says which
    charts = {
        "cramps": _cramps_chart(shown, labels, per),
        "beverages": _beverages_chart(shown, labels, per, settings),
        "stretching": ChartData(
            "stretching",
            f"Stretching per {per} (min)",
            labels,
            [Series("stretching", _values(shown["stretch_min"]))],
            unit="min",
            zero_label="no stretching logged",
        ),
        "running": _running_chart(shown, labels, per, settings),
        "minerals": _minerals_chart(shown, labels, per),
    }
    charts = {name: dataclasses.replace(chart, years=years) for name, chart in charts.items()}
    charts["shoes"] = shoe_chart(shoes, shoe_km or {}, settings, today)
    first_shown = min(figures[-weeks].start, periods[0].start)
    logged = (
        frame.index[frame["logged"].astype("boolean").fillna(False).to_numpy(dtype=bool)] if "logged" in frame else []
    )
    return Trends(
        today=today,
        weeks=figures[-weeks:],
        charts=charts,
        summary=summary_line(figures[-(SUMMARY_WEEKS + 1) :], settings),
        logged_days=frozenset(d.date() for d in logged if first_shown <= d.date() <= today),
        periods=periods,
        per=per,
    )


def weekly_table(frame: pd.DataFrame, settings: Settings, today: dt.date, weeks: int) -> pd.DataFrame:
    """One row per week (index: week start), the `weeks` weeks ending with today's."""
    import pandas as pd

    first = week_start(today, settings.week_start) - dt.timedelta(weeks=weeks - 1)
    days = pd.date_range(first, today, freq="D", name="day")
    offset = (days.day_of_week - (6 if settings.week_start == "sunday" else 0)) % 7
    return _period_table(frame, settings, pd.Series(days - pd.to_timedelta(offset, unit="D"), index=days))


def quarter_start(day: dt.date, back: int = 0) -> dt.date:
    """The first day of the calendar quarter `back` quarters before the one holding `day`."""
    first = month_start(day)
    return month_start(first, (first.month - 1) % 3 + 3 * back)


def month_table(
    frame: pd.DataFrame,
    settings: Settings,
    today: dt.date,
    months: int,
    since: dt.date | None = None,
    *,
    quarters: bool = False,
) -> pd.DataFrame:
    """One row per calendar month (index: its first day shown), the `months` months ending with
    today's; none of it before `since`. With `quarters`, `months` counts calendar quarters."""
    import pandas as pd

    first = quarter_start(today, months - 1) if quarters else month_start(today, months - 1)
    days = pd.date_range(max(first, since or dt.date.min), today, freq="D", name="day")
    starts = pd.Series(days.to_period("Q" if quarters else "M").to_timestamp(), index=days)
    return _period_table(frame, settings, starts.clip(lower=days[0]))


def _period_table(frame: pd.DataFrame, settings: Settings, period: pd.Series) -> pd.DataFrame:
    """Sum the daily frame into periods; `period` maps each day shown to its period's first day.

    Cramp counts use only logged days (a check-in or a cramp, as the daily frame defines them),
    so a period with no logged day is a gap in the cramp chart. Intake (stretching, runs,
    beverages, minerals) uses active days (anything logged), so a week of runs without check-ins
    still shows its runs; a period with nothing at all is a gap everywhere. Beverages and
    minerals are means over the days on which drinks or food were logged. Load-spike periods
    come from the frame's `load_spike`.
    """
    import pandas as pd

    days = period.index
    f = frame.reindex(days)

    def flag(name: str) -> pd.Series:
        return f[name].astype("boolean").fillna(False).astype(bool) if name in f else pd.Series(False, index=days)

    logged, active = flag("logged"), flag("active")

    def col(name: str) -> pd.Series:
        return f[name].astype(float) if name in f else pd.Series(math.nan, index=days)

    def summed(name: str, days_counted: pd.Series = logged) -> pd.Series:
        return col(name).where(days_counted).fillna(0.0).where(days_counted).groupby(period).sum(min_count=1)

    out = pd.DataFrame(index=pd.DatetimeIndex(sorted(set(period)), name="period"))
    out["logged_days"] = logged.groupby(period).sum()
    out["active_days"] = active.groupby(period).sum()
    present = out["active_days"] > 0
    for c in CONTEXTS:
        out[f"cramps_{c}"] = summed(f"cramps_{c}")
    out["cramps"] = summed("cramps")
    severity_weight = (col("mean_severity") * col("cramps")).where(logged)
    out["severity_sum"] = severity_weight.groupby(period).sum(min_count=1)
    out["mean_severity"] = out["severity_sum"] / out["cramps"].where(out["cramps"] > 0)
    for name in ("beverages_ml", "magnesium_mg", "potassium_mg"):
        value = col(name)
        out[name] = value.where(value > 0).groupby(period).mean()
    out["water_ml"] = col("water_ml").where(col("beverages_ml") > 0).groupby(period).mean()
    out["magnesium_pct"] = out["magnesium_mg"] / settings.magnesium_mg * 100
    out["potassium_pct"] = out["potassium_mg"] / settings.potassium_mg * 100
    out["stretch_min"] = summed("stretch_min", active)
    out["run_km"] = summed("run_km", active)
    out["spike"] = (col("load_spike") > 0).groupby(period).any()
    for name in [c for c in out.columns if c not in ("logged_days", "active_days", "spike")]:
        out.loc[~present, name] = math.nan
    return out


def _value(x: Any) -> float | None:
    """A plain float, or None for NaN (columns here are float, so no `pd.NA`)."""
    return None if x is None or math.isnan(float(x)) else float(x)


def _values(column: pd.Series) -> list[float | None]:
    return [_value(v) for v in column.tolist()]


def _labels(table: pd.DataFrame) -> list[str]:
    return [week_label(d.date()) for d in table.index]


def _figures(row: Any, end: dt.date, today: dt.date) -> PeriodFigures:
    number = _value
    cramps = number(row.cramps)
    return PeriodFigures(
        start=row.Index.date(),
        end=min(end, today),
        logged_days=int(row.logged_days),
        cramps=None if cramps is None else round(cramps),
        mean_severity=number(row.mean_severity),
        beverages_ml=number(row.beverages_ml),
        stretch_min=number(row.stretch_min),
        run_km=number(row.run_km),
        spike=bool(row.spike),
        active_days=int(row.active_days),
        water_ml=number(row.water_ml),
    )


def _cramps_chart(table: pd.DataFrame, labels: list[str], per: str) -> ChartData:
    series = [Series(label(c), _values(table[f"cramps_{c}"])) for c in CONTEXTS]
    notes = [f"{s:.1f}" if s is not None else "" for s in _values(table["mean_severity"])]  # 2.5, not 2
    return ChartData(
        "cramps",
        f"Cramps per {per}, by context",
        labels,
        series,
        unit="cramps",
        stacked=True,
        whole=True,
        notes=notes,
        note_label="numbers: mean severity 1-10",
        zero_label="no cramps (days logged)",
    )


def _beverages_chart(table: pd.DataFrame, labels: list[str], per: str, settings: Settings) -> ChartData:
    system, unit = settings.units, units.chart_volume_unit(settings.units)

    def shown(column: str) -> list[float | None]:
        return [None if v is None else units.chart_volume(v, system) for v in _values(table[column])]

    return ChartData(
        "beverages",
        f"Drinks per day ({unit}), {per}ly mean: all beverages and water",
        labels,
        [Series("all beverages", shown("beverages_ml")), Series("water", shown("water_ml"))],
        unit=unit,
        reference=units.chart_volume(settings.beverage_ml, system),
        reference_label=f"target {format_volume(settings.beverage_ml, settings.units)}",
        gap_label="no drinks logged",
        empty_text="no drinks logged in this range",
    )


def _running_chart(table: pd.DataFrame, labels: list[str], per: str, settings: Settings) -> ChartData:
    unit = units.distance_unit(settings.units)
    shown = [None if v is None else units.distance(v, settings.units) for v in _values(table["run_km"])]
    return ChartData(
        "running",
        f"Run distance per {per} ({unit})",
        labels,
        [Series("distance", shown)],
        unit=unit,
        zero_label="no runs logged",
        marked=[bool(x) for x in table["spike"].tolist()],
        mark_label=f"has a load spike (acute:chronic > {settings.acwr_spike:g})",
    )


def _minerals_chart(table: pd.DataFrame, labels: list[str], per: str) -> ChartData:
    return ChartData(
        "minerals",
        f"Magnesium and potassium a day, % of reference ({per}ly mean)",
        labels,
        [Series("magnesium", _values(table["magnesium_pct"])), Series("potassium", _values(table["potassium_pct"]))],
        unit="%",
        reference=100.0,
        reference_label="reference",
        gap_label="no food logged",
        empty_text="no food logged in this range",
    )


def shoe_chart(shoes: Sequence[Shoe], km: dict[int, float], settings: Settings, today: dt.date) -> ChartData:
    """Distance on each shoe in use (not retired, or retired in the last 8 weeks) against its life."""
    recent = today - dt.timedelta(weeks=8)
    active = [s for s in shoes if s.id is not None and (s.retired is None or s.retired >= recent)]
    active.sort(key=lambda s: s.first_used)
    system, unit = settings.units, units.distance_unit(settings.units)
    return ChartData(
        "shoes",
        f"Distance on each shoe ({unit}) against its life",
        [s.name[:16] for s in active],
        [
            Series(
                "distance",
                [
                    round(units.distance(km.get(s.id, s.start_km), system), 1)  # type: ignore[arg-type]
                    for s in active
                ],
            )
        ],
        unit=unit,
        limits=[units.distance(life_of(s.life_km, settings.life_km), system) for s in active],
        limit_label="shoe life",
        horizontal=True,
        empty_text="no shoes in use",
    )


def _number(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def _cramps(n: int) -> str:
    return plural(n, "cramp")


def _weekly(before: list[PeriodFigures]) -> str | None:
    """The weeks before's mean a week, given only from one a week: for 1 cramp in 4 weeks
    "0.2 cramps a week" said less than the count."""
    mean = sum(w.cramps or 0 for w in before) / len(before)
    return f"{_number(mean)} a week" if len(before) > 1 and mean >= 1 else None


def _before(before: list[PeriodFigures]) -> str:
    """The weeks before as a count, and their weekly mean when it is one or more."""
    weekly = _weekly(before)
    return _cramps(sum(w.cramps or 0 for w in before)) + (f", {weekly}" if weekly else "")


def summary_line(weeks: list[PeriodFigures], settings: Settings) -> str:
    """This week in words beside the weeks before it that have a logged day (counts first).

    E.g. "This week: 3 cramps, up from 1.5 a week in the 4 weeks before (6 cramps); beverages
    1.4 L a day, 70% of target; 20 min stretching; no runs". A week still under way says how many
    of its days have passed and sets the weeks before beside it, without "up" or "down": its
    count is not a week's yet. A week with drinks or runs but no check-in and no cramp says its
    cramps are not counted yet (the analysis counts cramps on logged days only) and still gives
    what was logged. The beverage share is reported, never judged.
    """
    current, before = weeks[-1], [w for w in weeks[:-1] if w.logged_days]
    span = f"the {plural(len(before), 'week')} before"
    if not current.active_days:
        return "This week: nothing logged yet" + (f" ({span}: {_before(before)})" if before else "")
    n = current.cramps or 0
    whole = current.days >= 7
    head = "This week" if whole else f"This week so far ({current.days} of 7 days)"
    if not current.logged_days:
        cramps = "cramps not counted yet (no check-in or cramp logged; n checks in a day)"
        if before:
            cramps += f"; {span}: {_before(before)}"
    elif not before:
        cramps = _cramps(n) + f" (nothing logged in the {len(weeks) - 1} weeks before)"
    elif not whole:
        cramps = _cramps(n) + f" ({span}: {_before(before)})"
    else:
        total = sum(w.cramps or 0 for w in before)
        usual, weekly = total / len(before), _weekly(before)
        than = f"{weekly} in {span} ({_cramps(total)})" if weekly else f"{_cramps(total)} in {span}"
        if weekly and round(usual, 1) == n:
            cramps = _cramps(n) + f", the same as the {than}"
        else:
            cramps = _cramps(n) + f", {'up' if n > usual else 'down'} from {than}"
    parts = [cramps]
    if current.beverages_ml is None:
        parts.append("no drinks logged")
    else:
        share = current.beverages_ml / settings.beverage_ml * 100
        parts.append(f"beverages {format_volume(current.beverages_ml, settings.units)} a day, {share:.0f}% of target")
    parts.append(f"{current.stretch_min:.0f} min stretching" if current.stretch_min else "no stretching")
    if current.run_km:
        run = f"{format_distance(current.run_km, settings.units)} run"
        parts.append(run + (", with a load spike" if current.spike else ""))
    else:
        parts.append("no runs")
    return f"{head}: " + "; ".join(parts)
