"""Fixtures for the app's Pilot and snapshot tests: a fixed clock, a tmp journal, an app factory.

Everything lives under `tmp_path`; the machine's journal and config are never touched
(`CRAMPLOG_HOME`), animations are off, and the clock is a `FixedClock` (never freezegun).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cramplog.domain import entries as E
from cramplog.domain.clock import FixedClock
from cramplog.domain.settings import Settings
from cramplog.storage.repository import JournalRepository

# Textual reads TEXTUAL_ANIMATIONS (plural) once, at import; `make` also sets the app's level,
# in case another test module imported Textual first.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

TZ_NAME = "Europe/Berlin"
TZ = ZoneInfo(TZ_NAME)
NOW = dt.datetime(2026, 3, 14, 13, 0, tzinfo=TZ)
"""Saturday 14 March 2026, 13:00 in Berlin: the app's 'now' in every UI test."""


def at(days_ago: int = 0, hour: int = 12, minute: int = 0) -> dt.datetime:
    """An aware instant `days_ago` calendar days before NOW's date, at hour:minute Berlin time."""
    day = NOW.date() - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(tz_name=TZ_NAME, at=NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "home" / "config" / "config.toml"


@pytest.fixture
def seed(db_path: Path) -> Callable[[Iterable[E.Entry]], list[E.Entry]]:
    """Write entries to the journal before the app opens it."""

    def add(entries: Iterable[E.Entry]) -> list[E.Entry]:
        repo = JournalRepository.open(db_path)
        try:
            return repo.add_many(list(entries))
        finally:
            repo.close()

    return add


@pytest.fixture
def make(db_path: Path, clock: FixedClock, config_path: Path):
    """Build a `CramplogApp` on the tmp journal (live polling off unless asked for)."""
    from cramplog.ui.app import make_app

    def build(settings: Settings | None = None, poll_interval: float | None = None, first_run: bool = False):
        app = make_app(
            db_path,
            clock=clock,
            settings=settings or Settings(theme="textual-dark"),
            config_path=config_path,
            poll_interval=poll_interval,
            first_run=first_run,
        )
        app.animation_level = "none"  # no progress-bar or scroll animation mid-snapshot
        return app

    return build


async def settle(pilot) -> None:
    """Let the keys pressed land (`keys_delivered`), workers finish and their messages land
    (handlers may start more workers)."""
    from textual.worker import WorkerCancelled

    for _ in range(4):
        await keys_delivered(pilot)
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive loader replaced by a newer one: wait for that
            continue
        await pilot.pause()


async def keys_delivered(pilot, limit: float = 30.0) -> None:
    """Until no key waits in `KeysInOrder` (`keys_waiting`) or in the app's queue (`key_order.idle`).

    The app delivers each key once the one before has settled, so keys pressed or posted at once
    land one by one, later on a busy machine; Pilot's pauses do not wait for them (a parallel run
    once looked while the third `c7⏎` of a burst was still in its form)."""
    from cramplog.ui.key_order import idle

    app = pilot.app
    deadline = time.monotonic() + limit
    while (getattr(app, "keys_waiting", 0) or not idle(app)) and time.monotonic() < deadline:
        await pilot.pause()


async def typed(pilot, limit: float = 30.0) -> None:
    """After a burst: `settle` until, twice in a row, no key is waiting and no worker running (a
    key's save or load may be what the next key waits for)."""
    app, calm = pilot.app, 0
    deadline = time.monotonic() + limit
    while calm < 2 and time.monotonic() < deadline:
        await settle(pilot)
        calm = calm + 1 if not app.keys_waiting and not any(w.is_running for w in app.workers) else 0


async def opened(pilot, key: str, screen_type: type):
    """Settle, press `key` and settle again; return the screen it opened (of `screen_type`)."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)
    return pilot.app.screen


def entries_in(db_path: Path, kind: str | None = None) -> list[E.Entry]:
    repo = JournalRepository.open(db_path)
    try:
        return repo.entries([kind] if kind else None)
    finally:
        repo.close()


def today_row(app, key: str) -> str:
    """What the dashboard's today panel shows on row `key` (`today_panel.ROWS`), as drawn:
    the text after the row's title, the drinks row without its bar."""
    from cramplog.ui.widgets.today_panel import ROWS, TITLE_CELLS, TodayPanel

    title = dict(ROWS)[key]
    for line in str(app.screen.query_one(TodayPanel).render()).splitlines():
        if line.startswith(title):
            return line[TITLE_CELLS:].lstrip("━╸╺ ").strip()
    raise AssertionError(f"the today panel has no {title!r} row")
