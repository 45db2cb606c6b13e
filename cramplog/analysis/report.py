"""Provides the clinician report: one period of the journal gathered into a format-neutral document.

Page one is the summary a GP reads in a minute: who (only when asked), the period, red flags
first, cramps per week as a chart with medicines and diet changes on the same time axis, counts,
the exposures around the cramps and at most three findings worth discussing. Then the tables
(symptoms, episodes, medicines), then a short method appendix. `report_format` writes the
document as Markdown or one self-contained HTML file, `report_pdf` as a PDF, so every format
says the same thing. Every time shown is the true local time, with the diary day beside it
where it differs (`describe.moment`).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from typing import TYPE_CHECKING

from ..domain.clock import day_start
from ..domain.describe import cramp_signs, moment
from ..domain.entries import Cramp, Diet, Entry, Medicine, Symptom, entry_day
from ..domain.quantities import format_duration
from ..domain.record import record
from ..domain.vocab import label
from .report_chart import Bin, Mark, Span, Timeline, cramp_chart
from .vector import Drawing
from .wording import plural

if TYPE_CHECKING:
    import pandas as pd

    from ..domain.clock import Clock
    from ..domain.redflags import RedFlag
    from ..domain.settings import Settings
    from ..storage.repository import JournalRepository
    from . import tables as T
    from .experiment import Reading
    from .present import Presentation

DISCLAIMER = (
    "This report comes from a personal diary kept with cramplog, which helps people notice patterns "
    "in their own logs. It can't diagnose conditions and isn't a substitute for a doctor, "
    "physiotherapist or pharmacist. It cannot detect blood clots, nerve problems or mineral "
    "deficiencies. In an emergency, call the local emergency number ({emergency})."
)
"""The onboarding copy (docs/analysis.md §5), in the third person (the report is read by a clinician)."""
MEDICINE_NOTE_CLINICIAN = (
    "Some medicines are associated with cramps. cramplog tells this person not to stop or change a "
    "prescribed medicine because of the diary, and to talk to their prescriber or pharmacist."
)
"""The medicine note (docs/analysis.md §5), in the third person."""
PATTERN_NOTE = (
    "These are patterns in this person's own diary, not proof of a cause. Patterns can come from "
    "chance, from other things that changed at the same time, or from how things were logged."
)
"""The insight disclaimer (docs/analysis.md §5)."""
STATUS_WORDS = {
    "not_enough_data": "not enough data yet",
    "not_analysed": "not analysed for this context",
    "no_clear_link": "no clear link",
    "early_hint": "early hint",
    "consistent_pattern": "consistent pattern",
}
"""Statuses in the third person (the app's labels speak to the diary's keeper)."""
MAX_FINDINGS = 3
MAX_CAVEATS = 8
MAX_DATES = 3
"""A red flag lists this many dated entries; more are given as first, last and count."""
PAGE_BARS = 106
"""The most bars the report's chart draws across a page (more weekly bars would be under 2 pt
each): past about two years it goes by month (`trends.period_for`, the charts' one rule)."""
SEVERITY_BANDS = ((1, 3), (4, 6), (7, 10))


@record
class Table:
    headers: list[str]
    rows: list[list[str]]


@record
class Block:
    """One piece of a section: `kind` is para, note, bullets, table or chart (a `drawing`, whose
    `table` holds its figures as text: the Markdown shows that table in its place)."""

    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    table: Table | None = None
    drawing: Drawing | None = None


@record
class Section:
    title: str
    blocks: list[Block]
    key: str = ""
    """Stable anchor (`episodes`, `red-flags`, ...)."""
    first_page: bool = False
    """Part of page one; the first section without it starts a new page."""


@record
class ReportDocument:
    title: str
    facts: list[tuple[str, str]]
    """Name and value; an empty value is a blank to fill in by hand (the name when not asked for)."""
    sections: list[Section]
    paper: str = "a4"
    footer: str = ""


def para(text: str) -> Block:
    return Block("para", text)


def note(text: str) -> Block:
    return Block("note", text)


def bullets(items: list[str]) -> Block:
    return Block("bullets", items=items)


def table(headers: list[str], rows: list[list[str]]) -> Block:
    return Block("table", table=Table(headers, rows))


@record
class Person:
    """Who the report is about, from the settings, put in only when asked (`--identify`)."""

    name: str
    birth_date: dt.date | None = None


def build_report(
    repo: JournalRepository,
    settings: Settings,
    clock: Clock,
    start: dt.date,
    end: dt.date,
    *,
    person: Person | None = None,
    paper: str = "a4",
) -> ReportDocument:
    """Read the period (and what the rules and charts need around it) and build the document."""
    from ..domain.redflags import CONTEXT_KINDS, LOOKBACK
    from .tables import first_logged_in_repository

    tz, boundary = clock.tz, settings.boundary
    since, until = day_start(start, tz, boundary), day_start(end + dt.timedelta(days=1), tz, boundary)
    now = min(clock.now(), until)
    around = repo.entries(since=since - max(LOOKBACK, dt.timedelta(days=28)), until=until)
    background = repo.entries(list(CONTEXT_KINDS), until=since)
    return report_document(
        around,
        background,
        settings,
        start,
        end,
        now,
        generated=clock.now(),
        person=person,
        paper=paper,
        since=since,
        experiments=_experiments(repo, settings, clock, start, end),
        diary_start=first_logged_in_repository(repo, boundary),
    )


def _experiments(
    repo: JournalRepository, settings: Settings, clock: Clock, start: dt.date, end: dt.date
) -> list[Reading]:
    """The readings of the experiments whose nights overlap the period, as of its end."""
    from .experiment import read_from

    today = min(end + dt.timedelta(days=1), clock.today())
    return [
        read_from(repo, plan, clock.tz_name, settings.boundary, today)
        for plan in repo.experiments()
        if plan.start <= end and start <= plan.last
    ]


def report_document(
    around: list[Entry],
    background: list[Entry],
    settings: Settings,
    start: dt.date,
    end: dt.date,
    now: dt.datetime,
    *,
    generated: dt.datetime | None = None,
    person: Person | None = None,
    paper: str = "a4",
    since: dt.datetime | None = None,
    experiments: Sequence[Reading] = (),
    diary_start: dt.date | None = None,
) -> ReportDocument:
    """The pure part: entries in and around the period -> the document.

    Args:
        around: every entry from at least 28 days before `start` up to the end of `end`.
        background: medicines, diet changes and injuries from before that (what was already in
            place, and the red-flag rules' context whatever its age).
        now: the moment red flags are judged at (the end of the period, or now if sooner).
        since: the instant the period starts (default: `start` at the day boundary, in `now`'s zone).
        diary_start: the journal's first logged day, where factor windows may start
            (`frame.inside_diary`); default: the first in `around`.
    """
    from . import tables as T
    from .frame import frame_from_tables

    boundary = settings.boundary
    since = since or dt.datetime.combine(start, boundary, tzinfo=now.tzinfo)
    day_of = {id(e): entry_day(e, boundary) for e in around}
    period = [e for e in around if start <= day_of[id(e)] <= end]
    cramps = [e for e in period if isinstance(e, Cramp)]
    days = (end - start).days + 1
    with_entries = len({day_of[id(e)] for e in period})
    tables = T.from_entries(around + background, boundary)
    frame = frame_from_tables(tables, settings, end, diary_start)
    medicines, diets = _in_force(around + background, start, end)
    view = _findings(frame, tables, settings, start, end)
    facts = [
        ("Name", person.name if person else ""),
        ("Date of birth", f"{person.birth_date:%d %b %Y}" if person and person.birth_date else ""),
        ("Period", f"{start:%d %b %Y} to {end:%d %b %Y} ({plural(days, 'diary day')})"),
        ("Days with entries", f"{with_entries} of {days} ({with_entries / days:.0%})"),
        ("Generated", f"{generated or now:%d %b %Y %H:%M} by cramplog"),
    ]
    flags, active = _flags(around, background, since, now, boundary)
    sections = [
        _red_flag_summary(flags, active, around, boundary, end),
        _cramp_section(cramps, len({day_of[id(c)] for c in cramps}), frame, settings, start, end, medicines, diets),
        _medicine_summary(medicines, diets, start, end),
        _exposure_section(frame, settings, start, end),
        _worth_discussing(view),
        Section("About this report", [note(DISCLAIMER.format(emergency=_emergency()))], "about", True),
        *_experiment_sections(experiments),
        *_symptom_section(period, boundary),
        _episodes_section(cramps, settings),
        _medicine_section(medicines, diets, start, end),
        _method_section(view, settings),
    ]
    return ReportDocument(
        "Muscle cramp diary: summary for a clinician",
        facts,
        sections,
        paper,
        footer=f"Muscle cramp diary, {start:%d %b %Y} to {end:%d %b %Y}",
    )


def _experiment_sections(readings: Sequence[Reading]) -> list[Section]:
    """A planned self-experiment, read as `cramplog experiment` reads it (docs/experiment.md)."""
    out = []
    for r in readings:
        plan = r.plan
        head = (
            f"{plan.about.title.capitalize()} ({plan.minutes} min) on nights dealt at random, "
            f"{plan.nights} nights from {plan.start:%d %b %Y} to {plan.end:%d %b %Y}, in blocks of 4."
        )
        out.append(Section("Planned self-experiment", [para(head), para(r.summary), bullets(r.details)], "experiment"))
    return out


def _emergency() -> str:
    return "999, 112 or 911"


def _flags(
    around: list[Entry], background: list[Entry], since: dt.datetime, now: dt.datetime, boundary: dt.time
) -> tuple[list[RedFlag], set[str]]:
    """Flags raised by the period's entries, and the rules of those still active at its end."""
    from ..domain.redflags import check_journal, raised_between

    raised = raised_between(around, since, now, context=background, boundary=boundary)
    active = {f.rule for f in check_journal(around, now, context=background, boundary=boundary)}
    return raised, active


def _red_flag_summary(
    flags: list[RedFlag], active: set[str], around: list[Entry], boundary: dt.time, end: dt.date
) -> Section:
    from ..domain.redflags import ACTIVE_FOR, TIER_LABELS

    if not flags:
        return Section(
            "Red flags",
            [
                para(
                    "No red-flag symptoms or warning signs were logged in this period. This is only what was "
                    "logged; it rules nothing out."
                )
            ],
            "red-flags",
            True,
        )
    by_id = {e.id: e for e in around if e.id is not None}
    items = []
    for f in flags:
        moments = sorted(
            (moment(by_id[i], boundary) for i in f.entry_ids if i in by_id),
            key=lambda m: (m.date, m.local or dt.datetime.min.replace(tzinfo=dt.timezone.utc)),
        )
        if len(moments) <= MAX_DATES:
            logged = "; ".join(m.text() for m in moments)
        else:
            logged = f"{len(moments)} entries, the first {moments[0].text()}, the last {moments[-1].text()}"
        # "Active" is the app's rule (ACTIVE_FOR after the newest entry), not a finding on the
        # period's last day: say so, with that entry's date, so a GP doesn't read a new event.
        still = (
            (
                f" Still listed as active on {end:%d %b %Y}: the app keeps a notice of this tier for "
                f"{ACTIVE_FOR[f.tier].days} days after its newest entry"
                + (f" ({moments[-1].date:%d %b %Y})." if moments else ".")
            )
            if f.rule in active
            else ""
        )
        items.append(
            f"{TIER_LABELS[f.tier]}: {f.title}. Logged: {logged}.{still}"
            if moments
            else f"{TIER_LABELS[f.tier]}: {f.title}.{still}"
        )
    return Section(
        "Red flags",
        [
            para("Raised by this person's entries in the period, most serious first (never from statistics):"),
            bullets(items),
        ],
        "red-flags",
        True,
    )


def _cramp_section(
    cramps: list[Cramp],
    cramp_days: int,
    frame: pd.DataFrame,
    settings: Settings,
    start: dt.date,
    end: dt.date,
    medicines: list[Medicine],
    diets: list[Diet],
) -> Section:
    bins, unit = _bins(frame, settings, start, end)
    chart = cramp_chart(bins, unit, _timeline(medicines, diets, start, end))
    figures = Table(
        [f"{unit.title()} of", "Days with a cramp or check-in", "Cramps", "At night"],
        [
            [
                f"{b.start:%d %b %Y}",
                str(b.logged_days),
                "nothing logged" if b.cramps is None else str(b.cramps),
                "—" if b.night is None else str(b.night),
            ]
            for b in bins
        ],
    )
    blocks: list[Block] = []
    if cramps:
        severities = [c.severity for c in cramps]
        durations = [c.duration_s for c in cramps if c.duration_s]
        duration = (
            f"; duration median {format_duration(round(statistics.median(durations)))} (m:ss) over "
            f"{plural(len(durations), 'cramp')} timed"
            if durations
            else "; duration not recorded"
        )
        blocks.append(
            para(
                f"{plural(len(cramps), 'cramp')} logged on {plural(cramp_days, 'day')}; severity "
                f"(1–10) median {statistics.median(severities):g}, "
                f"{spread(min(severities), max(severities))}{duration}."
            )
        )
    else:
        blocks.append(para("No cramps were logged in this period."))
    blocks.append(Block("chart", drawing=chart, table=figures))
    if cramps:
        bands = [(lo, hi, sum(lo <= c.severity <= hi for c in cramps)) for lo, hi in SEVERITY_BANDS]
        blocks.append(
            bullets(
                [
                    "By muscle: " + _counted(Counter(label(c.muscle) for c in cramps)) + ".",
                    "By context: " + _counted(Counter(label(c.context) for c in cramps)) + ".",
                    "By severity: " + ", ".join(f"{lo}–{hi}: {n}" for lo, hi, n in bands) + ".",
                ]
            )
        )
    return Section(f"Cramps per {unit}", blocks, "cramps", True)


def _counted(counts: Counter[str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.most_common())


def _bins(frame: pd.DataFrame, settings: Settings, start: dt.date, end: dt.date) -> tuple[list[Bin], str]:
    """Weeks (months past about two years) of the period, from its days only: the days of a first
    or last week outside the period count as not logged."""
    import pandas as pd

    from .trends import month_table, months_for, period_for, week_start, weekly_table

    days = pd.date_range(start, end, freq="D", name="day")
    inside = frame.reindex(days)
    weeks = ((end - week_start(start, settings.week_start)).days // 7) + 1
    if period_for(weeks, PAGE_BARS, ("week", "month")) == "month":
        table, unit = month_table(inside, settings, end, months_for(weeks), since=start), "month"
    else:
        table, unit = weekly_table(inside, settings, end, weeks), "week"
    bins = []
    for row in table.itertuples():
        first = row.Index.date()
        if unit == "week":
            stop = first + dt.timedelta(days=6)
        else:
            stop = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        begin = max(first, start)  # a first week cut short by the period is drawn as short
        logged = int(row.logged_days)
        night = None if not logged else int(row.cramps_night or 0)
        other = None if not logged else int((row.cramps or 0) - (row.cramps_night or 0))
        bins.append(Bin(begin, min(stop, end), night, other, logged))
    return bins, unit


def _timeline(medicines: list[Medicine], diets: list[Diet], start: dt.date, end: dt.date) -> Timeline:
    from .report_chart import MAX_LANES

    spans = [Span(f"{m.name} {m.dose}".strip(), m.start, m.stop) for m in medicines]
    shown = spans if len(spans) <= MAX_LANES else spans[: MAX_LANES - 1]
    marks = [Mark(label(d.pattern), d.day) for d in diets if start <= d.day <= end]
    return Timeline(shown, marks, len(spans) - len(shown))


def _in_force(entries: list[Entry], start: dt.date, end: dt.date) -> tuple[list[Medicine], list[Diet]]:
    """Medicines taken at some time in the period (each once), and every diet change, by date."""
    seen: set[int | None] = set()
    medicines = []
    for m in sorted((e for e in entries if isinstance(e, Medicine)), key=lambda m: m.start):
        if (m.id is not None and m.id in seen) or m.start > end or (m.stop is not None and m.stop < start):
            continue
        seen.add(m.id)
        medicines.append(m)
    diets = {(d.id if d.id is not None else id(d)): d for d in entries if isinstance(d, Diet)}
    return medicines, sorted(diets.values(), key=lambda d: d.day)


def _medicine_line(m: Medicine, start: dt.date, end: dt.date) -> str:
    dose = f" {m.dose}" if m.dose else ""
    since = f"started {m.start:%d %b %Y}" if m.start >= start else f"since {m.start:%d %b %Y}"
    until = f", stopped {m.stop:%d %b %Y}" if m.stop is not None and m.stop <= end else ", still taken"
    return f"{m.name}{dose} ({label(m.med_class)}): {since}{until}."


def _diet_lines(diets: list[Diet], start: dt.date, end: dt.date) -> list[str]:
    before = [d for d in diets if d.day < start]
    lines = []
    if before:
        lines.append(f"Diet at the start of the period: {label(before[-1].pattern)} (since {before[-1].day:%d %b %Y}).")
    lines += [
        f"Diet changed to {label(d.pattern)} on {d.day:%d %b %Y}"
        + {True: ", with a B12 supplement", False: ", without a B12 supplement", None: ""}[d.b12]
        + "."
        for d in diets
        if start <= d.day <= end
    ]
    return lines


def _medicine_summary(medicines: list[Medicine], diets: list[Diet], start: dt.date, end: dt.date) -> Section:
    lines = [_medicine_line(m, start, end) for m in medicines] + _diet_lines(diets, start, end)
    body = bullets(lines) if lines else para("No medicines, supplements or diet changes were logged for this period.")
    return Section("Medicines, supplements and diet", [body], "treatment", True)


def spread(low: float, high: float, unit: str = "") -> str:
    """'range 6–8 h', or 'all 7 h' when every value was the same (never 'range 7–7')."""
    return f"all {low:g}{unit}" if low == high else f"range {low:g}–{high:g}{unit}"


def _exposure_section(frame: pd.DataFrame, settings: Settings, start: dt.date, end: dt.date) -> Section:
    """Averages over what was logged: a day or week with nothing logged is left out, never a zero."""
    import pandas as pd

    from ..domain.units import format_distance, format_volume
    from .trends import week_start

    units = settings.units
    f = frame.reindex(pd.date_range(start, end, freq="D", name="day"))
    active = f["active"].astype("boolean").fillna(False).astype(bool) if "active" in f else pd.Series(False, f.index)
    weeks = pd.Series([week_start(d.date(), settings.week_start) for d in f.index], index=f.index)
    covered = int(weeks.isin(set(weeks[active])).sum())
    # Weeks cut by the period's ends are days, not weeks: the figure is a 7-day mean over them.
    per_week = (
        f"over the {plural(covered // 7, 'week')} with entries"
        if covered % 7 == 0
        else f"on average over the {covered} days of the weeks with entries"
    )
    lines = []
    drink_days = f["drinks_logged"].fillna(0) > 0
    if drink_days.any():
        mean = float(f["beverages_ml"][drink_days].mean())
        lines.append(
            f"Beverages (all drinks): {format_volume(mean, units)} a day on average, on the "
            f"{plural(int(drink_days.sum()), 'day')} with drinks logged (the person's target: "
            f"{format_volume(settings.beverage_ml, units)})."
        )
    else:
        lines.append("Beverages: no drinks logged.")
    runs, km = int(f["runs"].fillna(0).sum()), float(f["run_km"].fillna(0).sum())
    if runs:
        lines.append(
            f"Running: {format_distance(km / covered * 7, units)} a week {per_week} "
            f"({plural(runs, 'run')}, {format_distance(km, units)} in all)."
        )
    else:
        lines.append("Running: no runs logged.")
    minutes, stretch_days = float(f["stretch_min"].fillna(0).sum()), int((f["stretches"].fillna(0) > 0).sum())
    if stretch_days:
        lines.append(
            f"Stretching: {minutes / covered * 7:.0f} min a week {per_week} (on {plural(stretch_days, 'day')})."
        )
    else:
        lines.append("Stretching: none logged.")
    sleep = f["sleep_hours"].dropna() if "sleep_hours" in f else pd.Series(dtype=float)
    if len(sleep):
        lines.append(
            f"Sleep: {float(sleep.mean()):.1f} h a night on average, on the {plural(len(sleep), 'night')} "
            f"with sleep logged ({spread(float(sleep.min()), float(sleep.max()), ' h')})."
        )
    else:
        lines.append("Sleep: not logged.")
    return Section("Around the cramps", [bullets(lines)], "exposures", True)


def _findings(frame: pd.DataFrame, tables: T.Tables, settings: Settings, start: dt.date, end: dt.date) -> Presentation:
    """Findings over the period's diary days; earlier days serve only as lagged exposures."""
    from .insights import analyse_frame
    from .present import present

    return present(analyse_frame(frame, settings, tables=tables, start=start, end=end), for_reader=False)


def _worth_discussing(view: Presentation) -> Section:
    from .insights import FLAGGED

    flagged = [c for c in view.cards if c.status in FLAGGED]
    if flagged:
        items = [f"{c.heading} ({STATUS_WORDS[c.status]}): {c.sentence}" for c in flagged[:MAX_FINDINGS]]
        if len(flagged) > MAX_FINDINGS:
            items.append(f"And {plural(len(flagged) - MAX_FINDINGS, 'more')} in the appendix.")
        blocks = [bullets(items), note(PATTERN_NOTE)]
    elif view.progress:
        blocks = [para(f"Too little data yet to look for patterns ({view.progress}).")]
    else:
        steps = len(view.cards) - view.factors
        also = f" and {plural(steps, 'before/after comparison')}" if steps > 0 else ""
        blocks = [
            para(
                f"No factor stood out: of the {plural(view.factors, 'factor')} compared{also}, none "
                "showed a clear link with the cramps in this diary (the appendix names them)."
            )
        ]
    return Section("Worth discussing", blocks, "findings", True)


def _symptom_section(period: list[Entry], boundary: dt.time) -> list[Section]:
    rows: list[list[str]] = []
    for e in period:
        if isinstance(e, Symptom):
            rows.append(_when(e, boundary) + [label(e.symptom), e.side or "", e.note])
        elif isinstance(e, Cramp) and (signs := ", ".join(cramp_signs(e))):
            rows.append(_when(e, boundary) + [f"cramp ({label(e.muscle)}) with {signs}", e.side, e.note])
    if not rows:
        return []
    return [
        Section(
            "Red-flag symptoms logged",
            [
                para(
                    "Symptoms logged in the period, and cramps logged with swelling, tingling or pain that persisted:"
                ),
                table(["Date", "Time", "Diary day", "Symptom", "Side", "Note"], rows),
            ],
            "symptoms",
        )
    ]


def _when(e: Entry, boundary: dt.time) -> list[str]:
    """Date and time as the clock read them where the entry was logged, and the diary day where it differs."""
    m = moment(e, boundary)
    return [f"{m.date:%a %d %b %Y}", f"{m.local:%H:%M}" if m.local else "", f"{m.day:%a %d %b}" if m.shifted else ""]


def _episodes_section(cramps: list[Cramp], settings: Settings) -> Section:
    if not cramps:
        return Section("Episodes", [para("No cramps were logged in this period.")], "episodes")
    rows = []
    for c in cramps:
        extra = [s for s in (", ".join(cramp_signs(c)), f"relieved by {c.relief}" if c.relief else "", c.note) if s]
        rows.append(
            _when(c, settings.boundary)
            + [
                label(c.muscle),
                c.side,
                str(c.severity),
                format_duration(c.duration_s) or "—",
                label(c.context),
                "; ".join(extra),
            ]
        )
    return Section(
        "Episodes",
        [
            para(
                f"Every cramp in the period, at the local time it was logged. A cramp before "
                f"{settings.day_boundary} counts in the diary of the evening before: its diary day is given "
                "beside it."
            ),
            table(
                ["Date", "Time", "Diary day", "Muscle", "Side", "Severity", "Duration", "Context", "Also noted"], rows
            ),
        ],
        "episodes",
    )


def _medicine_section(medicines: list[Medicine], diets: list[Diet], start: dt.date, end: dt.date) -> Section:
    blocks: list[Block] = []
    if medicines:
        rows = [
            [
                m.name,
                label(m.med_class),
                m.dose or "—",
                f"{m.start:%d %b %Y}",
                f"{m.stop:%d %b %Y}" if m.stop else "ongoing",
                ", ".join(
                    w
                    for w, on in (
                        ("started in period", m.start >= start),
                        ("stopped in period", m.stop is not None and m.stop <= end),
                    )
                    if on
                )
                or "unchanged",
            ]
            for m in medicines
        ]
        blocks.append(table(["Medicine or supplement", "Class", "Dose", "Start", "Stop", "In this period"], rows))
        blocks.append(note(MEDICINE_NOTE_CLINICIAN))
    else:
        blocks.append(para("No medicines or supplements were logged for this period."))
    if diet := _diet_lines(diets, start, end):
        blocks.append(bullets(diet))
    return Section("Medicines, supplements and changes", blocks, "medicines")


def _method_section(view: Presentation, settings: Settings) -> Section:
    """How the figures were made, in plain words, then the factors by status and the caveats."""
    from ..domain.redflags import MEDICINE_NOTE
    from .gates import FINDING_GATE, PATTERN_GATE
    from .insights import FLAGGED

    method = (
        "Everything here was logged by the person; nothing is measured by a device unless they imported "
        "it. 'Days with entries' counts every day with an entry of any kind. A diary day runs from "
        f"{settings.day_boundary} to {settings.day_boundary}. A day counts as "
        "logged once it has a check-in or a cramp; days with neither are left out of every comparison, "
        "never counted as cramp-free. Each factor compares cramp days with the other logged days of the "
        "same calendar month, so slow changes such as season or fitness cancel out, and each is measured "
        f"the same way on every day. {FINDING_GATE[0].upper()}{FINDING_GATE[1:]}; {PATTERN_GATE}. "
        "Medicines and diet changes are compared as cramp "
        "rates before and after. In technical terms: a time-stratified case-crossover design with "
        "conditional logistic regression, and the false discovery rate held at "
        f"{settings.fdr_q:g} across the {plural(view.factors, 'factor')} compared (Benjamini–Hochberg)."
    )
    blocks = [para(method)]
    flagged = [c for c in view.cards if c.status in FLAGGED]
    if len(flagged) > MAX_FINDINGS:
        blocks.append(
            bullets([f"{c.heading} ({STATUS_WORDS[c.status]}): {c.sentence}" for c in flagged[MAX_FINDINGS:]])
        )
    by_status = [
        (STATUS_WORDS[s].capitalize(), [c.heading for c in view.cards if c.status == s]) for s in ("no_clear_link",)
    ]
    lines = [f"{words}: {', '.join(names)}." for words, names in by_status if names]
    if view.others:
        lines.append(view.others)
    if lines:
        blocks.append(para("Factors compared without a finding: " + " ".join(lines)))
    blocks += [para(line) for line in view.overlaps]
    caveats: list[str] = []
    for c in flagged[:MAX_FINDINGS]:
        caveats += [f"{c.heading}: {x}" for x in c.caveats if x != MEDICINE_NOTE]
    caveats = list(dict.fromkeys(caveats))[: MAX_CAVEATS - 1] + [PATTERN_NOTE]
    blocks += [para("Caveats:"), bullets(caveats)]
    return Section("How this report was made", blocks, "method")
