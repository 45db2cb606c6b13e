"""Provides `present`: insights turned into text once, for the terminal, the app and the report.

`cli/insights.py`, `ui/screens/insights.py` and the clinician report only lay out what this
returns (wrapping, cards, tables); none of them words a finding, a flag or a summary itself.
"""

from __future__ import annotations

from dataclasses import field

from ..domain.record import record
from ..domain.redflags import TIER_HEADINGS, TIER_LABELS
from . import wording
from .comparisons import AT_RISK
from .gates import MIN_CRAMP_DAYS, MIN_LOGGED_DAYS
from .insights import FLAGGED, Finding, Insights

ORDER = ("consistent_pattern", "early_hint", "no_clear_link", "not_analysed", "not_enough_data")
"""Cards are shown in this order of status (red flags always come before any card)."""


@record
class FlagText:
    tier: str
    label: str
    """'URGENT (same day)'."""
    heading: str
    """'Urgent: ask for a same-day appointment'."""
    title: str
    text: str

    @property
    def line(self) -> str:
        return f"{self.label}: {self.title}."


@record
class Card:
    """One finding, worded: heading, status, sentence, caveats, and a short figure for tables."""

    factor: str
    heading: str
    status: str
    status_label: str
    section: str
    sentence: str
    caveats: list[str]
    """Without the insight disclaimer, which is shown once."""
    figure: str
    """'2.6 (1.5 to 4.4)' for tables, '—' when no figure is shown."""
    definition: str
    key: str = ""
    """The finding's `key`: one card per medicine or diet change, though they share a factor."""


@record
class Presentation:
    flags: list[FlagText]
    summary: str
    overlaps: list[str]
    cards: list[Card]
    shoes: list[str]
    disclaimer: str
    method_note: str
    definitions: list[str] = field(default_factory=list)
    progress: str = ""
    """'9 of 28 logged days, 2 of 8 cramp days' while the journal is below the gates, else ""."""
    others: str = ""
    """The factors without a card worth reading, by reason (`others_line`)."""
    factors: int = 0
    """How many factors were compared (`Insights.factors`)."""


def _figure(f: Finding) -> str:
    if (
        f.status in ("not_enough_data", "not_analysed")
        or f.odds_ratio is None
        or f.ci_low is None
        or f.ci_high is None
        or not wording.finite(f.odds_ratio)
    ):
        return "—"
    return f"{wording.number(f.odds_ratio)} ({wording.range_words(f.ci_low, f.ci_high)})"


def summary_line(result: Insights) -> str:
    """The period and what was found: the counts are the cards listed, and factors that fall on
    the same days (overlaps) are said to read as one."""
    plural = wording.plural
    counted = wording.CRAMPS_OF[result.context]
    if not result.logged_days:
        if result.context in AT_RISK:
            return f"No logged days with a {'run' if result.context == 'running' else 'stretch'} yet."
        return "No logged days yet: a day counts once it has a cramp or a check-in."
    listed = [f for f in result.findings if f.status in FLAGGED]
    patterns = sum(f.status == "consistent_pattern" for f in listed)
    hints = len(listed) - patterns
    found = f"{plural(patterns, 'consistent pattern')}, {plural(hints, 'early hint')}"
    together = sum(len(o.factors) for o in result.overlaps)
    if together:
        found += f" ({together} of them fall on the same days, so read as {plural(len(result.overlaps), 'pattern')})"
    span = f"; {result.first_day} to {result.last_day}" if result.first_day else ""
    with_ = "" if result.context not in AT_RISK else f" with a {'run' if result.context == 'running' else 'stretch'}"
    return (
        f"Insights from {plural(result.logged_days, 'logged day')}{with_} ({result.completeness:.0%} complete), "
        f"{result.cramp_days} with {counted}{span}. Found: {found}."
    )


def gate_progress(result: Insights) -> str:
    """'9 of 28 logged days, 2 of 8 cramp days' while the journal is below the gates, else ''."""
    if result.logged_days >= MIN_LOGGED_DAYS and result.cramp_days >= MIN_CRAMP_DAYS:
        return ""
    return (
        f"{min(result.logged_days, MIN_LOGGED_DAYS)} of {MIN_LOGGED_DAYS} logged days, "
        f"{min(result.cramp_days, MIN_CRAMP_DAYS)} of {MIN_CRAMP_DAYS} cramp days"
    )


SHOWN = ("consistent_pattern", "early_hint", "no_clear_link")
"""Statuses worth a card of their own once the journal is past the gates."""


def others_line(findings: list[Finding]) -> str:
    """The factors without a figure, by reason: never varied, too few days, not for these cramps."""
    still = [f.heading for f in findings if f.status == "not_enough_data" and not f.never_varies]
    never = [f.heading for f in findings if f.status == "not_enough_data" and f.never_varies]
    not_here = [f.heading for f in findings if f.status == "not_analysed"]
    parts = []
    if never:
        parts.append(f"Never varies yet (on every compared day or on none): {', '.join(never)}.")
    if still:
        parts.append(f"Not enough data yet for: {', '.join(still)}.")
    if not_here:
        parts.append(f"Not analysed for these cramps: {', '.join(not_here)}.")
    return " ".join(parts)


def present(result: Insights, *, for_reader: bool = True) -> Presentation:
    """Every piece of text the insights views show, in display order.

    `for_reader=False` (the clinician report) leaves out the note addressed to the diary's keeper.
    """
    flags = [FlagText(f.tier, TIER_LABELS[f.tier], TIER_HEADINGS[f.tier], f.title, f.text) for f in result.red_flags]
    cards = []
    for f in sorted(result.findings, key=lambda f: ORDER.index(f.status)):
        cards.append(
            Card(
                factor=f.factor,
                heading=f.heading,
                status=f.status,
                status_label=wording.STATUS_LABELS[f.status],
                section=f.article_section,
                sentence=f.sentence,
                caveats=[c for c in f.caveats if c != wording.INSIGHT_DISCLAIMER],
                figure=_figure(f),
                definition=f.definition,
                key=f.key,
            )
        )
    definitions = [
        f"{f.title} ({f.article_section}): {f.definition}; measured over {f.lag}; default: "
        f"{f.default}; published evidence: {f.evidence}."
        for f in result.findings
        if f.kind == "case_crossover"
    ]
    return Presentation(
        flags=flags,
        summary=summary_line(result),
        overlaps=[o.sentence for o in result.overlaps],
        cards=cards,
        shoes=[s.sentence for s in result.shoes],
        disclaimer=wording.INSIGHT_DISCLAIMER,
        method_note=f"{result.method_note} {wording.JOURNAL_NOTE}" if for_reader else result.method_note,
        definitions=definitions,
        progress=gate_progress(result),
        others=others_line(result.findings),
        factors=result.factors,
    )
