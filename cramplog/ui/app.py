"""Provides `CramplogApp`, the Textual app that bare `cramplog` opens, and `make_app` for tests.

The app only wires, so that each concern can be read (and changed) on its own: `__init__`
composes them, each a small module holding one thing; the keys declared in `keys.py` run
actions that each call one of them; and each message a thread worker posts (`messages.py`) goes
to one concern's handler (every `JournalFailed` to `journal_writes`, whichever worker posted
it). Screens see the app as `base.Cramplog`, checked below.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App
from textual.binding import BindingType
from textual.screen import Screen
from textual.worker import Worker

from ..domain.clock import Clock
from ..domain.settings import Settings
from ..paths import JournalURL
from ..storage.repository import JournalRepository
from . import keys, loaders, messages
from .commands import CramplogCommands
from .dashboard_feed import DashboardFeed
from .entry_forms import EntryForms
from .journal_writes import JournalWrites
from .key_order import KeysInOrder
from .live_refresh import POLL_SECONDS, LiveRefresh
from .live_settings import LiveSettings
from .navigation import Navigation
from .open_journal import OpenJournal
from .output_files import OutputFiles
from .pending_writes import PendingWrites
from .startup import Startup
from .state_files import StateFiles, TrendsView
from .undo import UndoHistory

if TYPE_CHECKING:
    from .base import Cramplog


TALL = 40
"""Rows from which a burst of toasts can stack: below, half the screen holds one long toast."""


class CramplogApp(KeysInOrder):
    """The cramplog journal. Screens see it as `base.Cramplog` (their `cramplog` property)."""

    CSS_PATH = "app.tcss"
    TITLE = "cramplog"
    SUB_TITLE = "cramp journal"
    COMMANDS = App.COMMANDS | {CramplogCommands}
    BINDINGS: ClassVar[list[BindingType]] = keys.app_bindings()
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]
    """A screen under `TALL` rows shows one toast at a time, the newest (app.tcss)."""

    def __init__(
        self,
        repo: JournalRepository,
        settings: Settings,
        clock: Clock,
        *,
        db_path: Path | JournalURL | None = None,
        config_path: Path | None = None,
        poll_interval: float | None = POLL_SECONDS,
        first_load: Future[loaders.DashboardData] | None = None,
        first_run: bool = True,
    ) -> None:
        """Args:
        repo, settings, clock, db_path, config_path: the open journal (`OpenJournal`).
        poll_interval: seconds between change checks; None turns live refresh off.
        first_load: the dashboard's first load, already under way (`loaders.prefetch_dashboard`).
        first_run: ask the first-run questions on an empty journal that has not been asked.
        """
        super().__init__()
        self.journal = OpenJournal(repo, settings, clock, db_path, config_path)
        state = StateFiles(config_path)
        self.navigation = Navigation(self)
        self.feed = DashboardFeed(self, self.journal, state, self.navigation, first_load)
        self.history = UndoHistory()
        self.pending = PendingWrites(self)
        self.writes = JournalWrites(self, self.journal, self.pending, self.history, self.feed)
        self.forms = EntryForms(self, self.journal, self.feed, self.writes, self.pending)
        self.files = OutputFiles(self, self.journal)
        self.trends = TrendsView(self, state.trends_view)
        self.live_settings = LiveSettings(self, self.journal, self.feed)
        live = LiveRefresh(self, poll_interval, self.live_settings.poll, self.feed.poll)
        self.startup = Startup(
            self, self.journal, state, self.feed, self.forms, self.trends, self.live_settings, live, first_run=first_run
        )

    def get_default_screen(self) -> Screen[Any]:
        return self.startup.first_screen()

    def on_mount(self) -> None:
        self.startup.mounted()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return keys.allowed(action, self.screen)

    # -- actions (`keys.KEYS` binds them) --------------------------------------------------------

    def action_log(self, kind: str) -> None:
        self.forms.open(kind)

    def action_no_cramps(self) -> None:
        self.writes.check_in_no_cramps()

    def action_undo(self) -> None:
        self.writes.undo()

    def action_redo(self) -> None:
        self.writes.redo()

    def action_dashboard(self) -> None:
        self.navigation.dashboard()

    def action_history(self) -> None:
        self.navigation.history()

    def action_settings(self) -> None:
        self.navigation.settings()

    def action_trends(self) -> None:
        self.navigation.trends()

    def action_insights(self) -> None:
        self.navigation.insights()

    def action_experiment(self) -> None:
        self.navigation.experiment()

    def action_help(self) -> None:
        self.navigation.help()

    def action_quick_cramp(self) -> None:
        self.navigation.quick_cramp()

    def action_help_quit(self) -> None:
        self.navigation.quit_hint()

    def action_report(self) -> None:
        self.files.report()

    def action_export(self) -> None:
        self.files.export()

    def action_backup(self) -> None:
        self.files.backup()

    async def action_quit(self) -> None:
        self.pending.quit()

    # -- the workers' messages, each to the concern that asked -----------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.pending.worker_changed(event.worker)

    @on(messages.DashboardLoaded)
    def _dashboard_loaded(self, message: messages.DashboardLoaded) -> None:
        self.feed.loaded(message)

    @on(messages.RedFlagsChecked)
    def _red_flags_checked(self, message: messages.RedFlagsChecked) -> None:
        self.feed.flags_checked(message)

    @on(messages.JournalChanged)
    def _journal_changed(self, message: messages.JournalChanged) -> None:
        self.feed.changed(message)

    @on(messages.EntrySaved)
    def _entry_saved(self, message: messages.EntrySaved) -> None:
        self.writes.saved(message)

    @on(messages.EntrySaveFailed)
    def _entry_save_failed(self, message: messages.EntrySaveFailed) -> None:
        self.forms.save_failed(message)

    @on(messages.EntryDeleted)
    def _entry_deleted(self, message: messages.EntryDeleted) -> None:
        self.writes.deleted(message)

    @on(messages.ChangeApplied)
    def _change_applied(self, message: messages.ChangeApplied) -> None:
        self.writes.applied(message)

    @on(messages.CheckInRefused)
    def _check_in_refused(self, message: messages.CheckInRefused) -> None:
        self.writes.refused(message)

    @on(messages.JournalFailed)
    def _journal_failed(self, message: messages.JournalFailed) -> None:
        self.writes.failed(message)

    @on(messages.FileWritten)
    def _file_written(self, message: messages.FileWritten) -> None:
        self.files.written(message)

    @on(messages.SettingsChanged)
    def _settings_changed(self, message: messages.SettingsChanged) -> None:
        self.live_settings.changed(message)

    @on(messages.FirstRunSaved)
    def _first_run_saved(self, message: messages.FirstRunSaved) -> None:
        self.startup.first_run_saved(message)


if TYPE_CHECKING:
    _SCREENS_SEE: type[Cramplog] = CramplogApp  # mypy: the app has all that screens use of it (`base`)


def make_app(
    db_path: Path | str,
    *,
    clock: Clock | None = None,
    settings: Settings | None = None,
    config_path: Path | None = None,
    poll_interval: float | None = POLL_SECONDS,
    first_run: bool = False,
) -> CramplogApp:
    """Build the app on the journal at `db_path` (created if missing); for tests.

    Settings default to the config file at `config_path` (or the default place); the clock to
    the machine's, in the configured zone.
    """
    from ..config import load

    if settings is None:
        settings = load(config_path)
    if clock is None:
        clock = Clock(settings.timezone) if settings.timezone else Clock()
    repo = JournalRepository.open(Path(db_path), day_boundary=settings.boundary)
    return CramplogApp(
        repo,
        settings,
        clock,
        db_path=Path(db_path),
        config_path=config_path,
        poll_interval=poll_interval,
        first_run=first_run,
    )
