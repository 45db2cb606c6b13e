"""Provides `LiveSettings`: new settings reach the running app wherever they were made, and the
theme follows the palette both ways.

Settings come from the Settings screen, the first-run answers, or the config file changed from
a shell (`config set`), which the live poll notices (`poll`). Each is applied in one place
(`apply`): the open journal (`OpenJournal.use`), the theme, and every screen. A theme picked in
the palette is saved to the config file in a worker.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from textual.app import App

from ..domain.settings import Settings
from ..errors import CramplogError
from ..paths import config_file
from .dashboard_feed import DashboardFeed
from .messages import JournalFailed, SettingsChanged
from .open_journal import OpenJournal
from .themes import THEMES
from .workers import in_thread

Stamp = tuple[int, int] | None
"""The config file's modification time and size (None when it is missing)."""


class LiveSettings:
    """Applies new settings everywhere, and keeps the config file and the app's theme in step."""

    def __init__(self, app: App[Any], journal: OpenJournal, feed: DashboardFeed) -> None:
        self.app = app
        self.journal = journal
        self.feed = feed
        for theme in THEMES:
            app.register_theme(theme)
        self._seen = self._stamp()

    def start(self) -> None:
        """Show the configured theme, and save the one picked from now on."""
        if self.journal.settings.theme in self.app.available_themes:
            self.app.theme = self.journal.settings.theme
        self.app.theme_changed_signal.subscribe(self.app, self._theme_changed)

    def apply(self, settings: Settings) -> None:
        """Use new settings everywhere (the Settings screen calls it after a save)."""
        self.journal.use(settings)
        if settings.theme != self.app.theme and settings.theme in self.app.available_themes:
            self.app.theme = settings.theme
        self.feed.refresh()

    def _stamp(self) -> Stamp:
        try:
            stat = os.stat(self.journal.config_path or config_file())
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def poll(self) -> None:
        """Post `SettingsChanged` if the config file changed since it was last read (in the poll's
        thread); a file that can't be read now is left to the next start to report."""
        stamp = self._stamp()
        if stamp == self._seen:
            return
        self._seen = stamp
        from ..config import load

        try:
            settings = load(self.journal.config_path)
        except CramplogError:
            return
        if settings != self.journal.settings:
            self.app.post_message(SettingsChanged(settings, stamp))

    def changed(self, message: SettingsChanged) -> None:
        # Read in a poll thread: if the file changed since (the Settings screen saved), what it
        # read is older than what the app holds; the next poll reads the file again.
        if message.stamp == self._stamp() and message.settings != self.journal.settings:
            self.apply(message.settings)

    def _theme_changed(self, theme: Any) -> None:
        name = getattr(theme, "name", str(theme))
        if name != self.journal.settings.theme:
            self.journal.settings = dataclasses.replace(self.journal.settings, theme=name)
            in_thread(self.app, "config", "Saving the theme", self._save_theme, name)

    def _save_theme(self, name: str) -> None:
        from ..config import set_value

        try:
            set_value("display.theme", name, self.journal.config_path)
        except CramplogError as exc:
            self.app.post_message(JournalFailed(f"theme not saved: {exc}"))
