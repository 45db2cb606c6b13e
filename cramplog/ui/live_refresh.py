"""Provides `LiveRefresh`: every `interval` seconds the app looks, in a thread worker, for what
changed behind its back: the config file (`LiveSettings.poll`), then the journal
(`DashboardFeed.poll`). So `cramplog drink 500` or `config set` in a shell shows in the running
app without a restart. Each look posts a message when it finds a change; one worker at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from .workers import in_thread

POLL_SECONDS = 1.5
"""How often the app checks whether the journal changed behind its back."""


class LiveRefresh:
    """The timer and worker of the live poll (none when `interval` is None: tests)."""

    def __init__(self, app: App[Any], interval: float | None, *looks: Callable[[], None]) -> None:
        self.app = app
        self.interval = interval
        self.looks = looks

    def start(self) -> None:
        if self.interval:
            self.app.set_interval(self.interval, self.poll, name="poll-journal")

    def poll(self) -> None:
        in_thread(self.app, "db-poll", "Checking for changes", self._look, exclusive=True)

    def _look(self) -> None:
        for look in self.looks:
            look()
