"""Provides `JournalWrites`, the app's writes to the journal: saves, check-ins, deletes, undo and
redo, each started in a write worker and answered by a message; and the functions those workers run.

Each function takes what it writes with, writes, and returns the message that says how it went
(`messages.py`): the app posts it and `JournalWrites` says so, records the change for undo and
refreshes the screens. A failure is a message too, never an exception: a worker's exception
would end the app. Writes are not exclusive: a thread cannot be stopped, and a cancelled write
would still land in the journal while its message was dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.message import Message

from ..domain import entries as E
from ..domain.clock import Clock
from ..domain.describe import describe
from ..domain.settings import Settings
from ..domain.summary import turned_off_note
from ..errors import CramplogError, InvalidInput
from ..storage.repository import JournalRepository
from . import loaders
from .dashboard_feed import DashboardFeed
from .messages import ChangeApplied, CheckInRefused, EntryDeleted, EntrySaved, EntrySaveFailed, JournalFailed
from .open_journal import OpenJournal
from .pending_writes import WRITE_GROUP, PendingWrites
from .undo import UndoHistory, apply_change
from .workers import post_from_thread


class JournalWrites:
    """Starts the app's writes to the journal, and says how each went."""

    def __init__(
        self, app: App[Any], journal: OpenJournal, pending: PendingWrites, history: UndoHistory, feed: DashboardFeed
    ) -> None:
        self.app = app
        self.journal = journal
        self.pending = pending
        self.history = history
        self.feed = feed

    def _write(self, description: str, job: Callable[..., Message], *args: Any) -> None:
        post_from_thread(self.app, WRITE_GROUP, description, job, *args)

    def save(self, entry: E.Entry, new_shoe: str | None = None) -> None:
        """Save `entry` (a run in `new_shoe`, a shoe the journal does not have yet, adds it)."""
        self._write("Saving an entry", save, self.journal.repo, self.journal.clock, entry, new_shoe)

    def check_in_no_cramps(self) -> None:
        """Check in today's diary day as "no cramps today" (the journal refuses a day with a cramp)."""
        journal = self.journal
        self._write("Checking in", check_in_no_cramps, journal.repo, journal.clock, journal.settings)

    def delete(self, entry_id: int) -> None:
        """Delete entry `entry_id` (undo puts it back)."""
        self._write("Deleting an entry", delete, self.journal.repo, entry_id)

    def undo(self) -> None:
        """Undo the most recent save, edit or delete."""
        self._undo_or_redo(undo=True)

    def redo(self) -> None:
        """Redo the most recently undone change."""
        self._undo_or_redo(undo=False)

    def _undo_or_redo(self, undo: bool) -> None:
        change = self.history.take(undo)
        if change is None:
            self.app.notify(f"Nothing to {'undo' if undo else 'redo'}.")
            return
        self._write("Undoing", apply_change, self.journal.repo, self.journal.clock, change, undo)

    # -- the workers' messages -------------------------------------------------------------------

    def saved(self, message: EntrySaved) -> None:
        """The form waiting closes; the change can be undone; the toast says what was written."""
        form = self.pending.take_form()
        if form is not None and form.is_attached:
            form.saved()
        entry = message.entry
        if message.before is not None:
            self.history.record(("edit", entry, message.before, None))
        elif message.created:
            self.history.record(("add", entry, None, message.cleared))
        undo = " · u undo" if message.created or message.before is not None else ""
        self.app.notify(
            f"{message.verb.capitalize()} {entry.kind} #{entry.id}: "
            f"{describe(entry, self.journal.settings.units, message.shoes)}{message.note}{undo}",
            markup=False,
        )
        if message.flags:
            from .modals.red_flag import RedFlagModal

            self.app.push_screen(RedFlagModal(message.flags))
        self.feed.refresh()

    def deleted(self, message: EntryDeleted) -> None:
        self.history.record(("delete", message.entry, None, None))
        self.app.notify(f"Deleted {message.entry.kind} #{message.entry.id}. Press u to undo.", markup=False)
        self.feed.refresh()

    def applied(self, message: ChangeApplied) -> None:
        """An undo or redo was written."""
        self.app.notify(message.text, markup=False)
        self.feed.refresh()

    def refused(self, message: CheckInRefused) -> None:
        self.app.notify(message.text, severity="warning", markup=False, timeout=6)

    def failed(self, message: JournalFailed) -> None:
        """Work on the journal (or a file) failed: say so; a write failing cancels a quit waiting
        for writes (a read failing leaves it: nothing typed is at stake)."""
        self.app.notify(message.error, severity="error", markup=False, timeout=8)
        if not message.read:
            self.pending.keep_open("Not written")


def save(repo: JournalRepository, clock: Clock, entry: E.Entry, new_shoe: str | None = None) -> Message:
    """Save `entry` (a run in `new_shoe`, a shoe the journal does not have yet, adds it):
    `EntrySaved`, or `EntrySaveFailed` with the field at fault and what was typed."""
    try:
        before = repo.get(entry.id) if entry.id is not None else None
        done, flags = loaders.save_entry(repo, entry, clock, new_shoe)
    except InvalidInput as exc:
        return EntrySaveFailed(entry, str(exc), exc.field, new_shoe=new_shoe)
    except CramplogError as exc:  # locked past the wait, disk full, read-only, I/O error
        return EntrySaveFailed(entry, f"Not saved: {exc}", None, environment=True, new_shoe=new_shoe)
    except Exception as exc:
        return EntrySaveFailed(
            entry, f"Not saved: unexpected {type(exc).__name__}", None, environment=True, new_shoe=new_shoe
        )
    stored, cleared = done.entry, done.cleared
    before = before or done.before  # a check-in merged into the day's: undo puts that one back
    if done.unchanged:  # the day's check-in already said all of it: nothing to undo
        saved = EntrySaved(stored, "unchanged", flags, created=False)
    else:
        saved = EntrySaved(stored, "updated" if before is not None else "logged", flags, before=before)
    saved.cleared = cleared
    if cleared is not None:
        saved.note = f" · {turned_off_note(cleared)}"
    if done.new_shoe is not None:
        saved.note += f" · added shoe #{done.new_shoe.id} '{done.new_shoe.name}'"
    try:
        saved.shoes = repo.shoe_names([stored])
    except CramplogError:
        pass  # saved all the same; the toast says `shoe #N`
    return saved


def check_in_no_cramps(repo: JournalRepository, clock: Clock, settings: Settings) -> Message:
    """Check in today's diary day as "no cramps today" (the journal refuses a day with a cramp)."""
    day = loaders.current_day(clock, settings)
    try:
        stored, created = repo.check_in(day, clock.tz_name, no_cramps=True)
    except InvalidInput as exc:
        return CheckInRefused(f"{exc}. Open the full check-in from the command palette for sleep or a hot day.")
    except CramplogError as exc:
        return JournalFailed(str(exc))
    return EntrySaved(stored, "checked in", [], created=created)


def delete(repo: JournalRepository, entry_id: int) -> Message:
    """Delete entry `entry_id` (undo puts it back)."""
    try:
        return EntryDeleted(repo.delete(entry_id))
    except CramplogError as exc:
        return JournalFailed(str(exc))
