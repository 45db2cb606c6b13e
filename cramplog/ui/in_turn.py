"""Provides `InTurn`: what is typed while a screen's content is on its way, done once it is in.

The one rule for every screen that fills from a worker (History's page, Insights' analysis,
Trends' weeks): between `wait()` and `filled()` an action is queued instead of done, then the
queue is done in order; an action that asks for content again holds the rest until it arrives.
(The app holds every key while a screen or form opens; this holds a screen's own keys after.)
"""

from __future__ import annotations

from collections.abc import Callable


class InTurn:
    """A queue of actions waiting for content (`wait` ... `filled`)."""

    def __init__(self) -> None:
        self.waiting = False
        """Content was asked for and has not arrived."""
        self._queued: list[Callable[[], object]] = []

    def wait(self) -> None:
        """Content is on its way: actions from now wait for `filled`."""
        self.waiting = True

    def filled(self) -> None:
        """The content is in (or will not come): do the actions that waited, in order."""
        self.waiting = False
        while self._queued and not self.waiting:
            self._queued.pop(0)()

    def do(self, act: Callable[[], object]) -> None:
        """Do `act` now, or once the content asked for before it is in."""
        if self.waiting:
            self._queued.append(act)
        else:
            act()
