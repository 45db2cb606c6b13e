"""Provides `CramplogApp`, the Textual app that bare `cramplog` opens, and `make_app` for tests.

Flow: the dashboard is the default screen. Every read and write of the journal runs in a thread
worker (functions in `loaders.py`) and comes back as a message (`messages.py`); handlers here
update the screens. Logging keys open `EntryFormModal`, whose result is saved in a worker; the
red flags an entry fires are shown in a modal. A poll worker compares `repo.change_token()`
every `poll_interval` seconds, so entries written from a shell appear without a restart.
History, settings, help, trends and insights are imported when first opened (startup budget).
"""

from __future__ import annotations

import dataclasses
import os
import time
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from ..domain import entries as E
from ..domain.clock import Clock
from ..domain.describe import describe
from ..domain.redflags import RedFlag
from ..domain.settings import Settings
from ..errors import CramplogError, InvalidInput
from ..paths import JournalURL
from ..storage.repository import JournalRepository
from . import loaders
from .commands import CramplogCommands
from .forms import FORMS, FormContext
from .messages import (
    DashboardLoaded,
    EntryDeleted,
    EntryRestored,
    EntrySaved,
    EntrySaveFailed,
    JournalChanged,
    JournalFailed,
    RedFlagsChecked,
)
from .screens.dashboard import DashboardScreen
from .text import INSIGHTS_PENDING, TRENDS_PENDING

POLL_SECONDS = 1.5
"""How often the app checks whether the journal changed behind its back."""

NAVIGATION = {"help", "history", "settings", "trends", "insights", "undo", "log", "no_cramps",
              "quit", "dashboard"}
"""Actions that only make sense with no modal open (a focused checkbox must not quit the app)."""


class CramplogApp(App[float | None]):
    """The cramplog journal. Other screens read `repo`, `settings` and `clock` from `self.app`."""

    CSS_PATH = "app.tcss"
    TITLE = "cramplog"
    SUB_TITLE = "cramp journal"
    COMMANDS = App.COMMANDS | {CramplogCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", id="help", key_display="?"),
        Binding("h", "history", "History", id="open-history"),
        Binding("t", "trends", "Trends", id="open-trends", show=False),
        Binding("a,g", "insights", "Insights", id="open-insights", show=False),
        Binding("o,comma", "settings", "Settings", id="open-settings", show=False),
        Binding("u", "undo", "Undo", id="undo", show=False),
    ]

    def __init__(self, repo: JournalRepository, settings: Settings, clock: Clock, *,
                 db_path: Path | JournalURL | None = None, config_path: Path | None = None,
                 poll_interval: float | None = POLL_SECONDS) -> None:
        """Args:
            repo: the open journal.
            settings: effective settings (the app keeps its own copy as they change).
            clock: the clock (a `FixedClock` in tests).
            db_path: the journal file, shown in Help.
            config_path: the config file settings are saved to (None: the default place).
            poll_interval: seconds between change checks; None turns live refresh off.
        """
        super().__init__()
        self.repo = repo
        self.settings = settings
        self.clock = clock
        self.db_path = db_path
        self.config_path = config_path
        self.poll_interval = poll_interval
        self.data: loaders.DashboardData | None = None
        """The last dashboard load (None until the first one lands)."""
        self.deleted: list[E.Entry] = []
        """Deleted entries, newest last, for undo (`u`)."""
        self.flags: list[RedFlag] = []
        """Red flags active now, most serious first (the dashboard banner)."""
        self._token: tuple[int, int, str] | None = None
        self._painted = False
        self._exit_after_paint = bool(os.environ.get("CRAMPLOG_EXIT_AFTER_PAINT"))

    def get_default_screen(self) -> Screen[Any]:
        return DashboardScreen(id="dashboard")

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.load_dashboard()
        if self.poll_interval:
            self.set_interval(self.poll_interval, self.poll_changes, name="poll-journal")

    # -- helpers for screens ---------------------------------------------------------------------

    def form_context(self) -> FormContext:
        """Now, zone, units, shoes and last entries: what a form needs to parse and prefill."""
        now = self.clock.now()
        data = self.data
        return FormContext(now=now, tz_name=self.clock.tz_name, tz=self.clock.tz,
                           today=loaders.current_day(self.clock, self.settings),
                           units=self.settings.units,
                           shoes=tuple(data.shoes) if data else (),
                           last=dict(data.last) if data else {})

    def open_form(self, kind: str, entry: E.Entry | None = None, *, texts: dict[str, str] | None = None,
                  errors: dict[str, str] | None = None) -> None:
        """Open the form of `kind` (editing `entry` when given); a saved result goes to a worker."""
        from .modals.entry_form import EntryFormModal

        modal = EntryFormModal(FORMS[kind], self.form_context(), entry, texts=texts, errors=errors)
        self.push_screen(modal, self._form_closed)

    def _form_closed(self, entry: E.Entry | None) -> None:
        if entry is not None:
            self.save_entry(entry)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in NAVIGATION and isinstance(self.screen, ModalScreen))

    # -- actions ---------------------------------------------------------------------------------

    def action_log(self, kind: str) -> None:
        """Open the form to log an entry of `kind`."""
        self.open_form(kind)

    def action_no_cramps(self) -> None:
        """Check in today's diary day as "no cramps today" (refused if a cramp is logged today)."""
        if self.data is not None and self.data.summary.cramps_today:
            self.notify("A cramp is logged today, so today can't be checked in as cramp-free. "
                        "Open the full check-in from the command palette for sleep or a hot day.",
                        severity="warning", timeout=6)
            return
        self.check_in_no_cramps()

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        self._show(HistoryScreen)

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self._show(SettingsScreen)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_dashboard(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()

    def action_trends(self) -> None:
        try:
            # plotext and pandas come with this module (~350 ms): only when Trends is opened.
            from .screens.trends import TrendsScreen
        except ImportError:
            self.notify(TRENDS_PENDING)
            return
        self._show(TrendsScreen)

    def action_insights(self) -> None:
        try:
            # pandas (~0.4 s) loads with this module, on first use only.
            from .screens.insights import InsightsScreen
        except ImportError:
            self.notify(INSIGHTS_PENDING)
            return
        self._show(InsightsScreen)

    def action_undo(self) -> None:
        """Put back the most recently deleted entry."""
        if not self.deleted:
            self.notify("Nothing to undo.")
            return
        self.restore_entry(self.deleted.pop())

    def _show(self, screen_cls: type[Screen[Any]]) -> None:
        """Open a full screen on top of the dashboard (replacing another full screen)."""
        if isinstance(self.screen, screen_cls):
            return
        self.action_dashboard()
        self.push_screen(screen_cls())

    # -- workers (thread); results come back as messages -----------------------------------------

    @work(thread=True, exclusive=True, group="db-dashboard", exit_on_error=False,
          description="Loading the dashboard")
    def load_dashboard(self) -> None:
        try:
            data = loaders.load_dashboard(self.repo, self.settings, self.clock)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc)))
            return
        self.post_message(DashboardLoaded(data))
        # Flags second: the numbers paint first, the banner follows within moments.
        try:
            flags = loaders.active_flags(self.repo, self.clock)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(RedFlagsChecked(flags))

    # Writes are not exclusive: a thread cannot be stopped, and a cancelled write would still
    # land in the journal while its message was dropped.
    @work(thread=True, group="db-write", exit_on_error=False, description="Saving an entry")
    def save_entry(self, entry: E.Entry) -> None:
        try:
            stored, flags = loaders.save_entry(self.repo, entry, self.clock)
        except InvalidInput as exc:
            self.post_message(EntrySaveFailed(entry, str(exc), exc.field))
            return
        except CramplogError as exc:  # locked past the wait, disk full, read-only, I/O error
            self.post_message(EntrySaveFailed(entry, f"Not saved: {exc}", None, environment=True))
            return
        except Exception as exc:
            self.post_message(EntrySaveFailed(entry, f"Not saved: unexpected {type(exc).__name__}",
                                              None, environment=True))
            return
        self.post_message(EntrySaved(stored, "updated" if entry.id is not None else "logged", flags))

    @work(thread=True, group="db-write", exit_on_error=False, description="Checking in")
    def check_in_no_cramps(self) -> None:
        day = loaders.current_day(self.clock, self.settings)
        try:
            stored, _ = self.repo.check_in(day, self.clock.tz_name, no_cramps=True)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc)))
            return
        self.post_message(EntrySaved(stored, "checked in", []))

    @work(thread=True, group="db-write", exit_on_error=False, description="Deleting an entry")
    def delete_entry(self, entry_id: int) -> None:
        try:
            entry = self.repo.delete(entry_id)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc)))
            return
        self.post_message(EntryDeleted(entry))

    @work(thread=True, group="db-write", exit_on_error=False, description="Restoring an entry")
    def restore_entry(self, entry: E.Entry) -> None:
        try:
            restored = self.repo.restore(entry)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc)))
            return
        self.post_message(EntryRestored(restored))

    @work(thread=True, exclusive=True, group="db-poll", exit_on_error=False,
          description="Checking for changes")
    def poll_changes(self) -> None:
        try:
            token = self.repo.change_token()
        except CramplogError:
            return
        if self._token is not None and token != self._token:
            self.post_message(JournalChanged(token))

    @work(thread=True, group="config", exit_on_error=False, description="Saving the theme")
    def save_theme(self, name: str) -> None:
        from ..config import set_value

        try:
            set_value("display.theme", name, self.config_path)
        except CramplogError as exc:
            self.post_message(JournalFailed(f"theme not saved: {exc}"))

    # -- message handlers ------------------------------------------------------------------------

    @on(DashboardLoaded)
    def _dashboard_loaded(self, message: DashboardLoaded) -> None:
        self.data = message.data
        self._token = message.data.token
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.show(message.data)
        if not self._painted:
            self._painted = True
            if self._exit_after_paint:
                self.call_after_refresh(self._exit_painted)

    @on(RedFlagsChecked)
    def _red_flags_checked(self, message: RedFlagsChecked) -> None:
        self.flags = message.flags
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.show_flags(message.flags)

    def _exit_painted(self) -> None:
        """Benchmark hook (CRAMPLOG_EXIT_AFTER_PAINT): exit with the time of the first paint."""
        self.exit(time.time())

    @on(EntrySaved)
    def _entry_saved(self, message: EntrySaved) -> None:
        entry = message.entry
        self.notify(f"{message.verb.capitalize()} {entry.kind} #{entry.id}: "
                    f"{describe(entry, self.settings.units)}", markup=False)
        if message.flags:
            from .modals.red_flag import RedFlagModal

            self.push_screen(RedFlagModal(message.flags))
        self.refresh_views()

    @on(EntrySaveFailed)
    def _entry_save_failed(self, message: EntrySaveFailed) -> None:
        """Reopen the form with what was typed and the journal's reason: nothing is lost."""
        form = FORMS[message.entry.kind]
        field = message.field if message.field in {f.name for f in form.fields} else "_form"
        if message.environment:
            self.notify(f"{message.error}. What you typed is still in the form: press Enter to try "
                        "again, or Escape to discard it.", severity="error", markup=False, timeout=10)
        ctx = self.form_context()
        self.open_form(message.entry.kind, message.entry if message.entry.id is not None else None,
                       texts=form.initial(ctx, message.entry), errors={field or "_form": message.error})

    @on(EntryDeleted)
    def _entry_deleted(self, message: EntryDeleted) -> None:
        self.deleted.append(message.entry)
        self.notify(f"Deleted {message.entry.kind} #{message.entry.id}. Press u to undo.", markup=False)
        self.refresh_views()

    @on(EntryRestored)
    def _entry_restored(self, message: EntryRestored) -> None:
        self.notify(f"Restored {message.entry.kind} #{message.entry.id}.", markup=False)
        self.refresh_views()

    @on(JournalFailed)
    def _journal_failed(self, message: JournalFailed) -> None:
        self.notify(message.error, severity="error", markup=False, timeout=8)

    @on(JournalChanged)
    def _journal_changed(self, message: JournalChanged) -> None:
        self._token = message.token
        self.refresh_views()

    def refresh_views(self) -> None:
        """Reload the dashboard and any open screen that shows journal data."""
        self.load_dashboard()
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if callable(reload) and not isinstance(screen, DashboardScreen):
                reload()

    def _theme_changed(self, theme: Any) -> None:
        name = getattr(theme, "name", str(theme))
        if name != self.settings.theme:
            self.settings = dataclasses.replace(self.settings, theme=name)
            self.save_theme(name)

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings everywhere (called by the Settings screen after a save)."""
        self.settings = settings
        if settings.theme != self.theme and settings.theme in self.available_themes:
            self.theme = settings.theme
        self.refresh_views()


def make_app(db_path: Path | str, *, clock: Clock | None = None, settings: Settings | None = None,
             config_path: Path | None = None, poll_interval: float | None = POLL_SECONDS) -> CramplogApp:
    """Build the app on the journal at `db_path` (created if missing); for tests and `run_tui`.

    Settings default to the config file at `config_path` (or the default place); the clock to
    the machine's, in the configured zone.
    """
    from ..config import load

    if settings is None:
        settings = load(config_path)
    if clock is None:
        clock = Clock(settings.timezone) if settings.timezone else Clock()
    repo = JournalRepository.open(Path(db_path))
    repo.day_boundary = settings.boundary
    return CramplogApp(repo, settings, clock, db_path=Path(db_path), config_path=config_path,
                       poll_interval=poll_interval)


def command_callbacks(app: CramplogApp) -> list[tuple[str, str, Any]]:
    """Every action the palette offers: (title, help, callback)."""
    out: list[tuple[str, str, Any]] = []
    for kind, form in FORMS.items():
        out.append((form.title, f"Open the {kind} form", partial(app.action_log, kind)))
    out += [
        ("No cramps today", "Check in today as a day without cramps (n)", app.action_no_cramps),
        ("Dashboard", "Back to today's dashboard", app.action_dashboard),
        ("History", "Browse, edit and delete entries by day (h)", app.action_history),
        ("Trends", "Weekly charts (t)", app.action_trends),
        ("Insights", "What goes with your cramps (a)", app.action_insights),
        ("Settings and shoes", "Targets, units, day boundary, theme, shoes (o)", app.action_settings),
        ("Undo delete", "Put back the last deleted entry (u)", app.action_undo),
        ("Help", "Keys, screens and what cramplog can't do (?)", app.action_help),
        ("Quit", "Leave cramplog (q)", app.action_quit),
    ]
    return out
