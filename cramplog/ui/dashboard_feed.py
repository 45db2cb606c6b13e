"""Provides `DashboardFeed`: what the dashboard shows, loaded in a thread worker and kept current
as the journal changes (from this app or from a shell).

The last load (`data`), the red flags active now and which of them were read. A load posts
`DashboardLoaded`, then checks the flags and posts `RedFlagsChecked`: the numbers paint first,
the banner follows within moments. The live poll (`live_refresh`) compares the journal's change
token with the last load's, so entries written from a shell appear without a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol

from textual.app import App
from textual.worker import get_current_worker

from ..domain.redflags import RedFlag
from ..errors import CramplogError
from . import loaders
from .messages import DashboardLoaded, JournalChanged, JournalFailed, RedFlagsChecked
from .open_journal import OpenJournal
from .state_files import StateFiles
from .workers import in_thread

LOAD_GROUP = "db-dashboard"
"""The worker group of the dashboard's loads: a newer load replaces one under way."""


class Shown(Protocol):
    """Where the feed's loads go: the open screens (`navigation.Navigation`)."""

    def show_data(self, data: loaders.DashboardData) -> None: ...
    def show_flags(self, flags: list[RedFlag]) -> None: ...
    def reload(self) -> None: ...


class DashboardFeed:
    """The dashboard's data and red flags, and the loads that keep them current."""

    def __init__(
        self,
        app: App[Any],
        journal: OpenJournal,
        state: StateFiles,
        shown: Shown,
        first_load: Future[loaders.DashboardData] | None = None,
    ) -> None:
        self.app = app
        self.journal = journal
        self.state = state
        self.shown = shown
        self.data: loaders.DashboardData | None = None
        """The last dashboard load (None until the first one lands)."""
        self.flags: list[RedFlag] = []
        """Red flags active now, most serious first (the dashboard banner)."""
        self.flag_dates: dict[str, Any] = {}
        """Rule -> date of the oldest entry behind the flag."""
        self.flags_read: set[str] = set()
        """Flags already read (`loaders.flag_key`), remembered in the config folder."""
        self._token: tuple[int, int, str] | None = None
        self._first_load = first_load
        self._then: Callable[[], None] = lambda: None

    def take_first_load(self) -> None:
        """Keep the first load if it has landed: the dashboard's first frame then has the numbers.

        It was started before Textual was imported (`loaders.prefetch_dashboard`) and has almost
        always landed when the first screen is made: no frame of "loading" and no worker between.
        """
        first = self._first_load
        if first is not None and first.done() and first.exception() is None:
            self._first_load = None
            self.data = first.result()
            self._token = self.data.token

    def start(self, then: Callable[[], None]) -> None:
        """Start feeding the dashboard; `then` runs each time a load is on screen (the first load,
        when it is there already, at once)."""
        self._then = then
        if self.data is not None:  # on screen from the first frame (`take_first_load`)
            then()
            self.load_flags()
        else:
            self.load()

    def load(self) -> None:
        """Load the dashboard (the first load, started before the app, when it is still under way)."""
        in_thread(self.app, LOAD_GROUP, "Loading the dashboard", self._load, exclusive=True)

    def _load(self) -> None:
        first, self._first_load = self._first_load, None
        try:
            if first is not None:
                data = first.result()
            else:
                data = loaders.load_dashboard(self.journal.repo, self.journal.settings, self.journal.clock)
        except CramplogError as exc:
            self.app.post_message(JournalFailed(str(exc), read=True))
            return
        self.app.post_message(DashboardLoaded(data))
        self._check_flags()  # second: the numbers paint first, the banner follows within moments

    def load_flags(self) -> None:
        in_thread(self.app, LOAD_GROUP, "Checking red flags", self._check_flags, exclusive=True)

    def _check_flags(self) -> None:
        """Which red flags are active, since when, and which were read (in a worker thread)."""
        journal = self.journal
        try:
            flags = loaders.active_flags(journal.repo, journal.clock)
            dates = loaders.flag_dates(journal.repo, flags, journal.clock, journal.settings)
        except CramplogError as exc:
            self.app.post_message(JournalFailed(str(exc), read=True))
            return
        if not get_current_worker().is_cancelled:
            self.app.post_message(RedFlagsChecked(flags, dates, loaders.read_flags(self.state.flags_read)))

    def mark_read(self, flags: list[RedFlag]) -> None:
        """Remember that `flags` were read (the banner then says so)."""
        in_thread(self.app, "config", "Marking flags read", self._mark_read, flags)

    def _mark_read(self, flags: list[RedFlag]) -> None:
        try:
            read = loaders.mark_flags_read(self.state.flags_read, flags)
        except CramplogError as exc:
            self.app.post_message(JournalFailed(f"could not remember the flag as read: {exc}"))
            return
        self.app.post_message(RedFlagsChecked(self.flags, self.flag_dates, read))

    def poll(self) -> None:
        """Post `JournalChanged` if the journal changed since the last load (in the poll's thread)."""
        try:
            token = self.journal.repo.change_token()
        except CramplogError:
            return
        if self._token is not None and token != self._token:
            self.app.post_message(JournalChanged(token))

    def refresh(self) -> None:
        """Reload the dashboard and any open screen that shows journal data."""
        self.load()
        self.shown.reload()

    # -- the workers' messages -------------------------------------------------------------------

    def loaded(self, message: DashboardLoaded) -> None:
        self.data = message.data
        self._token = message.data.token
        self.shown.show_data(message.data)
        self._then()

    def flags_checked(self, message: RedFlagsChecked) -> None:
        self.flags = message.flags
        self.flag_dates = message.dates
        self.flags_read = message.read
        self.shown.show_flags(message.flags)

    def changed(self, message: JournalChanged) -> None:
        self._token = message.token
        self.refresh()
