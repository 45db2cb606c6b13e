"""Provides the journal work the app does in thread workers, as plain functions.

Nothing here touches Textual: each function takes the repository, settings and clock and returns
plain data, so workers stay one-liners and the logic is testable without an app. Red flags come
from `cramplog.domain.redflags` when it is installed; without it no flag is raised.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from ..domain import entries as E
from ..errors import CramplogError
from ..domain.clock import Clock, day_start, diary_day
from ..domain.settings import Settings
from ..domain.summary import DaySummary, summarise, window_start
from ..storage.repository import JournalRepository

HISTORY_PAGE = 200
"""Entries per history page: enough for weeks of a busy diary, cheap to render."""
REMEMBERED_KINDS = ("cramp", "stretch", "run")
"""Kinds whose last entry supplies form defaults ("as last used")."""


def redflags() -> ModuleType | None:
    """The red-flag rules module, or None while it is not part of this build."""
    try:
        return importlib.import_module("cramplog.domain.redflags")
    except ImportError:
        return None


@dataclass(frozen=True, slots=True)
class DashboardData:
    """Everything the dashboard shows, loaded in one worker pass."""

    summary: DaySummary
    now: dt.datetime
    total: int
    """Entries in the whole journal (0 shows the first-run view)."""
    token: tuple[int, int, str]
    last: dict[str, E.Entry] = field(default_factory=dict)
    shoes: list[E.Shoe] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """One page of history: newest first, ending with diary day `until`."""

    entries: list[E.Entry]
    until: dt.date
    kind: str | None
    more: bool
    """Older entries exist beyond this page."""


TIER_ORDER = {"emergency": 0, "urgent": 1, "gp": 2}


def sort_flags(flags: list[Any]) -> list[Any]:
    return sorted(flags, key=lambda f: TIER_ORDER.get(getattr(f, "tier", "gp"), 3))


def current_day(clock: Clock, settings: Settings) -> dt.date:
    return diary_day(clock.now(), clock.tz, settings.boundary)


def load_dashboard(repo: JournalRepository, settings: Settings, clock: Clock) -> DashboardData:
    """Today's summary, the newest entries of remembered kinds, and shoes (flags come apart)."""
    now = clock.now()
    day = diary_day(now, clock.tz, settings.boundary)
    recent = repo.entries(since=window_start(day, clock.tz_name, settings))
    last = {kind: e for kind in REMEMBERED_KINDS if (e := repo.last(kind)) is not None}
    summary = summarise(recent, day, settings, clock.tz_name, last_cramp=last.get("cramp"))  # type: ignore[arg-type]
    shoes = [s for s in repo.entries(["shoe"]) if isinstance(s, E.Shoe)]
    token = repo.change_token()
    return DashboardData(summary=summary, now=now, total=token[0], token=token, last=last, shoes=shoes)


def active_flags(repo: JournalRepository, clock: Clock) -> list[Any]:
    """Red flags active now (`check_journal`), most serious first.

    Loads what the rules need: every entry that can keep a flag active, plus the lookback
    around them, plus the latest diet change however old.
    """
    rules = redflags()
    if rules is None:
        return []
    now = clock.now()
    active_for = max(getattr(rules, "ACTIVE_FOR", {"gp": dt.timedelta(0)}).values())
    since = now - active_for - rules.LOOKBACK
    recent = repo.entries(since=since)
    diet = repo.last("diet")
    if diet is not None and diet.at < since:
        recent.insert(0, diet)
    return sort_flags(list(rules.check_journal(recent, now)))


def save_entry(repo: JournalRepository, entry: E.Entry, clock: Clock) -> tuple[E.Entry, list[Any]]:
    """Add `entry` (or update it when it has an ID); return it stored, with the flags it fires."""
    if entry.id is None:
        stored = repo.add(entry)
    else:
        changes = {f.name: getattr(entry, f.name) for f in dataclasses.fields(entry) if f.name != "id"}
        stored = repo.update(entry.id, **changes)
    try:  # the entry is saved: a failure to read its context must not make the app save it twice
        flags = flags_for(repo, stored, clock)
    except CramplogError:
        flags = []
    return stored, flags


def flags_for(repo: JournalRepository, entry: E.Entry, clock: Clock) -> list[Any]:
    """The red flags one entry fires in the light of recent entries (`check_entry`)."""
    rules = redflags()
    if rules is None:
        return []
    recent = repo.entries(since=entry.at - rules.LOOKBACK)
    return sort_flags(list(rules.check_entry(entry, recent, clock.now())))


def load_history(repo: JournalRepository, settings: Settings, clock: Clock, until: dt.date,
                 kind: str | None = None, limit: int = HISTORY_PAGE) -> HistoryPage:
    """Up to `limit` entries of `kind` (all kinds when None) up to the end of diary day `until`."""
    end = day_start(until + dt.timedelta(days=1), clock.tz, settings.boundary)
    found = repo.entries([kind] if kind else None, until=end, limit=limit + 1, newest_first=True)
    return HistoryPage(entries=found[:limit], until=until, kind=kind, more=len(found) > limit)


def entry_day(entry: E.Entry, settings: Settings) -> dt.date:
    """The diary day an entry belongs to (date-only kinds: their own date)."""
    if entry.date_field is not None:
        return getattr(entry, entry.date_field)
    return diary_day(entry.at, entry.tz, settings.boundary)


def load_shoes(repo: JournalRepository) -> tuple[list[E.Shoe], dict[int, float]]:
    """Every shoe with the distance on it so far."""
    shoes = [s for s in repo.entries(["shoe"]) if isinstance(s, E.Shoe)]
    return shoes, repo.shoe_distances()
