"""Provides the journal work the app does in thread workers, as plain functions.

Nothing here touches Textual: each function takes the repository, settings and clock and returns
plain data, so workers stay one-liners and the logic is testable without an app. Red flags come
from `cramplog.domain.redflags` (`check_saved`, `check_active`), which loads what its rules need.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from ..domain import entries as E
from ..domain import redflags
from ..domain.clock import Clock, day_start, diary_day
from ..domain.settings import Settings
from ..domain.summary import DaySummary, summarise, window_start
from ..errors import CramplogError
from ..storage.repository import JournalRepository

HISTORY_PAGE = 200
"""Entries per history page: enough for weeks of a busy diary, cheap to render."""
REMEMBERED_KINDS = ("cramp", "stretch", "run")
"""Kinds whose last entry supplies form defaults ("as last used")."""


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


def active_flags(repo: JournalRepository, clock: Clock) -> list[redflags.RedFlag]:
    """Red flags active now (`check_journal`), most serious first."""
    return redflags.check_active(repo.entries, clock.now())


def save_entry(repo: JournalRepository, entry: E.Entry, clock: Clock) -> tuple[E.Entry, list[redflags.RedFlag]]:
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


def flags_for(repo: JournalRepository, entry: E.Entry, clock: Clock) -> list[redflags.RedFlag]:
    """The red flags one entry fires, most serious first (`check_entry`)."""
    return redflags.check_saved(entry, repo.entries, clock.now())


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
