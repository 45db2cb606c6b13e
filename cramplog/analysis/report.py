"""Provides the clinician report: one period of the journal gathered into a format-neutral document.

`build_report` collects the facts (episodes, weekly frequency, red-flag symptoms, medicines,
factor findings); `report_format` writes the same document as Markdown or self-contained HTML,
so both formats always say the same thing.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import field
from typing import TYPE_CHECKING, Any

from ..domain.clock import day_start
from ..domain.describe import cramp_signs
from ..domain.entries import Cramp, Diet, Entry, Medicine, Symptom, entry_day
from ..domain.quantities import format_duration
from ..domain.record import record
from ..domain.vocab import label
from .wording import plural

if TYPE_CHECKING:
    from ..domain.clock import Clock
    from ..domain.settings import Settings
    from ..storage.repository import JournalRepository

DISCLAIMER = (
    "This report comes from a personal diary kept with cramplog, which helps people notice patterns "
    "in their own logs. It can't diagnose conditions and isn't a substitute for a doctor, "
    "physiotherapist or pharmacist. It cannot detect blood clots, nerve problems or mineral "
    "deficiencies. In an emergency, call the local emergency number ({emergency}).")
"""science.md §3.4, onboarding copy, in the third person (the report is read by a clinician)."""
MEDICINE_NOTE_CLINICIAN = (
    "Some medicines are associated with cramps. cramplog tells this person not to stop or change a "
    "prescribed medicine because of the diary, and to talk to their prescriber or pharmacist.")
"""science.md §3.4 medicine note, in the third person."""
PATTERN_NOTE = (
    "These are patterns in this person's own diary, not proof of a cause. Patterns can come from "
    "chance, from other things that changed at the same time, or from how things were logged.")
"""science.md §3.4, insight disclaimer."""
STATUS_WORDS = {
    "not_enough_data": "not enough data yet",
    "not_analysed": "not analysed for this context",
    "no_clear_link": "no clear link",
    "early_hint": "early hint",
    "consistent_pattern": "consistent pattern",
}
CHART_SIZE = (76, 16)


@record
class Table:
    headers: list[str]
    rows: list[list[str]]


@record
class Block:
    """One piece of a section: `kind` is para, note, bullets, table or pre."""

    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    table: Table | None = None


@record
class Section:
    title: str
    blocks: list[Block]
    key: str = ""
    """Stable anchor (`episodes`, `red-flags`, ...)."""


@record
class ReportDocument:
    title: str
    facts: list[tuple[str, str]]
    sections: list[Section]


def para(text: str) -> Block:
    return Block("para", text)


def note(text: str) -> Block:
    return Block("note", text)


def bullets(items: list[str]) -> Block:
    return Block("bullets", items=items)


def table(headers: list[str], rows: list[list[str]]) -> Block:
    return Block("table", table=Table(headers, rows))


def pre(text: str) -> Block:
    return Block("pre", text)


def build_report(repo: JournalRepository, settings: Settings, clock: Clock, start: dt.date,
                 end: dt.date) -> ReportDocument:
    """Read the period (and what the rules and charts need around it) and build the document."""
    from ..domain.redflags import CONTEXT_KINDS, LOOKBACK

    tz, boundary = clock.tz, settings.boundary
    since, until = day_start(start, tz, boundary), day_start(end + dt.timedelta(days=1), tz, boundary)
    now = min(clock.now(), until)
    around = repo.entries(since=since - max(LOOKBACK, dt.timedelta(days=28)), until=until)
    background = repo.entries(list(CONTEXT_KINDS), until=since)
    return report_document(around, background, settings, start, end, now, generated=clock.now())


def report_document(around: list[Entry], background: list[Entry], settings: Settings, start: dt.date,
                    end: dt.date, now: dt.datetime, *, generated: dt.datetime | None = None) -> ReportDocument:
    """The pure part: entries in and around the period -> the document.

    Args:
        around: every entry from at least 28 days before `start` up to the end of `end`.
        background: medicines, diet changes and injuries from before that (what was already in
            place, and the red-flag rules' context whatever its age).
        now: the moment red flags are judged at (the end of the period, or now if sooner).
    """
    boundary = settings.boundary
    day_of = {id(e): entry_day(e, boundary) for e in around}
    period = [e for e in around if start <= day_of[id(e)] <= end]
    cramps = [e for e in period if isinstance(e, Cramp)]
    days = (end - start).days + 1
    from .trends import build_trends

    weeks = -(-((end - _week_start(start, settings)).days + 1) // 7)
    trends = build_trends(around, settings, end, weeks, shoes=[], shoe_km={}, since=start)
    logged = sum(start <= d <= end for d in trends.logged_days)
    facts = [
        ("Period", f"{start:%d %b %Y} to {end:%d %b %Y} ({days} diary days)"),
        ("Cramps logged", f"{plural(len(cramps), 'cramp')} on "
                          f"{plural(len({day_of[id(c)] for c in cramps}), 'day')}"),
        ("Days with entries", f"{logged} of {days} ({logged / days:.0%})"),
        ("Generated", f"{generated or now:%d %b %Y %H:%M} by cramplog"),
    ]
    sections = [
        Section("About this report", [note(DISCLAIMER.format(emergency=_emergency()))], "about"),
        _red_flag_section(around, background, period, now, day_of),
        _episodes_section(cramps, day_of, settings),
        _frequency_section(trends, cramps),
        _medicine_section(around + background, period, start, end),
        _findings_section(around, settings, start, end, now),
    ]
    return ReportDocument("Muscle cramp diary: summary for a clinician", facts, sections)


def _week_start(day: dt.date, settings: Settings) -> dt.date:
    from .trends import week_start

    return week_start(day, settings.week_start)


def _emergency() -> str:
    return "999, 112 or 911"


def _red_flag_section(around: list[Entry], background: list[Entry], period: list[Entry], now: dt.datetime,
                      day_of: dict[int, dt.date]) -> Section:
    from ..domain.redflags import TIER_LABELS, check_journal

    blocks: list[Block] = []
    flags = check_journal(around, now, context=background)
    if flags:
        when = {e.id: day for e in around if e.id is not None and (day := day_of.get(id(e))) is not None}
        items = []
        for f in flags:
            days = sorted({when[i] for i in f.entry_ids if i in when})
            logged = f" Entries behind it: {', '.join(d.isoformat() for d in days)}." if days else ""
            items.append(f"{TIER_LABELS[f.tier]}: {f.title}.{logged}")
        blocks.append(para("Safety notices shown to this person and active at the end of the period "
                           "(these never depend on statistics):"))
        blocks.append(bullets(items))
    rows: list[list[str]] = []
    for e in period:
        if isinstance(e, Symptom):
            rows.append(_when(e, day_of) + [label(e.symptom), e.side or "", e.note])
        elif isinstance(e, Cramp):
            signs = ", ".join(cramp_signs(e))
            if signs:
                rows.append(_when(e, day_of) + [f"cramp ({label(e.muscle)}) with {signs}", e.side, e.note])
    if rows:
        blocks.append(para("Symptoms logged in the period, and cramps logged with swelling, tingling or "
                           "pain that persisted:"))
        blocks.append(table(["Date", "Time", "Symptom", "Side", "Note"], rows))
    if not blocks:
        blocks.append(para("No red-flag symptoms were logged in this period, and no safety notice is active. "
                           "This is only what was logged; it rules nothing out."))
    return Section("Red-flag symptoms logged", blocks, "red-flags")


def _when(e: Entry, day_of: dict[int, dt.date]) -> list[str]:
    return [day_of[id(e)].isoformat(), f"{e.at:%H:%M}"]


def _episodes_section(cramps: list[Cramp], day_of: dict[int, dt.date], settings: Settings) -> Section:
    if not cramps:
        return Section("Episodes", [para("No cramps were logged in this period.")], "episodes")
    rows = []
    for c in cramps:
        extra = [s for s in (", ".join(cramp_signs(c)), f"relieved by {c.relief}" if c.relief else "", c.note) if s]
        rows.append(_when(c, day_of) + [label(c.muscle), c.side, str(c.severity),
                                        format_duration(c.duration_s) or "—", label(c.context), "; ".join(extra)])
    severities = [c.severity for c in cramps]
    durations = [c.duration_s for c in cramps if c.duration_s]
    by_context = Counter(label(c.context) for c in cramps)
    by_muscle = Counter(label(c.muscle) for c in cramps)
    summary = [
        f"Severity (1–10): median {statistics.median(severities):g}, range {min(severities)}–{max(severities)}.",
        "Duration: " + (f"median {format_duration(round(statistics.median(durations)))} (m:ss) over "
                        f"{len(durations)} episodes with a duration" if durations else "not recorded") + ".",
        "By context: " + ", ".join(f"{k} {v}" for k, v in by_context.most_common()) + ".",
        "By muscle: " + ", ".join(f"{k} {v}" for k, v in by_muscle.most_common()) + ".",
    ]
    note_text = ("Night cramps before the day boundary "
                 f"({settings.day_boundary}) are dated to the evening before, as in the diary.")
    return Section("Episodes", [bullets(summary), table(
        ["Date", "Time", "Muscle", "Side", "Severity", "Duration", "Context", "Also noted"], rows),
        para(note_text)], "episodes")


def _frequency_section(trends: Any, cramps: list[Cramp]) -> Section:
    from .chart_render import render_chart

    rows = [[w.start.isoformat(), str(w.logged_days),
             "nothing logged" if w.cramps is None else str(w.cramps),
             "—" if w.mean_severity is None else f"{w.mean_severity:.1f}"] for w in trends.weeks]
    per = "month (the table below gives every week)" if trends.by_month else "week"
    blocks = [para(f"Cramps per {per}; weeks start on the week's first diary day. A week with nothing "
                   "logged is a gap, not a week without cramps."),
              pre(render_chart(trends.charts["cramps"], *CHART_SIZE, color=False).rstrip()),
              table(["Week of", "Days with entries", "Cramps", "Mean severity"], rows)]
    return Section("Frequency over time", blocks, "frequency")


def _medicine_section(entries: list[Entry], period: list[Entry], start: dt.date, end: dt.date) -> Section:
    seen: set[int | None] = set()
    rows = []
    for m in sorted((e for e in entries if isinstance(e, Medicine)), key=lambda m: m.start):
        if m.id in seen or m.start > end or (m.stop is not None and m.stop < start):
            continue
        seen.add(m.id)
        change = []
        if m.start >= start:
            change.append("started in period")
        if m.stop is not None and m.stop <= end:
            change.append("stopped in period")
        rows.append([m.name, label(m.med_class), m.dose or "—", m.start.isoformat(),
                     m.stop.isoformat() if m.stop else "ongoing", ", ".join(change) or "unchanged"])
    blocks: list[Block] = []
    if rows:
        blocks.append(table(["Medicine or supplement", "Class", "Dose", "Start", "Stop", "In this period"], rows))
        blocks.append(note(MEDICINE_NOTE_CLINICIAN))
    else:
        blocks.append(para("No medicines or supplements were logged for this period."))
    diets = sorted((e for e in entries if isinstance(e, Diet)), key=lambda d: d.day)
    before = [d for d in diets if d.day < start]
    during = [d for d in diets if start <= d.day <= end]
    diet_lines = []
    if before:
        diet_lines.append(f"Diet at the start of the period: {label(before[-1].pattern)} (since {before[-1].day}).")
    diet_lines += [f"Diet changed to {label(d.pattern)} on {d.day}"
                   + {True: ", with a B12 supplement", False: ", without a B12 supplement", None: ""}[d.b12] + "."
                   for d in during]
    if diet_lines:
        blocks.append(bullets(diet_lines))
    return Section("Medicines, supplements and changes", blocks, "medicines")


def _findings_section(entries: list[Entry], settings: Settings, start: dt.date, end: dt.date,
                      now: dt.datetime) -> Section:
    """Findings over the period's diary days; earlier entries serve only as lagged exposures."""
    from ..domain.redflags import MEDICINE_NOTE
    from .insights import analyse
    from .present import present

    result = analyse(entries, settings, end, now=now, start=start, end=end)
    view = present(result, for_reader=False)
    blocks: list[Block] = [para(view.method_note)]
    rows = [[c.heading, STATUS_WORDS.get(c.status, c.status_label), c.sentence, c.figure] for c in view.cards]
    if rows:
        blocks.append(table(["Factor", "Status", "In the diary", "Odds ratio (95% range)"], rows))
    if view.overlaps:
        blocks.append(bullets(view.overlaps))
    shared = set.intersection(*(set(c.caveats) for c in view.cards)) if view.cards else set()
    caveats = [f"{c.heading}: {x}" for c in view.cards for x in c.caveats
               if x not in shared and x != MEDICINE_NOTE]
    if caveats:
        blocks.append(para("Caveats:"))
        blocks.append(bullets(caveats))
    blocks.append(note(PATTERN_NOTE))
    return Section("What goes with the cramps", blocks, "findings")


def render(document: ReportDocument, fmt: str) -> str:
    """The document as Markdown (`md`) or one self-contained HTML file (`html`)."""
    from .report_format import to_html, to_markdown

    return to_html(document) if fmt == "html" else to_markdown(document)
