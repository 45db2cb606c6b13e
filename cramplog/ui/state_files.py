"""Provides `StateFiles`: where the small private files the app keeps beside the config live;
and `TrendsView`, the Trends tab and range kept in one of them.

Which red flags were read, whether the first-run questions were asked, and the Trends view last
shown: a few bytes each, read and written by `loaders` (the view in a worker), never the journal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from ..errors import CramplogError
from . import loaders
from .workers import in_thread

View = tuple[str | None, int | None]
"""A Trends tab and range (None: not known)."""


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


class TrendsView:
    """The Trends tab and range last shown, in this session or an earlier one.

    Read in a worker after the first frame (`read_later`); only a `t` typed before that lands
    reads the small file on the app's thread (`get`). Written in a worker, only when it changes."""

    def __init__(self, app: App[Any], path: Path) -> None:
        self.app = app
        self.path = path
        self._view: View | None = None

    def get(self) -> View:
        if self._view is None:
            self._view = loaders.read_trends_view(self.path)
        return self._view

    def read_later(self) -> None:
        """Read the file in a worker thread; what it reads is kept unless a visit read it first."""
        in_thread(self.app, "config", "Reading the trends view", self._read)

    def _read(self) -> None:
        self.app.call_from_thread(self._landed, loaders.read_trends_view(self.path))

    def _landed(self, view: View) -> None:
        if self._view is None:
            self._view = view

    def remember(self, tab: str, weeks: int) -> None:
        """Keep the Trends tab and range for the next visit (written only when they change)."""
        if (tab, weeks) == self.get():
            return
        self._view = (tab, weeks)
        in_thread(self.app, "config", "Remembering the trends view", self._write, tab, weeks)

    def _write(self, tab: str, weeks: int) -> None:
        try:
            loaders.write_trends_view(self.path, tab, weeks)
        except CramplogError:
            pass  # only the next visit's starting tab is lost; the journal is untouched
