"""Provides `StateFiles`: where the small private files the app keeps beside the config live.

Which red flags were read, whether the first-run questions were asked, and the Trends view last
shown: a few bytes each, read and written by `loaders`, never the journal.
"""

from __future__ import annotations

from pathlib import Path


class StateFiles:
    """The app's state files, in the folder of the config file (the default config folder)."""

    def __init__(self, config_path: Path | None) -> None:
        self.config_path = config_path

    def path(self, name: str) -> Path:
        """A small private file the app keeps beside the config."""
        from ..paths import config_dir

        folder = self.config_path.parent if self.config_path is not None else config_dir()
        return folder / name

    @property
    def flags_read(self) -> Path:
        """Remembers which red flags were read."""
        return self.path("red_flags_read.json")

    @property
    def first_run(self) -> Path:
        """Says the first-run questions were asked."""
        return self.path("first_run.json")

    @property
    def trends_view(self) -> Path:
        """The Trends tab and range last shown."""
        return self.path("trends_view.json")
