"""Provides the journal work the app does in thread workers, as plain functions.

Nothing here touches Textual: each function takes the repository, settings and clock and returns
plain data, so workers stay one-liners and the logic is testable without an app. Red flags come
from `cramplog.domain.redflags` (`check_saved`, `check_active`), which loads what its rules need.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from concurrent.futures import Future
from dataclasses import field
from pathlib import Path
from typing import Any

from ..domain import entries as E
from ..domain import redflags
from ..domain.clock import Clock, day_start, diary_day
from ..domain.experiment import Plan, current
from ..domain.record import record
from ..domain.reminder import REMINDER_TIMER
from ..domain.settings import Settings
from ..domain.summary import DayLine, DaySummary, day_lines, summarise, window_start
from ..errors import CramplogError
from ..storage.repository import JournalRepository, Saved

HISTORY_PAGE = 200
"""Entries per history page: enough for weeks of a busy diary, cheap to render."""
REMEMBERED_KINDS = ("cramp", "stretch", "run")
"""Kinds whose last entry supplies form defaults ("as last used")."""


@record
class DashboardData:
    """Everything the dashboard shows, loaded in one worker pass."""

    summary: DaySummary
    now: dt.datetime
    total: int
    """Entries in the whole journal (0 shows the first-run view)."""
    token: tuple[int, int, str]
    last: dict[str, E.Entry] = field(default_factory=dict)
    shoes: list[E.Shoe] = field(default_factory=list)
    shoe_km: dict[int, float] = field(default_factory=dict)
    """Distance on each shoe (start plus its runs)."""
    days: list[DayLine] = field(default_factory=list)
    """The last 14 diary days, oldest first (the wide dashboard's strip shows the last 7 and
    sets them beside the 7 before)."""
    cramp_days: dict[dt.date, int] = field(default_factory=dict)
    """Cramps per diary day over the last HEAT_WEEKS weeks (the wide dashboard's heat map)."""
    logged_days: frozenset[dt.date] = frozenset()
    """Diary days with a check-in over the same weeks: with the cramp days, the days logged."""
    recent: list[E.Entry] = field(default_factory=list)
    """Today's and yesterday's entries, newest first (the wide dashboard's list)."""
    cramps: list[E.Entry] = field(default_factory=list)
    """The newest cramps of the last HEAT_WEEKS weeks, newest first (at most LAST_CRAMPS)."""
    experiment: Plan | None = None
    """The experiment running or planned (tonight's arm is worked out with the red flags)."""


LAST_CRAMPS = 16
"""Cramps the wide dashboard lists beside today's and yesterday's entries."""
HEAT_WEEKS = 106
"""Weeks of cramp days loaded for the dashboard's calendar heat map: it shows as many of them
as fit the terminal's width (a year at about 120 columns)."""


@record
class HistoryPage:
    """One page of history: newest first, ending with diary day `until`."""

    entries: list[E.Entry]
    until: dt.date
    kind: str | None
    more: bool
    """Older entries exist beyond this page."""
    since: dt.date | None = None
    """The page's first diary day, for a page found forward (`newer_until`): it starts where the
    page before it ended. None: the page is the `limit` entries up to `until`."""
    shoes: dict[int, str] = field(default_factory=dict)
    """Shoe names by ID, so a run names its shoe."""


def current_day(clock: Clock, settings: Settings) -> dt.date:
    return diary_day(clock.now(), clock.tz, settings.boundary)


def load_dashboard(repo: JournalRepository, settings: Settings, clock: Clock) -> DashboardData:
    """Today's summary, the newest entries of remembered kinds, and shoes (flags come apart)."""
    now = clock.now()
    boundary = settings.boundary  # parsed on each read: once here, not once per entry
    day = diary_day(now, clock.tz, boundary)
    # Two weeks: the summary reads the last 7 diary days, the wide strip sets them beside the 7 before.
    recent = repo.entries(since=window_start(day - dt.timedelta(days=7), clock.tz_name, settings))
    last = {kind: e for kind in REMEMBERED_KINDS if (e := repo.last(kind)) is not None}
    summary = summarise(recent, day, settings, clock.tz_name, last_cramp=last.get("cramp"))  # type: ignore[arg-type]
    shoes = [s for s in repo.entries(["shoe"]) if isinstance(s, E.Shoe)]
    token = repo.change_token()
    heat_from = day - dt.timedelta(weeks=HEAT_WEEKS)
    cramp_days: dict[dt.date, int] = {}
    cramps = repo.entries(["cramp"], since=day_start(heat_from, clock.tz, boundary))
    for c in cramps:
        d = E.entry_day(c, boundary)
        cramp_days[d] = cramp_days.get(d, 0) + 1
    checkins = repo.entries(["checkin"], since=day_start(heat_from - dt.timedelta(days=1), clock.tz, boundary))
    logged = frozenset(E.entry_day(c, boundary) for c in checkins)
    lines = day_lines(recent, day - dt.timedelta(days=13), day, settings)
    two_days = {day, day - dt.timedelta(days=1)}
    # Newest diary day first, each headed by its date-only entries (a check-in), as in History.
    latest = sorted(
        (e for e in recent if E.entry_day(e, boundary) in two_days),
        key=lambda e: (E.entry_day(e, boundary), e.date_field is not None, e.at, e.id or 0),
        reverse=True,
    )
    live = current(repo.experiments(), day)
    return DashboardData(
        summary=summary,
        now=now,
        total=token[0],
        token=token,
        last=last,
        shoes=shoes,
        shoe_km=repo.shoe_distances(),
        days=lines,
        cramp_days=cramp_days,
        logged_days=logged,
        recent=latest,
        cramps=cramps[: -LAST_CRAMPS - 1 : -1],
        experiment=live if live is not None and live.state(day) in ("running", "planned") else None,
    )


def prefetch_dashboard(repo: JournalRepository, settings: Settings, clock: Clock) -> Future[DashboardData]:
    """Start `load_dashboard` in a thread of its own now, before the app exists.

    `cramplog` starts it before importing Textual (~0.25 s), so the numbers are ready when the
    dashboard is first laid out instead of landing a frame or two later; the app's first load
    worker takes the result from here (or the error, reported as any load error is).
    """
    import threading

    future: Future[DashboardData] = Future()

    def run() -> None:
        try:
            future.set_result(load_dashboard(repo, settings, clock))
        except BaseException as exc:  # handed to the worker that reads the result
            future.set_exception(exc)

    threading.Thread(target=run, name="cramplog-first-load", daemon=True).start()
    return future


def active_flags(repo: JournalRepository, clock: Clock) -> list[redflags.RedFlag]:
    """Red flags active now (`check_journal`), most serious first."""
    return redflags.check_active(repo, clock.now())


def flag_dates(
    repo: JournalRepository, flags: list[redflags.RedFlag], clock: Clock, settings: Settings
) -> dict[str, dt.date]:
    """The diary day of the oldest entry behind each flag, by rule (what the banner says "since"):
    swelling logged at 01:00 belongs to the evening before, as the dashboard's "today" does."""
    out: dict[str, dt.date] = {}
    for flag in flags:
        days = []
        for entry_id in flag.entry_ids[:20]:
            try:
                days.append(E.entry_day(repo.get(entry_id), settings.boundary))
            except CramplogError:
                continue
        if days:
            out[flag.rule] = min(days)
    return out


def flag_key(flag: redflags.RedFlag) -> str:
    """A flag's identity for "read": its rule and the entries behind it (new entries: unread)."""
    return f"{flag.rule}:{','.join(str(i) for i in flag.entry_ids)}"


def read_flags(path: Path) -> set[str]:
    """The flags marked read (a missing or unreadable file: none)."""
    return {str(k) for k in _read_state(path).get("read", [])}


def mark_flags_read(path: Path, flags: list[redflags.RedFlag]) -> set[str]:
    """Add `flags` to the read set in `path` (a 0600 JSON file in the config folder)."""
    read = read_flags(path) | {flag_key(f) for f in flags}
    _write_state(path, {"read": sorted(read)})
    return read


def read_trends_view(path: Path) -> tuple[str | None, int | None]:
    """The Trends tab and range last shown (a missing or unreadable file: none)."""
    data = _read_state(path)
    tab, weeks = data.get("tab"), data.get("weeks")
    return (
        tab if isinstance(tab, str) else None,
        weeks if isinstance(weeks, int) and not isinstance(weeks, bool) else None,
    )


def write_trends_view(path: Path, tab: str, weeks: int) -> None:
    """Keep the Trends tab and range for the next visit, in this or a later session."""
    _write_state(path, {"tab": tab, "weeks": weeks})


def _read_state(path: Path) -> dict[str, Any]:
    """A small JSON object the app keeps beside the config; missing or damaged: empty."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_state(path: Path, data: dict[str, Any]) -> None:
    """Replace `path` atomically with `data` as JSON, a 0600 file in a 0700 folder."""
    import json

    from ..files import write_output
    from ..paths import ensure_private_dir

    ensure_private_dir(path.parent)
    write_output(path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def save_entry(
    repo: JournalRepository, entry: E.Entry, clock: Clock, new_shoe: str | None = None
) -> tuple[Saved, list[redflags.RedFlag]]:
    """Add `entry` (or update it when it has an ID); return what the save did, with the flags it
    fires. A run with `new_shoe` goes in the shoe of that name, added with it (`add_run`)."""
    if new_shoe is not None and isinstance(entry, E.Run):
        if entry.id is None:
            saved = repo.add_run(entry, new_shoe)
        else:
            changes = {
                f.name: getattr(entry, f.name) for f in dataclasses.fields(entry) if f.name not in ("id", "shoe_id")
            }
            saved = repo.edit(entry.id, shoe=new_shoe, **changes)
    else:
        saved = repo.save(entry)
    try:  # the entry is saved: a failure to read its context must not make the app save it twice
        flags = flags_for(repo, saved.entry, clock)
    except CramplogError:
        flags = []
    return saved, flags


def flags_for(repo: JournalRepository, entry: E.Entry, clock: Clock) -> list[redflags.RedFlag]:
    """The red flags one entry fires, most serious first (`check_entry`)."""
    return redflags.check_saved(entry, repo, clock.now())


def newer_until(
    repo: JournalRepository,
    settings: Settings,
    clock: Clock,
    after: dt.date,
    kind: str | None = None,
    limit: int = HISTORY_PAGE,
) -> dt.date:
    """The last diary day of the page after the one ending on `after`, as `[` goes back a whole
    page: the day of the `limit`-th entry (of `kind`) after `after`, or today when fewer follow."""
    today = current_day(clock, settings)
    start = day_start(after + dt.timedelta(days=1), clock.tz, settings.boundary)
    found = repo.entries([kind] if kind else None, since=start, limit=limit)
    return today if len(found) < limit else min(today, E.entry_day(found[-1], settings.boundary))


def load_history(
    repo: JournalRepository,
    settings: Settings,
    clock: Clock,
    until: dt.date,
    kind: str | None = None,
    limit: int = HISTORY_PAGE,
    since: dt.date | None = None,
) -> HistoryPage:
    """Up to `limit` entries of `kind` (all kinds when None) up to the end of diary day `until`;
    with `since`, every entry from diary day `since` to `until` (a page found forward: `limit`
    and the rest of the last day's, so that no day is cut in two)."""
    kinds = [kind] if kind else None
    end = day_start(until + dt.timedelta(days=1), clock.tz, settings.boundary)
    if since is None:
        found = repo.entries(kinds, until=end, limit=limit + 1, newest_first=True)
        return HistoryPage(
            entries=found[:limit], until=until, kind=kind, more=len(found) > limit, shoes=repo.shoe_names(found)
        )
    start = day_start(since, clock.tz, settings.boundary)
    found = repo.entries(kinds, since=start, until=end, newest_first=True)
    older = bool(repo.entries(kinds, until=start, limit=1, newest_first=True))
    return HistoryPage(entries=found, until=until, kind=kind, more=older, shoes=repo.shoe_names(found), since=since)


def load_shoes(repo: JournalRepository) -> tuple[list[E.Shoe], dict[int, float]]:
    """Every shoe with the distance on it so far."""
    shoes = [s for s in repo.entries(["shoe"]) if isinstance(s, E.Shoe)]
    return shoes, repo.shoe_distances()


CONTEXT_HOURS = 48
"""How far before a cramp its context screen looks."""


@record
class Exposure:
    """One factor as the analysis counts it on a cramp's diary day."""

    title: str
    value: float | None
    """1.0 exposed, 0.0 not, None not tracked that day (`analysis.frame`)."""
    window: str
    """What the factor is measured over (`Window.describe`)."""
    compared: bool = True
    """False when the analysis never compares a cramp of this context on this factor (`bound`)."""


@record
class CrampContext:
    """A cramp and what surrounded it: the 48 hours before, what was in force, the analysis' day."""

    cramp: E.Cramp
    day: dt.date
    """The cramp's diary day."""
    since: dt.datetime
    before: list[E.Entry]
    """Entries logged in the `CONTEXT_HOURS` hours before the cramp, oldest first (not the cramp)."""
    checkins: list[E.CheckIn]
    """The check-ins of the diary days those hours touch, oldest first."""
    meds: list[E.Medicine]
    """Medicines and supplements in force on the diary day."""
    diet: E.Diet | None
    """The diet in effect that day (`redflags.diet_at`)."""
    injuries: list[E.Injury]
    """Injuries not yet resolved that day."""
    shoes: dict[int, str]
    shoe_km: dict[int, float]
    """For each run in `before`, the distance on its shoe before that run (its start km and the runs before)."""
    shoe_life: dict[int, float]
    """For each run in `before`, its shoe's life."""
    exposures: list[Exposure]
    earlier: int | None = None
    """The ID of the cramp before this one (`[`), if any."""
    later: int | None = None


def cramp_context(repo: JournalRepository, settings: Settings, cramp_id: int) -> CrampContext:
    """Everything the cramp context screen shows for cramp `cramp_id` (a worker runs this).

    The factors are the analysis' own daily frame (`analysis.frame.frame_from_tables`) built over
    the journal up to the cramp's diary day: the same 0/1/NaN the insights compare, not a rule
    of its own. Days after the cramp's cannot change its row, so they are not read.
    """
    import pandas as pd

    from ..analysis import tables
    from ..analysis.factors import FACTORS
    from ..analysis.frame import frame_from_tables
    from ..domain.redflags import diet_at
    from ..domain.shoes import life_of

    cramp = repo.get(cramp_id)
    if not isinstance(cramp, E.Cramp):
        raise CramplogError(f"entry #{cramp_id} is not a cramp")
    boundary = settings.boundary
    day = E.entry_day(cramp, boundary)
    since = cramp.at - dt.timedelta(hours=CONTEXT_HOURS)
    window = repo.entries(since=since, until=cramp.at + dt.timedelta(seconds=1))
    before = [e for e in window if e.id != cramp.id and e.date_field is None]
    days = {E.entry_day(e, boundary) for e in before} | {day}
    first = min(days)
    checkins = [
        c
        for c in repo.entries(
            ["checkin"],
            since=day_start(first - dt.timedelta(days=2), cramp.tz, boundary),
            until=day_start(day + dt.timedelta(days=2), cramp.tz, boundary),
        )
        if isinstance(c, E.CheckIn) and first <= c.day <= day
    ]
    meds = [
        m
        for m in repo.entries(["med"])
        if isinstance(m, E.Medicine) and m.start <= day and (m.stop is None or m.stop >= day)
    ]
    diets = repo.entries(["diet"])
    injuries = [
        i
        for i in repo.entries(["injury"])
        if isinstance(i, E.Injury) and i.day <= day and (i.resolved is None or i.resolved >= day)
    ]
    shoes_all = [s for s in repo.entries(["shoe"]) if isinstance(s, E.Shoe)]
    runs_all = [r for r in repo.entries(["run"], until=cramp.at + dt.timedelta(seconds=1)) if isinstance(r, E.Run)]
    shoe_km: dict[int, float] = {}
    shoe_life: dict[int, float] = {}
    on_shoe = {s.id: s.start_km or 0.0 for s in shoes_all}
    lives = {s.id: life_of(s.life_km, settings.life_km) for s in shoes_all}
    ids = {e.id for e in before}
    for run in runs_all:  # oldest first: each run's shoe distance before it
        if run.shoe_id in on_shoe:
            if run.id in ids:
                shoe_km[run.id or 0] = on_shoe[run.shoe_id]
                shoe_life[run.id or 0] = lives[run.shoe_id]
            on_shoe[run.shoe_id] += run.distance_km or 0.0
    end = day_start(day + dt.timedelta(days=1), cramp.tz, boundary)
    rows = {
        kind: repo.kind_rows(kind, fields, until=None if kind in tables.CONTEXT_KINDS else end)
        for kind, fields in tables.FIELDS.items()
    }
    frame = frame_from_tables(tables.from_rows(rows, boundary), settings, day)
    at = pd.Timestamp(day)
    row = frame.loc[at] if at in frame.index else None
    exposures = []
    for factor in FACTORS:
        value = None if row is None else row.get(factor.id)
        exposures.append(
            Exposure(
                factor.title,
                None if value is None or pd.isna(value) else float(value),
                factor.window.describe(settings),
                compared=factor.bound != cramp.context,
            )
        )
    cramps = repo.entries(["cramp"])
    index = next(i for i, c in enumerate(cramps) if c.id == cramp.id)
    return CrampContext(
        cramp=cramp,
        day=day,
        since=since,
        before=before,
        checkins=checkins,
        meds=meds,
        diet=diet_at(day, diets),
        injuries=injuries,
        shoes=repo.shoe_names(before),
        shoe_km=shoe_km,
        shoe_life=shoe_life,
        exposures=exposures,
        earlier=cramps[index - 1].id if index > 0 else None,
        later=cramps[index + 1].id if index + 1 < len(cramps) else None,
    )


def first_run_asked(path: Path) -> bool:
    """Whether the first-run questions were answered or skipped (`first_run.json`)."""
    return bool(_read_state(path).get("asked"))


def mark_first_run_asked(path: Path) -> None:
    _write_state(path, {"asked": True})


def install_reminder(db_path: Path | None, at: str, config_path: Path | None = None) -> str:
    """Install the evening reminder through `cramplog remind install` (the command line's one way
    of writing it), then turn the timer on where systemd runs; say what happened."""
    import os
    import shutil
    import subprocess
    import sys

    argv = [sys.executable, "-m", "cramplog", *(["--db", str(db_path)] if db_path is not None else [])]
    env = dict(os.environ)
    if config_path is not None:
        env["CRAMPLOG_CONFIG"] = str(config_path)
    try:
        done = subprocess.run(
            [*argv, "remind", "install", "--at", at], capture_output=True, text=True, timeout=60, env=env
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise CramplogError(f"the reminder was not installed: {exc}") from None
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or ["it failed"])[-1].removeprefix("error: ")
        raise CramplogError(f"the reminder was not installed: {why}")
    turn_on = f"systemctl --user enable --now {REMINDER_TIMER}"
    systemctl = shutil.which("systemctl")
    if systemctl is None:
        return (
            f"Reminder written, but this computer has no systemd: cramplog remind install --cron "
            f"--at {at} prints a crontab line instead."
        )
    try:
        enabled = subprocess.run(
            [systemctl, "--user", "enable", "--now", REMINDER_TIMER],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        enabled = None
    if enabled is not None and enabled.returncode == 0:
        return f"Evening reminder on: {at} on days with nothing logged."
    return f"Reminder written; systemd did not turn it on here. Turn it on with: {turn_on}"
