"""Provides `Cramplog`, what screens may use of the app, and `CramplogScreen`, the screen base
whose `cramplog` property gives it, typed.

Screens reach the open journal and the app's concerns through this interface only, so they need
not import the app's module (which imports them: a circle) and mypy checks every use.
`CramplogApp` is checked against it where it is defined. Navigation is seen through `Navigator`,
not its class: `navigation.py` imports the screens.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from .dashboard_feed import DashboardFeed
    from .entry_forms import EntryForms
    from .journal_writes import JournalWrites
    from .live_settings import LiveSettings
    from .open_journal import OpenJournal
    from .state_files import TrendsView

T = TypeVar("T")


class Navigator(Protocol):
    """The screens that screens open (`navigation.Navigation`)."""

    def dashboard(self) -> None: ...
    def show_cramp(self, cramp_id: int) -> None: ...
    def open_history(self, until: dt.date, *, back_to_caller: bool) -> None: ...


class Cramplog(Protocol):
    """The app as screens see it: the open journal, and the concerns whose work they ask for."""

    journal: OpenJournal
    """The journal, its settings and clock (`open_journal`)."""
    feed: DashboardFeed
    """The dashboard's data and red flags; `refresh` after a change (`dashboard_feed`)."""
    forms: EntryForms
    """Opens entry forms (`entry_forms`)."""
    writes: JournalWrites
    """Saves and deletes entries (`journal_writes`)."""
    live_settings: LiveSettings
    """Applies new settings everywhere (`live_settings`)."""
    trends: TrendsView
    """The Trends tab and range last shown (`state_files`)."""

    @property
    def navigation(self) -> Navigator: ...


class CramplogScreen(Screen[T]):
    """A full screen of the cramplog app."""

    @property
    def cramplog(self) -> Cramplog:
        """The app, typed (`CramplogApp` is the only app these screens run in)."""
        return cast(Cramplog, self.app)

    def reload(self) -> None:
        """The journal changed: read what the screen shows again (`Navigation.reload`); a screen
        that shows nothing of the journal, or is given it (the dashboard), has nothing to do."""
