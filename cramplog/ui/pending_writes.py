"""Provides `PendingWrites`: the app never quits with a write to the journal unresolved.

`q` while a save, check-in, delete or undo is under way quits once it is written; if it could
not be written, the quit is cancelled and the app says so, so that nothing typed is lost. A form
being saved stays open, saying "Saving…", until the journal answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.worker import Worker

if TYPE_CHECKING:
    from .modals.entry_form import EntryFormModal

WRITE_GROUP = "db-write"
"""The worker group of every write to the journal."""


class PendingWrites:
    """The writes under way, the form waiting for one, and a quit waiting for them."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.form: EntryFormModal | None = None
        """The form whose entry is being saved (it stays open until the journal answers)."""
        self.quit_asked = False
        """q was pressed while a write was under way: quit once it is written."""

    def writing(self) -> bool:
        """Whether a write to the journal is still under way (a save, a check-in, a delete, an undo)."""
        return self.form is not None or any(w.group == WRITE_GROUP and not w.is_finished for w in self.app.workers)

    def take_form(self) -> EntryFormModal | None:
        """The form that waited for the save that just ended (no longer waiting)."""
        form, self.form = self.form, None
        return form

    def quit(self) -> None:
        """Quit now, or once the writes under way are written."""
        if not self.writing():
            self.app.exit()
            return
        self.quit_asked = True
        self.app.notify("Saving… cramplog closes once the entry is written.", markup=False, timeout=10)

    def worker_changed(self, worker: Worker[Any]) -> None:
        """A worker started or ended: the last write ending carries out a quit asked for meanwhile."""
        if getattr(worker, "group", "") == WRITE_GROUP and self.quit_asked and not self.writing():
            self.app.exit()

    def keep_open(self, why: str) -> None:
        """A write failed: a quit asked for meanwhile is cancelled, so what was typed stays."""
        if self.quit_asked:
            self.quit_asked = False
            self.app.notify(
                f"{why}: cramplog stays open so nothing you typed is lost; press q again to quit.",
                severity="warning",
                markup=False,
                timeout=10,
            )
