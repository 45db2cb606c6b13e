"""Provides `Cramplog`, what screens may use of the app, and `CramplogScreen`, the screen base
whose `cramplog` property gives it, typed.

Screens reach the open journal and the app's actions through this interface only, so
they need not import the app's module (which imports them: a circle) and mypy checks every use.
`CramplogApp` is checked against it where it is defined.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual.screen import Screen

from ..domain import entries as E
from ..domain.redflags import RedFlag
from ..domain.settings import Settings

if TYPE_CHECKING:
    from .forms import FormContext
    from .loaders import DashboardData
    from .open_journal import OpenJournal

T = TypeVar("T")


class Cramplog(Protocol):
    """The app as screens see it: the journal, its settings and clock, and the actions they call."""

    journal: OpenJournal
    """The journal, its settings and clock (`open_journal`)."""
    data: DashboardData | None
    """The last dashboard load (None until the first one lands)."""
    flags: list[RedFlag]
    """Red flags active now, most serious first."""
    flag_dates: dict[str, Any]
    flags_read: set[str]

    @property
    def trends_view(self) -> tuple[str | None, int | None]: ...
    def remember_trends_view(self, tab: str, weeks: int) -> None: ...
    def form_context(self) -> FormContext: ...
    def open_form(
        self,
        kind: str,
        entry: E.Entry | None = None,
        *,
        texts: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
    ) -> None: ...
    def save_entry(self, entry: E.Entry, new_shoe: str | None = None) -> None: ...
    def delete_entry(self, entry_id: int) -> None: ...
    def mark_flags_read(self, flags: list[RedFlag]) -> object: ...
    def apply_settings(self, settings: Settings) -> None: ...
    def refresh_views(self) -> None: ...
    def show_cramp(self, cramp_id: int) -> None: ...
    def open_history(self, until: dt.date, *, back_to_caller: bool) -> None: ...
    def action_dashboard(self) -> None: ...
    def action_log(self, kind: str) -> None: ...
    def action_no_cramps(self) -> None: ...


class CramplogScreen(Screen[T]):
    """A full screen of the cramplog app."""

    @property
    def cramplog(self) -> Cramplog:
        """The app, typed (`CramplogApp` is the only app these screens run in)."""
        return cast(Cramplog, self.app)
