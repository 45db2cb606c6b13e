"""Provides `CramplogApp`, the Textual app that bare `cramplog` opens, and `make_app` for tests.

Flow: the dashboard is the default screen. Every read and write of the journal runs in a thread
worker and comes back as a message (`messages.py`); handlers here update the screens. This
module wires; the work is elsewhere: reads in `loaders.py`, writes in `journal_writes.py`, undo
and redo in `undo.py`, the report, export and backup in `output_files.py`, a quit waiting for
writes in `pending_writes.py`, the small files beside the config in `state_files.py`, the keys
in `keys.py`, the key order in `key_order.py`.

Logging keys open `EntryFormModal`, whose result is saved in a worker; the red flags an entry
fires are shown in a modal. A poll worker compares `repo.change_token()` every `poll_interval`
seconds, so entries written from a shell appear without a restart. History, settings, help,
trends and insights are imported when first opened, and the entry form (with the form rules)
right after the first paint: nothing waits for them (startup budget).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from ..domain import entries as E
from ..domain.clock import Clock
from ..domain.describe import describe
from ..domain.redflags import RedFlag
from ..domain.settings import Settings
from ..errors import CramplogError
from ..paths import JournalURL, config_file
from ..storage.repository import JournalRepository
from . import journal_writes, keys, loaders
from .commands import CramplogCommands
from .key_order import KeysInOrder
from .messages import (
    ChangeApplied,
    CheckInRefused,
    DashboardLoaded,
    EntryDeleted,
    EntrySaved,
    EntrySaveFailed,
    FileWritten,
    FirstRunSaved,
    JournalChanged,
    JournalFailed,
    RedFlagsChecked,
    SettingsChanged,
)
from .open_journal import OpenJournal
from .output_files import OutputFiles
from .pending_writes import WRITE_GROUP, PendingWrites
from .screens.dashboard import DashboardScreen
from .state_files import StateFiles, TrendsView, View
from .undo import Change, UndoHistory, apply_change
from .workers import post_from_thread

if TYPE_CHECKING:
    from .base import Cramplog
    from .forms import FormContext, Submitted
    from .modals.entry_form import EntryFormModal
    from .modals.first_run import FirstRunAnswers

POLL_SECONDS = 1.5
"""How often the app checks whether the journal changed behind its back."""


class CramplogApp(KeysInOrder):
    """The cramplog journal. Screens see it as `base.Cramplog` (their `cramplog` property)."""

    CSS_PATH = "app.tcss"
    TITLE = "cramplog"
    SUB_TITLE = "cramp journal"
    COMMANDS = App.COMMANDS | {CramplogCommands}
    BINDINGS: ClassVar[list[BindingType]] = keys.app_bindings()

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
        repo: the open journal.
        settings: effective settings (the app keeps its own copy as they change).
        clock: the clock (a `FixedClock` in tests).
        db_path: the journal file, shown in Help.
        config_path: the config file settings are saved to (None: the default place).
        poll_interval: seconds between change checks; None turns live refresh off.
        first_load: the dashboard's first load, already under way (`loaders.prefetch_dashboard`).
        first_run: ask the first-run questions on an empty journal that has not been asked.
        """
        super().__init__()
        from .themes import THEMES

        for theme in THEMES:
            self.register_theme(theme)
        self.journal = OpenJournal(repo, settings, clock, db_path, config_path)
        self.state = StateFiles(config_path)
        self.trends = TrendsView(self, self.state.trends_view)
        self.poll_interval = poll_interval
        self.data: loaders.DashboardData | None = None
        """The last dashboard load (None until the first one lands)."""
        self.history = UndoHistory()
        self.pending = PendingWrites(self)
        self.files = OutputFiles(self, self.journal)
        self.flags: list[RedFlag] = []
        """Red flags active now, most serious first (the dashboard banner)."""
        self.flag_dates: dict[str, Any] = {}
        """Rule -> date of the oldest entry behind the flag."""
        self.flags_read: set[str] = set()
        """Flags already read (`loaders.flag_key`), remembered in the config folder."""
        self._token: tuple[int, int, str] | None = None
        self._config_seen = self._config_stamp()
        self._first_load = first_load
        self.first_run = first_run
        self._painted = False
        self._exit_after_paint = bool(os.environ.get("CRAMPLOG_EXIT_AFTER_PAINT"))
        self.paint_cpu: float | None = None
        """CPU seconds used up to the first paint (set by the benchmark hook only)."""

    def get_default_screen(self) -> Screen[Any]:
        # The first load, started before Textual was imported, has almost always landed by
        # now: the dashboard's first frame then has the numbers, with no frame of "loading"
        # before them and no worker between.
        first = self._first_load
        if first is not None and first.done() and first.exception() is None:
            self._first_load = None
            self.data = first.result()
        return DashboardScreen(id="dashboard")

    def on_mount(self) -> None:
        if self.journal.settings.theme in self.available_themes:
            self.theme = self.journal.settings.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.data is not None:  # on screen from the first frame (`get_default_screen`)
            self._token = self.data.token
            self._first_frame()
            self.load_flags()
        else:
            self.load_dashboard()
        if self.poll_interval:
            self.set_interval(self.poll_interval, self.poll_changes, name="poll-journal")

    # -- helpers for screens ---------------------------------------------------------------------

    def form_context(self) -> FormContext:
        """Now, zone, units, shoes and last entries: what a form needs to parse and prefill."""
        from .forms import FormContext

        now = self.journal.clock.now()
        data = self.data
        return FormContext(
            now=now,
            tz_name=self.journal.clock.tz_name,
            tz=self.journal.clock.tz,
            today=loaders.current_day(self.journal.clock, self.journal.settings),
            units=self.journal.settings.units,
            shoes=tuple(data.shoes) if data else (),
            last=dict(data.last) if data else {},
            cramp_today=bool(data and data.summary.cramps_today),
            boundary=self.journal.settings.boundary,
        )

    def open_form(
        self,
        kind: str,
        entry: E.Entry | None = None,
        *,
        texts: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
    ) -> None:
        """Open the form of `kind` (editing `entry` when given); a saved result goes to a worker."""
        from .forms import FORMS
        from .modals.entry_form import EntryFormModal

        modal = EntryFormModal(
            FORMS[kind], self.form_context(), entry, texts=texts, errors=errors, save=self.save_from_form
        )
        self.push_screen(modal, self._form_closed)

    def _form_closed(self, submitted: Submitted | None) -> None:
        if submitted is not None:
            self.save_entry(submitted.entry, submitted.new_shoe)

    def save_from_form(self, form: EntryFormModal, submitted: Submitted) -> None:
        """Save a form's entry while the form stays open, saying "Saving…", until the journal
        answers: then it closes (`EntrySaved`) or shows why not (`EntrySaveFailed`)."""
        self.pending.form = form
        self.save_entry(submitted.entry, submitted.new_shoe)

    # -- never quit with a write unresolved (`pending_writes`) -------------------------------------

    @property
    def undo_stack(self) -> list[Change]:
        """Saves, edits and deletes, newest last, for undo (`u`)."""
        return self.history.undo

    async def action_quit(self) -> None:
        """Quit, but never with a write unresolved: then quit once it is written (or say why not)."""
        self.pending.quit()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.pending.worker_changed(event.worker)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return keys.allowed(action, self.screen)

    # -- actions ---------------------------------------------------------------------------------

    def action_log(self, kind: str) -> None:
        """Open the form to log an entry of `kind`."""
        self.open_form(kind)

    def action_no_cramps(self) -> None:
        """Check in today's diary day as "no cramps today" (the journal refuses a day with a cramp)."""
        self.check_in_no_cramps()

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        self._show(HistoryScreen)

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self._show(SettingsScreen)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_quick_cramp(self) -> None:
        """The thumb-sized cramp screen (the phone's quick bar)."""
        from .screens.quick_log import QuickCrampScreen

        self.push_screen(QuickCrampScreen())

    def open_history(self, until: dt.date, *, back_to_caller: bool) -> None:
        """History up to `until`; Escape there returns to the screen that opened it when asked."""
        from .screens.history import HistoryScreen

        self.push_screen(HistoryScreen.up_to(until, back_to_caller=back_to_caller))

    def show_cramp(self, cramp_id: int) -> None:
        """Open one cramp's context: the 48 hours before it and the analysis' day."""
        from .screens.cramp_context import CrampContextScreen

        self.push_screen(CrampContextScreen(cramp_id))

    def action_dashboard(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()

    def action_trends(self) -> None:
        from .screens.trends import TrendsScreen  # pandas waits for its worker

        self._show(TrendsScreen)

    def action_insights(self) -> None:
        from .screens.insights import InsightsScreen  # pandas waits for its worker

        self._show(InsightsScreen)

    def action_experiment(self) -> None:
        from .screens.experiment import ExperimentScreen

        self._show(ExperimentScreen)

    def action_help_quit(self) -> None:
        """Ctrl+C: say how this app quits (Textual's own message named its ctrl+q)."""
        self.notify("Press q to quit.", title="Do you want to quit?", markup=False)

    def action_undo(self) -> None:
        """Undo the most recent save, edit or delete."""
        self._undo_or_redo(undo=True)

    def action_redo(self) -> None:
        """Redo the most recently undone change."""
        self._undo_or_redo(undo=False)

    def _undo_or_redo(self, undo: bool) -> None:
        change = self.history.take(undo)
        if change is None:
            self.notify(f"Nothing to {'undo' if undo else 'redo'}.")
            return
        self._write("Undoing", apply_change, self.journal.repo, self.journal.clock, change, undo)

    # -- files: report, export, backup (from the palette; `output_files`) ------------------------

    def action_report(self) -> None:
        """Write the clinician report to a file, then preview it."""
        self.files.report()

    def action_export(self) -> None:
        """Export every entry as JSON (complete, re-importable)."""
        self.files.export()

    def action_backup(self) -> None:
        """Save a consistent copy of the journal in the backups folder."""
        self.files.backup()

    @on(FileWritten)
    def _file_written(self, message: FileWritten) -> None:
        self.files.written(message)

    def _show(self, screen_cls: type[Screen[Any]]) -> None:
        """Open a full screen on top of the dashboard (replacing another full screen)."""
        if isinstance(self.screen, screen_cls):
            return
        self.action_dashboard()
        self.push_screen(screen_cls())

    # -- workers (thread); results come back as messages -----------------------------------------

    @work(thread=True, exclusive=True, group="db-dashboard", exit_on_error=False, description="Loading the dashboard")
    def load_dashboard(self) -> None:
        first, self._first_load = self._first_load, None
        try:
            if first is not None:
                data = first.result()
            else:
                data = loaders.load_dashboard(self.journal.repo, self.journal.settings, self.journal.clock)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc)))
            return
        self.post_message(DashboardLoaded(data))
        self._check_flags()  # second: the numbers paint first, the banner follows within moments

    @work(thread=True, exclusive=True, group="db-dashboard", exit_on_error=False, description="Checking red flags")
    def load_flags(self) -> None:
        self._check_flags()

    def _check_flags(self) -> None:
        """Which red flags are active, since when, and which were read (in a worker thread)."""
        try:
            flags = loaders.active_flags(self.journal.repo, self.journal.clock)
            dates = loaders.flag_dates(self.journal.repo, flags, self.journal.clock, self.journal.settings)
        except CramplogError as exc:
            self.post_message(JournalFailed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(RedFlagsChecked(flags, dates, loaders.read_flags(self.state.flags_read)))

    @property
    def trends_view(self) -> View:
        """The Trends tab and range last shown (`state_files.TrendsView`)."""
        return self.trends.get()

    def remember_trends_view(self, tab: str, weeks: int) -> None:
        """Keep the Trends tab and range for the next visit (written only when they change)."""
        self.trends.remember(tab, weeks)

    @work(thread=True, group="config", exit_on_error=False, description="Marking flags read")
    def mark_flags_read(self, flags: list[RedFlag]) -> None:
        try:
            read = loaders.mark_flags_read(self.state.flags_read, flags)
        except CramplogError as exc:
            self.post_message(JournalFailed(f"could not remember the flag as read: {exc}"))
            return
        self.post_message(RedFlagsChecked(self.flags, self.flag_dates, read))

    # -- threads; results come back as messages --------------------------------------------------

    def _in_thread(self, group: str, description: str, job: Callable[..., Message], *args: Any) -> None:
        """Run `job(*args)` in a thread worker of `group` and post the message it returns."""
        post_from_thread(self, group, description, job, *args)

    # Writes are not exclusive: a thread cannot be stopped, and a cancelled write would still
    # land in the journal while its message was dropped.
    def _write(self, description: str, job: Callable[..., Message], *args: Any) -> None:
        self._in_thread(WRITE_GROUP, description, job, *args)

    def save_entry(self, entry: E.Entry, new_shoe: str | None = None) -> None:
        """Save `entry` (a run in `new_shoe`, a shoe the journal does not have yet, adds it)."""
        self._write("Saving an entry", journal_writes.save, self.journal.repo, self.journal.clock, entry, new_shoe)

    def check_in_no_cramps(self) -> None:
        self._write(
            "Checking in",
            journal_writes.check_in_no_cramps,
            self.journal.repo,
            self.journal.clock,
            self.journal.settings,
        )

    def delete_entry(self, entry_id: int) -> None:
        self._write("Deleting an entry", journal_writes.delete, self.journal.repo, entry_id)

    @work(thread=True, exclusive=True, group="db-poll", exit_on_error=False, description="Checking for changes")
    def poll_changes(self) -> None:
        self._poll_config()
        try:
            token = self.journal.repo.change_token()
        except CramplogError:
            return
        if self._token is not None and token != self._token:
            self.post_message(JournalChanged(token))

    def _config_stamp(self) -> tuple[int, int] | None:
        """The config file's modification time and size (None when it is missing)."""
        try:
            stat = (self.journal.config_path or config_file()).stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def _poll_config(self) -> None:
        """Settings changed from a shell (`config set`) reach the running app as the journal's
        entries do; a file that can't be read now is left to the next start to report."""
        stamp = self._config_stamp()
        if stamp == self._config_seen:
            return
        self._config_seen = stamp
        from ..config import load

        try:
            settings = load(self.journal.config_path)
        except CramplogError:
            return
        if settings != self.journal.settings:
            self.post_message(SettingsChanged(settings, stamp))

    @work(thread=True, group="config", exit_on_error=False, description="Saving the theme")
    def save_theme(self, name: str) -> None:
        from ..config import set_value

        try:
            set_value("display.theme", name, self.journal.config_path)
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
        self._first_frame()

    def _first_frame(self) -> None:
        """Once the dashboard's numbers are on screen: the benchmark hook, then the forms' import."""
        if not self._painted:
            self._painted = True
            if self._exit_after_paint:
                self.call_after_refresh(self._exit_painted)
            self.call_after_refresh(self._prepare_forms)
            self.call_after_refresh(self.trends.read_later)
            if self.first_run:
                self.call_after_refresh(self._ask_first_run)

    @on(RedFlagsChecked)
    def _red_flags_checked(self, message: RedFlagsChecked) -> None:
        self.flags = message.flags
        self.flag_dates = message.dates
        self.flags_read = message.read
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.show_flags(message.flags)

    def _ask_first_run(self) -> None:
        """On an empty journal never asked before: the first-run questions, over the dashboard.

        Not when something else is already open or keys are on their way (a fast first `c`): the
        person is busy, and it asks on the next start instead. The state file is a few bytes,
        read here so that no key can come between reading it and asking."""
        if self.data is None or self.data.total or len(self.screen_stack) > 1 or self.keys_waiting:
            return
        if loaders.first_run_asked(self.state.first_run):
            return
        from .modals.first_run import FirstRunModal

        self.push_screen(FirstRunModal(self.journal.settings), self.save_first_run)

    def save_first_run(self, answers: FirstRunAnswers | None) -> None:
        """Write the first-run answers (`modals.first_run.save_answers`) in a worker."""
        from .modals.first_run import save_answers

        journal = self.journal.db_path if isinstance(self.journal.db_path, Path) else None
        self._in_thread(
            "config",
            "Saving the first answers",
            save_answers,
            answers,
            self.state.first_run,
            self.journal.config_path,
            journal,
        )

    @on(FirstRunSaved)
    def _first_run_saved(self, message: FirstRunSaved) -> None:
        if message.settings is not None:
            self.apply_settings(message.settings)
        said = "Saved. " if message.settings is not None else ""
        for note in message.notes:
            self.notify(note, markup=False, timeout=10)
        self.notify(
            f"{said}Settings (o) changes units, targets, time zone, day boundary and the reminder.",
            markup=False,
            timeout=8,
        )

    def _prepare_forms(self) -> None:
        """Import the entry form now the dashboard is painted, so the first `c` opens it at once.

        About 20 ms of imports, taken while the user reads the dashboard rather than before it
        shows or after their first key; keys that arrive meanwhile wait in order, as always.
        """
        import importlib

        importlib.import_module(".modals.entry_form", __package__)

    def _exit_painted(self) -> None:
        """Benchmark hook (CRAMPLOG_EXIT_AFTER_PAINT): exit with the time of the first paint.

        `paint_cpu` keeps the process's CPU seconds at that moment: on a busy machine the wall
        time includes waiting for a CPU, and the CPU time shows the work itself."""
        self.paint_cpu = time.process_time()
        self.exit(time.time())

    @on(EntrySaved)
    def _entry_saved(self, message: EntrySaved) -> None:
        form = self.pending.take_form()
        if form is not None and form.is_attached:
            form.saved()
        entry = message.entry
        if message.before is not None:
            self.history.record(("edit", entry, message.before, None))
        elif message.created:
            self.history.record(("add", entry, None, message.cleared))
        undo = " · u undo" if message.created or message.before is not None else ""
        self.notify(
            f"{message.verb.capitalize()} {entry.kind} #{entry.id}: "
            f"{describe(entry, self.journal.settings.units, message.shoes)}{message.note}{undo}",
            markup=False,
        )
        if message.flags:
            from .modals.red_flag import RedFlagModal

            self.push_screen(RedFlagModal(message.flags))
        self.refresh_views()

    @on(EntrySaveFailed)
    def _entry_save_failed(self, message: EntrySaveFailed) -> None:
        """Reopen the form with what was typed and the journal's reason: nothing is lost."""
        from .forms import FORMS

        form = FORMS[message.entry.kind]
        field = message.field if message.field in {f.name for f in form.fields} else "_form"
        self.pending.keep_open("Not saved")
        if message.environment:
            self.notify(
                f"{message.error}. What you typed is still in the form: press Enter to try "
                "again, or Escape to discard it.",
                severity="error",
                markup=False,
                timeout=10,
            )
        waiting = self.pending.take_form()
        if waiting is not None and waiting.is_attached:
            waiting.save_failed({field or "_form": message.error})
            return
        ctx = self.form_context()
        texts = form.initial(ctx, message.entry)
        if message.new_shoe is not None:
            texts["shoe_id"] = message.new_shoe
        self.open_form(
            message.entry.kind,
            message.entry if message.entry.id is not None else None,
            texts=texts,
            errors={field or "_form": message.error},
        )

    @on(EntryDeleted)
    def _entry_deleted(self, message: EntryDeleted) -> None:
        self.history.record(("delete", message.entry, None, None))
        self.notify(f"Deleted {message.entry.kind} #{message.entry.id}. Press u to undo.", markup=False)
        self.refresh_views()

    @on(ChangeApplied)
    def _change_applied(self, message: ChangeApplied) -> None:
        self.notify(message.text, markup=False)
        self.refresh_views()

    @on(CheckInRefused)
    def _check_in_refused(self, message: CheckInRefused) -> None:
        self.notify(message.text, severity="warning", markup=False, timeout=6)

    @on(JournalFailed)
    def _journal_failed(self, message: JournalFailed) -> None:
        self.notify(message.error, severity="error", markup=False, timeout=8)
        self.pending.keep_open("Not written")

    @on(SettingsChanged)
    def _settings_changed(self, message: SettingsChanged) -> None:
        # Read in a poll thread: if the file changed since (the Settings screen saved), what it
        # read is older than what the app holds; the next poll reads the file again.
        if message.stamp == self._config_stamp() and message.settings != self.journal.settings:
            self.apply_settings(message.settings)

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
        if name != self.journal.settings.theme:
            self.journal.settings = dataclasses.replace(self.journal.settings, theme=name)
            self.save_theme(name)

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings everywhere (called by the Settings screen after a save)."""
        self.journal.use(settings)
        if settings.theme != self.theme and settings.theme in self.available_themes:
            self.theme = settings.theme
        self.refresh_views()


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
