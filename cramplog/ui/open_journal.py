"""Provides `OpenJournal`: the journal the app has open, with the settings and clock it is read by.

One object that the app's concerns and its screens all read, so that new settings (a save on the
Settings screen, the first-run answers, `config set` in a shell) reach every one of them at once:
`use` is the one place that keeps the clock and the repository in step with the settings.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..domain.clock import Clock
from ..domain.settings import Settings
from ..domain.zones import local_zone_name
from ..paths import JournalURL
from ..storage.repository import JournalRepository


@dataclass
class OpenJournal:
    """The open journal and how it is read; replaced piece by piece as settings change."""

    repo: JournalRepository
    settings: Settings
    """The effective settings (the app keeps its own copy as they change)."""
    clock: Clock
    """The clock (a `FixedClock` in tests), in the configured zone."""
    db_path: Path | JournalURL | None = None
    """The journal's file or server (Help shows it; backups and the reminder use it)."""
    config_path: Path | None = None
    """The config file settings are saved to (None: the default place)."""

    def use(self, settings: Settings) -> None:
        """Read the journal by `settings` from now on: new entries are logged in their time zone,
        and the journal's check-in merge files days by their day boundary."""
        if settings.timezone != self.settings.timezone:
            self.clock = dataclasses.replace(self.clock, tz_name=settings.timezone or local_zone_name())
        self.settings = settings
        if settings.boundary != self.repo.day_boundary:
            self.repo = self.repo.with_day_boundary(settings.boundary)
