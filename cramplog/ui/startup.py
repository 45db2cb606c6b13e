"""Provides `Startup`: what the app does once, as it opens: the dashboard first, and everything
else after it is painted.

The dashboard is the first screen, with the numbers of the load started before Textual was
imported when it has landed (`DashboardFeed.take_first_load`). Once its numbers are on screen:
the benchmark hook (`CRAMPLOG_EXIT_AFTER_PAINT`), the entry form's import, the Trends view's
small file, and on an empty journal never asked before, the first-run questions. Nothing here
makes the first frame wait (the startup budget, `bench/startup`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import loaders
from .dashboard_feed import DashboardFeed
from .entry_forms import EntryForms
from .key_order import KeysInOrder
from .live_refresh import LiveRefresh
from .live_settings import LiveSettings
from .messages import FirstRunSaved
from .open_journal import OpenJournal
from .screens.dashboard import DashboardScreen
from .state_files import StateFiles, TrendsView
from .workers import post_from_thread

if TYPE_CHECKING:
    from .modals.first_run import FirstRunAnswers


class Startup:
    """The app's first screen, and the work left until it is painted."""

    def __init__(
        self,
        app: KeysInOrder,
        journal: OpenJournal,
        state: StateFiles,
        feed: DashboardFeed,
        forms: EntryForms,
        trends: TrendsView,
        settings: LiveSettings,
        live: LiveRefresh,
        *,
        first_run: bool,
    ) -> None:
        self.app = app
        self.journal = journal
        self.state = state
        self.feed = feed
        self.forms = forms
        self.trends = trends
        self.settings = settings
        self.live = live
        self.first_run = first_run
        """Ask the first-run questions on an empty journal that has not been asked."""
        self._painted = False
        self._exit_after_paint = bool(os.environ.get("CRAMPLOG_EXIT_AFTER_PAINT"))
        self.paint_cpu: float | None = None
        """CPU seconds used up to the first paint (set by the benchmark hook only)."""

    def first_screen(self) -> DashboardScreen:
        self.feed.take_first_load()
        return DashboardScreen(id="dashboard")

    def mounted(self) -> None:
        """The theme, the dashboard's loads, then the live poll."""
        self.settings.start()
        self.feed.start(then=self.first_frame)
        self.live.start()

    def first_frame(self) -> None:
        """Once the dashboard's numbers are on screen (the first time only): what was left for then."""
        if self._painted:
            return
        self._painted = True
        if self._exit_after_paint:
            self.app.call_after_refresh(self._exit_painted)
        self.app.call_after_refresh(self.forms.prepare)
        self.app.call_after_refresh(self.trends.read_later)
        if self.first_run:
            self.app.call_after_refresh(self._ask_first_run)

    def _exit_painted(self) -> None:
        """Benchmark hook (CRAMPLOG_EXIT_AFTER_PAINT): exit with the time of the first paint.

        `paint_cpu` keeps the process's CPU seconds at that moment: on a busy machine the wall
        time includes waiting for a CPU, and the CPU time shows the work itself."""
        self.paint_cpu = time.process_time()
        self.app.exit(time.time())

    def _ask_first_run(self) -> None:
        """On an empty journal never asked before: the first-run questions, over the dashboard.

        Not when something else is already open or keys are on their way (a fast first `c`): the
        person is busy, and it asks on the next start instead. The state file is a few bytes,
        read here so that no key can come between reading it and asking."""
        data = self.feed.data
        if data is None or data.total or len(self.app.screen_stack) > 1 or self.app.keys_waiting:
            return
        if loaders.first_run_asked(self.state.first_run):
            return
        from .modals.first_run import FirstRunModal

        self.app.push_screen(FirstRunModal(self.journal.settings), self._save_first_run)

    def _save_first_run(self, answers: FirstRunAnswers | None) -> None:
        """Write the first-run answers (`modals.first_run.save_answers`) in a worker."""
        from .modals.first_run import save_answers

        db_path, config_path = self.journal.db_path, self.journal.config_path
        journal = db_path if isinstance(db_path, Path) else None
        post_from_thread(
            self.app,
            "config",
            "Saving the first answers",
            save_answers,
            answers,
            self.state.first_run,
            config_path,
            journal,
        )

    def first_run_saved(self, message: FirstRunSaved) -> None:
        if message.settings is not None:
            self.settings.apply(message.settings)
        said = "Saved. " if message.settings is not None else ""
        for note in message.notes:
            self.app.notify(note, markup=False, timeout=10)
        self.app.notify(
            f"{said}Settings (o) changes units, targets, time zone, day boundary and the reminder.",
            markup=False,
            timeout=8,
        )
