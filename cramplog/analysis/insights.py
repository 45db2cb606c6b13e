"""Provides `analyse`: the journal's findings per factor, red flags first, and their JSON form.

Flow: entries (or bulk rows) -> per-kind tables -> daily frame -> logged days in the period
(from the first check-in or cramp; with a context filter, other contexts' cramp days left out)
-> per factor a case-crossover estimate -> BH with each family counted once -> gates and
statuses -> sentences -> overlapping flagged factors named together. Step changes (diet,
medicine) get before/after rate ratios; shoes get cramps per 100 km. Red flags come from
`cramplog.domain.redflags` and never depend on any of this. `insights_for_repository` caches
results on the journal's change token, the settings and the day.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..domain import vocab
from ..domain.before_after import enough_sides
from ..domain.entries import Entry
from ..domain.quantities import format_distance
from ..domain.redflags import MEDICINE_NOTE, RedFlag, check_journal
from ..domain.settings import Settings
from ..domain.units import KM_PER
from ..shapes import schema
from . import gates, stats, wording
from . import tables as T
from .comparisons import AT_RISK, compared_days, comparison_rows, factor_rows, outcome_days, unmatched
from .factors import FACTORS, FAMILIES, FAMILY_OF, Factor, family_titles
from .frame import frame_from_tables
from .gates import FINDING_GATE, PATTERN_GATE

if TYPE_CHECKING:
    from ..storage.repository import JournalRepository

SCHEMA = schema("insights")

OVERLAP_PHI = 0.4
"""Flagged factors whose days correlate above this (phi) are read as one family (docs/analysis.md §3, point 5)."""
FLAGGED = ("early_hint", "consistent_pattern")
NOT_ANALYSED = {
    "running": "a cramp while running can only happen on a day with a run",
    "stretching": "a cramp while stretching happens during a stretch, which this factor would count",
}
"""Why a factor bound to a context (`Factor.bound`) is not analysed under that context."""


@dataclass(slots=True)
class Finding:
    """One factor's result, ready to print: status, sentence and caveats, with the numbers."""

    factor: str
    title: str
    article_section: str
    status: str
    sentence: str
    caveats: list[str]
    counts: dict[str, int]
    odds_ratio: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    q: float | None = None
    method: str = "none"
    kind: str = "case_crossover"
    subject: str = ""
    mh_odds_ratio: float | None = None
    mh_ci: tuple[float, float] | None = None
    sensitivity_odds_ratio: float | None = None
    halves_agree: bool | None = None
    definition: str = ""
    lag: str = ""
    default: str = ""
    evidence: str = ""
    p: float | None = None
    family: str = ""
    """Pre-specified family id (factors.FAMILIES), or "" for a factor on its own."""
    never_varies: bool = False
    """The factor was on every compared day or on none: there is nothing to compare."""

    @property
    def heading(self) -> str:
        """What a person reads as this finding's name: its title, and the subject of a before/after
        one ("Starting a medicine (furosemide from 2026-11-25)"), wherever findings are listed."""
        return f"{self.title} ({self.subject})" if self.subject else self.title

    @property
    def key(self) -> str:
        """Names this finding among the others: the factor, and for a before/after one its subject
        (each medicine and diet change is a finding of its own under one factor id)."""
        return f"{self.factor}: {self.subject}" if self.subject else self.factor


@dataclass(slots=True)
class Overlap:
    """Flagged factors that mostly fall on the same days, named together once."""

    factors: list[str]
    titles: list[str]
    shared_cramp_days: int
    """Cramp days exposed to more than one of them."""
    cramp_days: int
    """Cramp days exposed to any of them."""
    phi: float
    """The largest correlation (phi) between two of them on the analysed days."""
    sentence: str


@dataclass(slots=True)
class ShoeRate:
    shoe_id: int
    name: str
    km: float
    cramps: int
    per_100km: float | None
    sentence: str


@dataclass(slots=True)
class Insights:
    findings: list[Finding]
    red_flags: list[RedFlag]
    logged_days: int
    cramp_days: int
    completeness: float
    first_day: dt.date | None
    last_day: dt.date | None
    method_note: str
    days: int = 0
    context: str | None = None
    shoes: list[ShoeRate] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)
    units: str = "metric"
    unmatched: int = 0
    """Cramps during a run or a stretch on days where no run or stretch was logged: not compared."""
    factors: int = 0
    """How many factors were compared: the pre-specified list, less those not analysed for the
    context (`compared`). The one count the method note, the app and the report give."""


def analyse(
    entries: Iterable[Entry],
    settings: Settings,
    today: dt.date,
    *,
    now: dt.datetime | None = None,
    context: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Insights:
    """Findings and red flags for a journal given as domain entries."""
    entries = list(entries)
    when = now or dt.datetime.combine(today, dt.time(23, 59), tzinfo=dt.timezone.utc)
    tables = T.from_entries(entries, settings.boundary)
    return analyse_tables(
        tables,
        settings,
        today,
        red_flags=check_journal(entries, when, boundary=settings.boundary),
        context=context,
        start=start,
        end=end,
    )


def analyse_tables(
    tables: T.Tables,
    settings: Settings,
    today: dt.date,
    *,
    red_flags: Sequence[RedFlag] = (),
    context: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Insights:
    """Findings from per-kind tables (the bulk-read path); red flags computed by the caller."""
    frame = frame_from_tables(tables, settings, today)
    return analyse_frame(frame, settings, tables=tables, red_flags=red_flags, context=context, start=start, end=end)


def analyse_frame(
    frame: pd.DataFrame,
    settings: Settings,
    *,
    factors: Sequence[Factor] = FACTORS,
    tables: T.Tables | None = None,
    red_flags: Sequence[RedFlag] = (),
    context: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Insights:
    """Findings from a daily frame; the simulation calls this with its own factor columns."""
    if context is not None and context not in vocab.CONTEXTS:
        raise ValueError(f"unknown context {context!r}")
    period = frame
    if start is not None:
        period = period[period.index >= pd.Timestamp(start)]
    if end is not None:
        period = period[period.index <= pd.Timestamp(end)]
    logged_index = period.index[period["logged"].astype(bool)]
    if len(logged_index):
        # The diary period: from the first day with a check-in or a cramp, never from the date
        # a shoe, medicine or diet change began.
        period = period[period.index >= logged_index[0]]
    logged_days = period[period["logged"].astype(bool)]
    days = compared_days(logged_days, context).copy()
    days["cramp_day"] = outcome_days(days, context)
    if context is not None:
        days["cramps"] = days[f"cramps_{context}"]
    completeness = len(logged_days) / len(period) if len(period) else 0.0
    findings, overlaps = _case_crossover(days, comparison_rows(days, context), factors, settings, completeness, context)
    if tables is not None:
        findings += _step_changes(days, tables, settings, context)
    # No logged day, no period (not "today to today"): the period starts on the first one.
    first = period.index[0].date() if len(logged_index) else None
    last = period.index[-1].date() if len(logged_index) else None
    cramp_days = int(days["cramp_day"].sum()) if len(days) else 0
    left_out = unmatched(logged_days, context)
    n_factors = len(compared(factors, context))
    return Insights(
        findings=findings,
        red_flags=list(red_flags),
        logged_days=len(days),
        cramp_days=cramp_days,
        completeness=completeness,
        first_day=first,
        last_day=last,
        days=len(period),
        context=context,
        method_note=method_note(
            len(days), len(logged_days), len(period), cramp_days, first, last, settings, context, left_out, n_factors
        ),
        factors=n_factors,
        shoes=_shoes(days, tables, settings, context) if tables is not None else [],
        overlaps=overlaps,
        units=settings.units,
        unmatched=left_out,
    )


def _units(factors: Sequence[Factor]) -> list[list[int]]:
    """Factor positions grouped as BH counts them: each pre-specified family once."""
    groups: dict[str, list[int]] = {}
    for i, f in enumerate(factors):
        groups.setdefault(FAMILY_OF.get(f.id, f"__{f.id}"), []).append(i)
    return list(groups.values())


def family_bh(pvalues: list[float | None], units: list[list[int]]) -> list[float | None]:
    """Benjamini-Hochberg with each family counted once (its Simes p), so m = number of units.

    One rule, as docs/analysis.md states it: a factor that could not be estimated counts with
    p = 1, in its family's Simes combination and (a family or factor without any estimate) in BH;
    a factor left out of the analysis (`nan`: not analysed for this context) is not counted at all.
    A member's q is its family's q, and never below its own p.
    """
    unit_p: list[float | None] = []
    for members in units:
        ps = sorted(1.0 if p is None else p for i in members if not _left_out(p := pvalues[i]))
        unit_p.append(min(len(ps) * p / (r + 1) for r, p in enumerate(ps)) if ps else math.nan)
    kept = [(i, p) for i, p in enumerate(unit_p) if p is None or not math.isnan(p)]
    unit_q: list[float | None] = [None] * len(units)
    for (i, _), q in zip(kept, stats.bh([min(1.0, p) if p is not None else None for _, p in kept]), strict=True):
        unit_q[i] = q
    out: list[float | None] = [None] * len(pvalues)
    for members, q in zip(units, unit_q, strict=True):
        for i in members:
            p = pvalues[i]
            out[i] = None if p is None or _left_out(p) or q is None else max(q, p)
    return out


def _left_out(p: float | None) -> bool:
    return p is not None and math.isnan(p)


def _case_crossover(
    days: pd.DataFrame,
    rows: pd.DataFrame,
    factors: Sequence[Factor],
    settings: Settings,
    completeness: float,
    context: str | None,
) -> tuple[list[Finding], list[Overlap]]:
    chosen_factors = compared(factors, context)
    skipped = [f not in chosen_factors for f in factors]
    estimates: list[tuple[stats.Estimate, tuple[int, int, int, int]] | None] = []
    for f, skip in zip(factors, skipped, strict=True):
        if skip:
            estimates.append(None)
            continue
        chosen = factor_rows(rows, f.bound, context)
        estimates.append((stats.case_crossover(chosen, f.id), _day_counts(chosen, f.id)))
    ps = [math.nan if e is None else e[0].p for e in estimates]
    qs = family_bh(ps, _units(factors))
    findings = [
        _not_analysed(f, NOT_ANALYSED[context or ""], context or "", settings)
        if e is None
        else _finding(f, e[0], e[1], q, settings, completeness, context)
        for f, e, q in zip(factors, estimates, qs, strict=True)
    ]
    return findings, _overlaps(days, findings)


def compared(factors: Sequence[Factor], context: str | None) -> list[Factor]:
    """The factors compared under `context`: all but those built from the activity its cramps
    happen during (`Factor.bound`). Benjamini-Hochberg runs over these."""
    return [f for f in factors if context is None or f.bound != context]


def _day_counts(rows: pd.DataFrame, factor: str) -> tuple[int, int, int, int]:
    """(exposed days, exposed cramp days, other days, other cramp days), each day once.

    The estimate counts a day once per group it is compared in (comparisons.py); people read
    days, so sentences and gates count each day once, a cramp day when any of its groups' cramps
    is counted for this factor.
    """
    tracked = rows[rows[factor].notna()]
    if tracked.empty:
        return 0, 0, 0, 0
    per_day = tracked.groupby(level=0)[[factor, "cramp_day"]].max()
    x, y = per_day[factor].to_numpy(float), per_day["cramp_day"].to_numpy(float)
    return int(x.sum()), int((x * y).sum()), int((1 - x).sum()), int(((1 - x) * y).sum())


def _not_analysed(f: Factor, why: str, context: str, settings: Settings) -> Finding:
    sentence = f"Not analysed for {wording.CRAMPS_OF[context]}: {why}."
    return Finding(
        factor=f.id,
        title=f.title,
        article_section=f.article_section,
        status="not_analysed",
        sentence=sentence,
        caveats=[wording.INSIGHT_DISCLAIMER],
        counts={},
        definition=f.definition,
        lag=f.lag,
        default=f.default(settings),
        evidence=f.evidence,
        family=FAMILY_OF.get(f.id, ""),
    )


def _overlaps(days: pd.DataFrame, findings: list[Finding]) -> list[Overlap]:
    """Flagged factors that truly go together, named together once: their estimates point the
    same way, and their days correlate (phi > OVERLAP_PHI) or most cramp days with either have
    both. Being of one family is not enough (two independent factors are two patterns), nor is a
    rare factor's days falling within a common one's: most days with a worn shoe are low-potassium
    days when most days are, which says nothing about the two going together."""
    flagged = [f for f in findings if f.kind == "case_crossover" and f.status in FLAGGED and f.factor in days]
    if len(flagged) < 2:
        return []
    cramp = days["cramp_day"].to_numpy(float) == 1
    cols = {f.factor: days[f.factor].to_numpy(float) for f in flagged}
    parent = {f.factor: f.factor for f in flagged}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    best: dict[tuple[str, str], float] = {}
    for i, a in enumerate(flagged):
        for b in flagged[i + 1 :]:
            x, y = cols[a.factor], cols[b.factor]
            both = ~np.isnan(x) & ~np.isnan(y)
            phi = _phi(x[both], y[both])
            ea, eb = (x == 1) & cramp, (y == 1) & cramp
            shared, either = int((ea & eb).sum()), int((ea | eb).sum())
            same_way = (
                (a.odds_ratio or 1.0) > 1
                and (b.odds_ratio or 1.0) > 1
                or ((a.odds_ratio or 1.0) < 1 and (b.odds_ratio or 1.0) < 1)
            )
            if same_way and (phi > OVERLAP_PHI or shared > either / 2):
                parent[root(a.factor)] = root(b.factor)
                best[(a.factor, b.factor)] = phi
    groups: dict[str, list[Finding]] = {}
    for f in flagged:
        groups.setdefault(root(f.factor), []).append(f)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ids = [m.factor for m in members]
        exposed = np.array([cols[i] == 1 for i in ids])
        count = exposed.sum(axis=0)
        any_days = int(((count >= 1) & cramp).sum())
        shared = int(((count >= 2) & cramp).sum())
        families = {m.family for m in members}
        reading = FAMILIES[next(iter(families))][0] if len(families) == 1 and "" not in families else ""
        phi = max((v for k, v in best.items() if k[0] in ids and k[1] in ids), default=0.0)
        titles = [m.title for m in members]
        out.append(
            Overlap(
                ids, titles, shared, any_days, phi, wording.overlap_sentence(titles, shared, any_days, phi, reading)
            )
        )
    return out


def _against_an_empty_side(est: stats.Estimate) -> bool:
    """The estimate says more cramps on exposed days where none had one (or fewer where every
    cramp day was exposed): a median-unbiased figure of sparse months can, and printed beside
    "0 of 7" it reads as nonsense. An independent reviewer's null diaries found it in 85 of 150."""
    orr = est.odds_ratio
    if orr is None:
        return False
    return (est.exposed_cramp_days == 0 and orr > 1) or (est.unexposed_cramp_days == 0 and orr < 1)


def _phi(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 2 or x.std() == 0 or y.std() == 0:
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])


def problem(est: stats.Estimate) -> str:
    """Why an estimate can't be shown ("" when it can): none, not finite, or outside its range."""
    orr, low, high = est.odds_ratio, est.ci_low, est.ci_high
    if orr is None or low is None or high is None or est.p is None:
        return est.reason or "there is nothing to compare yet"
    if not wording.finite(orr) or orr <= 0 or math.isnan(low) or math.isnan(high) or math.isnan(est.p):
        return "the figure can't be worked out from these days"
    if not low <= orr <= high or low == high:
        return "the figure and its range don't agree, so neither is shown"
    return ""


def status_of(est: stats.Estimate, q: float | None, completeness: float, fdr_q: float) -> str:
    """The gates of docs/analysis.md §3 (Statuses) (`gates`), on the estimate's counts."""
    if (
        not gates.met(est.days, est.cramp_days, est.exposed_days, est.unexposed_days, completeness)
        or problem(est)
        or q is None
    ):
        return "not_enough_data"
    assert est.odds_ratio is not None and est.ci_low is not None and est.ci_high is not None
    return gates.status(est.odds_ratio, est.ci_low, est.ci_high, q, fdr_q, est.days, est.cramp_days, est.halves)


def _finding(
    f: Factor,
    est: stats.Estimate,
    day_counts: tuple[int, int, int, int],
    q: float | None,
    settings: Settings,
    completeness: float,
    context: str | None,
) -> Finding:
    # People read days: sentences and gates count each day once (`_day_counts`).
    (est.exposed_days, est.exposed_cramp_days, est.unexposed_days, est.unexposed_cramp_days) = day_counts
    status = status_of(est, q, completeness, settings.fdr_q)
    counts = {
        "exposed_days": est.exposed_days,
        "exposed_cramp_days": est.exposed_cramp_days,
        "unexposed_days": est.unexposed_days,
        "unexposed_cramp_days": est.unexposed_cramp_days,
    }
    show = status != "not_enough_data"
    gated = gates.met(est.days, est.cramp_days, est.exposed_days, est.unexposed_days, completeness)
    reason = problem(est) if gated else ""
    subject = wording.cramps_counted(context, f.bound)
    other = wording.OTHER_DAYS.get(context or "", "other days")
    sentence = wording.counts_sentence(
        f.label, est.exposed_cramp_days, est.exposed_days, est.unexposed_cramp_days, est.unexposed_days, other, subject
    )
    if est.exposed_days and est.unexposed_days:
        point = not _against_an_empty_side(est)
        sentence += " " + wording.pattern_sentence(
            status, f.label, est.odds_ratio if show else None, est.ci_low, est.ci_high, reason, subject, point
        )
        if show and point and est.odds_ratio is not None and _against_the_totals(est):
            sentence += " " + wording.SAME_MONTH
    caveats = [wording.INSIGHT_DISCLAIMER, f.caveat, f"Published evidence for this factor: {f.evidence}."]
    if show and est.method == "exact_conditional":
        caveats.append(
            f"An exact method was used because {est.reason}; it still compares days "
            "within the same calendar month, and its range is wide."
        )
    mh = est.mh_odds_ratio
    if show and est.odds_ratio and wording.finite(mh) and mh and abs(math.log(mh / est.odds_ratio)) > math.log(1.5):
        caveats.append(
            f"A simpler cross-check (Mantel-Haenszel) gives about {wording.number(mh)} times the "
            "odds, so treat the figure with extra care."
        )
    if show and est.halves and len(set(est.halves)) > 1:
        caveats.append("The first and second halves of the diary point in different directions.")
    sens = est.sensitivity_odds_ratio
    if (
        show
        and sens
        and est.odds_ratio
        and wording.finite(sens)
        and abs(math.log(sens)) < abs(math.log(est.odds_ratio)) - math.log(1.5)
    ):
        caveats.append(
            f"Cramps cluster in time: leaving out the two days after each cramp day brings the "
            f"figure to about {wording.number(sens)} times the odds, closer to no difference, so "
            "part of this may come from runs of cramps."
        )
    if f.exploratory:
        caveats.append("Exploratory only: there is no published evidence to test here.")
    return Finding(
        factor=f.id,
        title=f.title,
        article_section=f.article_section,
        status=status,
        sentence=sentence,
        caveats=caveats,
        counts=counts,
        odds_ratio=est.odds_ratio if show else None,
        ci_low=est.ci_low if show else None,
        ci_high=est.ci_high if show else None,
        q=q if show else None,
        method=est.method,
        mh_odds_ratio=mh if wording.finite(mh) else None,
        mh_ci=est.mh_ci,
        sensitivity_odds_ratio=sens if wording.finite(sens) else None,
        halves_agree=(est.halves[0] == est.halves[1] != 0) if est.halves else None,
        definition=f.definition,
        lag=f.lag,
        default=f.default(settings),
        evidence=f.evidence,
        p=est.p,
        family=FAMILY_OF.get(f.id, ""),
        never_varies=(est.exposed_days == 0) != (est.unexposed_days == 0),
    )


def _against_the_totals(est: stats.Estimate) -> bool:
    """Whether the estimate points the other way from the crude rates (cramp days with / without)."""
    assert est.odds_ratio is not None
    crude = (est.exposed_cramp_days / est.exposed_days) - (est.unexposed_cramp_days / est.unexposed_days)
    return (crude > 0 and est.odds_ratio < 1) or (crude < 0 and est.odds_ratio > 1)


def _step_changes(days: pd.DataFrame, tables: T.Tables, settings: Settings, context: str | None) -> list[Finding]:
    """A before/after finding for each diet change and medicine whose windows hold a logged day
    of the period: one from years before (a statin stopped in 2021, in a month's report) has
    nothing to compare and is left out rather than listed as short of data."""
    out: list[Finding | None] = []
    for diet in tables["diet"].sort_values("at").itertuples():
        subject = f"to {vocab.label(diet.pattern)} on {diet.date}"
        out.append(
            _before_after(
                days,
                "diet_change",
                "Diet change",
                "Mineral imbalance",
                subject,
                f"changing diet ({subject})",
                diet.day,
                settings.diet_window_weeks * 7,
                [
                    "Diet changes are often made when cramps are at a peak, so some fall "
                    "afterwards is expected anyway (regression to the mean).",
                    "Plant-based diets usually raise magnesium and potassium intake; the "
                    "diet risk that matters is low vitamin B12 without a supplement.",
                ],
                context=context,
            )
        )
    for med in tables["med"].sort_values("at").itertuples():
        subject = f"{med.name} from {med.start}"
        extra = [MEDICINE_NOTE]
        if med.med_class == "statin":
            extra.append("In blinded trials most muscle symptoms on statins also appeared on placebo.")
        out.append(
            _before_after(
                days,
                "new_medicine",
                "Starting a medicine",
                "Medicines",
                subject,
                f"starting {med.name}",
                pd.Timestamp(med.start),
                settings.new_medicine_days,
                extra,
                stop=None if pd.isna(med.stop) else pd.Timestamp(med.stop),
                context=context,
            )
        )
    return [f for f in out if f is not None]


def _before_after(
    days: pd.DataFrame,
    factor: str,
    title: str,
    section: str,
    subject: str,
    what: str,
    change: pd.Timestamp,
    window: int,
    caveats: list[str],
    stop: pd.Timestamp | None = None,
    context: str | None = None,
) -> Finding | None:
    rr = stats.rate_ratio(days, change, window, stop=stop)
    if rr.before_days == 0 and rr.after_days == 0:
        return None  # no logged day of the period on either side
    sane = (
        rr.ratio is not None
        and rr.ci_low is not None
        and rr.ci_high is not None
        and wording.finite(rr.ratio)
        and rr.ratio > 0
        and rr.ci_low <= rr.ratio <= rr.ci_high
    )
    if not enough_sides(rr.before_days, rr.after_days) or not sane:
        status = "not_enough_data"
    elif (rr.ci_low or 0) > 1 or (rr.ci_high if rr.ci_high is not None else math.inf) < 1:
        status = "early_hint"  # never "consistent": step changes invite regression to the mean
    else:
        status = "no_clear_link"
    show = status != "not_enough_data"
    return Finding(
        factor=factor,
        title=title,
        article_section=section,
        status=status,
        kind="before_after",
        subject=subject,
        sentence=wording.rate_sentence(
            status,
            what,
            (rr.before_cramps, rr.before_days),
            (rr.after_cramps, rr.after_days),
            rr.ratio,
            rr.ci_low,
            rr.ci_high,
            wording.CRAMPS_OF[context],
        ),
        caveats=[wording.INSIGHT_DISCLAIMER, *caveats],
        counts={
            "before_days": rr.before_days,
            "before_cramps": rr.before_cramps,
            "after_days": rr.after_days,
            "after_cramps": rr.after_cramps,
        },
        odds_ratio=rr.ratio if show else None,
        ci_low=rr.ci_low if show else None,
        ci_high=rr.ci_high if show else None,
        method="rate_ratio_exact_conditional",
        p=rr.p,
        definition=f"cramps per logged day in the {window} days after vs the {window} days before",
        lag=f"{window} days each side",
        default=f"{window} days",
    )


def _shoes(days: pd.DataFrame, tables: T.Tables, settings: Settings, context: str | None) -> list[ShoeRate]:
    """Cramps per 100 km run in each shoe: exercise cramps, or the `--context`'s cramps."""
    runs, shoes = tables["run"], tables["shoe"]
    runs = runs[runs["shoe_id"].notna() & runs["day"].isin(days.index)]
    out = []
    contexts = ("running", "other_exercise") if context is None else (context,)
    counted = sum(days[f"cramps_{c}"].fillna(0) for c in contexts)
    what = "exercise cramps" if context is None else wording.CRAMPS_OF[context]
    for shoe in shoes.sort_values("at").itertuples():
        mine = runs[runs["shoe_id"] == shoe.id]
        km = float(mine["distance_km"].sum())
        cramps = int(counted.reindex(mine["day"].unique()).sum()) if len(mine) else 0
        per = cramps / km * 100 if km > 0 else None
        rate = ""
        if per is not None:
            shown, unit = (per * KM_PER["mi"], "mi") if settings.units == "imperial" else (per, "km")
            rate = f" ({shown:.1f} per 100 {unit})"
        text = (
            f"{shoe.name}: {wording.cramps_of(cramps, what)} on days with {format_distance(km, settings.units)} "
            f"of running in it{rate}."
        )
        out.append(ShoeRate(int(shoe.id), shoe.name, round(km, 1), cramps, per, text))
    return out


def method_note(
    compared: int,
    logged: int,
    days: int,
    cramp_days: int,
    first: dt.date | None,
    last: dt.date | None,
    settings: Settings,
    context: str | None,
    unmatched: int = 0,
    factors: int = len(FACTORS),
) -> str:
    """How this is calculated, with this journal's own numbers; no code names. `factors`: how many
    factors are compared (`Insights.factors`)."""
    plural = wording.plural
    span = f"between {first} and {last}" if first else "so far"
    counted = wording.CRAMPS_OF[context]
    ctx = ""
    if context in AT_RISK:
        ctx = (
            f" Only {counted} are counted, and they are compared with the {plural(compared, 'logged day')} "
            f"on which one could happen (days with a {'run' if context == 'running' else 'stretch'})."
        )
    elif context is not None:
        ctx = (
            f" Only {counted} are counted; days with a cramp of another kind are compared like any "
            "other day without one."
        )
    left_out = (
        f" {plural(unmatched, 'cramp')} during a run or a stretch came on a day without one "
        "logged, so can't be compared."
        if unmatched
        else ""
    )
    return (
        f"Based on {plural(logged, 'logged day')} {span} ({logged} of {plural(days, 'day')}, "
        f"{logged / days if days else 0:.0%} complete), {cramp_days} of them with {counted}.{ctx}{left_out} "
        "The period starts on the first day with a check-in or a cramp. Days without a check-in "
        "or a cramp are left out, never counted as cramp-free. "
        "Each cramp day is compared with the other logged days of the same calendar month on "
        "which such a cramp could happen: a cramp while running with days with a run, a cramp "
        "while stretching with days with a stretch, any other cramp with every logged day (a "
        "time-stratified case-crossover design), so slow changes such as season or fitness "
        "cancel out. Every factor is measured over the same window on every day, cramp or not, "
        "and a day on which a factor wasn't measured is left out of that factor's comparison. "
        "Odds ratios come from conditional logistic regression; when counts are "
        "small, a group has no cramp days or the fit runs away, an exact conditional method is used "
        "instead, still month by month. A Mantel-Haenszel "
        "estimate is a cross-check, and a second estimate leaves out the two days after each "
        f"cramp day, because cramps cluster in time. Ranges are 95% intervals. Across the "
        f"{wording.plural(factors, 'factor')} compared the false discovery rate is controlled "
        f"(Benjamini-Hochberg, q < {settings.fdr_q:g}), "
        f"with each family of factors built from the same diary data counted once: "
        f"{'; '.join(family_titles())}. "
        f"{FINDING_GATE[0].upper()}{FINDING_GATE[1:]}; {PATTERN_GATE}. "
        "Flagged factors that mostly fall on the same days are named together as one pattern. Diet "
        "changes and new medicines are compared as cramp rates before and after."
    )


def _num(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), 4)


def to_json(insights: Insights) -> dict[str, Any]:
    """The documented, stable JSON form (docs/insights-json.md)."""
    return {
        "schema": SCHEMA,
        "period": {
            "first_day": insights.first_day.isoformat() if insights.first_day else None,
            "last_day": insights.last_day.isoformat() if insights.last_day else None,
            "days": insights.days,
            "logged_days": insights.logged_days,
            "cramp_days": insights.cramp_days,
            "completeness": round(insights.completeness, 4),
            "context": insights.context,
            "unmatched_cramps": insights.unmatched,
        },
        "red_flags": [f.to_dict() for f in insights.red_flags],
        "findings": [
            {
                "factor": f.factor,
                "subject": f.subject,
                "kind": f.kind,
                "title": f.title,
                "article_section": f.article_section,
                "status": f.status,
                "status_label": wording.STATUS_LABELS[f.status],
                "sentence": f.sentence,
                "caveats": list(f.caveats),
                "counts": dict(f.counts),
                "odds_ratio": _num(f.odds_ratio),
                "ci_low": _num(f.ci_low),
                "ci_high": _num(f.ci_high),
                "ci_high_unbounded": f.ci_high is not None and math.isinf(f.ci_high),
                "q": _num(f.q),
                "method": f.method,
                "mh_odds_ratio": _num(f.mh_odds_ratio),
                "sensitivity_odds_ratio": _num(f.sensitivity_odds_ratio),
                "halves_agree": f.halves_agree,
                "definition": f.definition,
                "lag": f.lag,
                "default": f.default,
                "evidence": f.evidence,
                "family": f.family,
                "never_varies": f.never_varies,
            }
            for f in insights.findings
        ],
        "overlaps": [
            {
                "factors": list(o.factors),
                "shared_cramp_days": o.shared_cramp_days,
                "cramp_days": o.cramp_days,
                "phi": _num(o.phi),
                "sentence": o.sentence,
            }
            for o in insights.overlaps
        ],
        "units": insights.units,
        "shoes": [
            {
                "shoe_id": s.shoe_id,
                "name": s.name,
                "km": s.km,
                "cramps": s.cramps,
                "per_100km": _num(s.per_100km),
                "sentence": s.sentence,
            }
            for s in insights.shoes
        ],
        "method_note": f"{insights.method_note} {wording.JOURNAL_NOTE}",
        "disclaimer": wording.INSIGHT_DISCLAIMER,
    }


def analyse_repository(
    repo: JournalRepository,
    settings: Settings,
    today: dt.date,
    now: dt.datetime,
    *,
    context: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Insights:
    """`analyse` on the journal file: bulk rows for the statistics, recent entries for red flags."""
    from ..domain.redflags import check_active

    tables = T.from_repository(repo, settings.boundary)
    flags = check_active(repo, now)
    return analyse_tables(tables, settings, today, red_flags=flags, context=context, start=start, end=end)


CACHE_SIZE = 8
_cache: dict[tuple[Any, ...], Insights] = {}


def insights_for_repository(
    repo: JournalRepository,
    settings: Settings,
    today: dt.date,
    now: dt.datetime,
    *,
    context: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Insights:
    """`analyse_repository`, answered from memory when nothing that matters has changed.

    The key is the journal (its file and `change_token()`), the settings, the diary day and
    the request. Any added, edited or deleted entry changes the token, so a new red flag is
    never missed; within one day a flag may stay listed until the next change or the next day.
    """
    key = (str(repo.path), repo.change_token(), settings, today, now.date(), context, start, end, stats.ENGINE)
    found = _cache.get(key)
    if found is None:
        found = analyse_repository(repo, settings, today, now, context=context, start=start, end=end)
        if len(_cache) >= CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = found
    return found
