"""Provides `UndoHistory` (the app's undo and redo stacks) and `apply_change`, the write that
undoes or redoes one change in a write worker.

A change is recorded once the journal has it (`EntrySaved`, `EntryDeleted`); a new change
clears what was undone, as in every editor.
"""

from __future__ import annotations

import datetime as dt

from textual.message import Message

from ..domain import entries as E
from ..domain.clock import Clock
from ..domain.summary import turned_off_note
from ..errors import CramplogError
from ..storage.repository import JournalRepository
from . import loaders
from .messages import ChangeApplied, JournalFailed

Change = tuple[str, E.Entry, "E.Entry | None", "dt.date | None"]
"""One undoable change: (op, entry, the entry before an edit, the day whose "no cramps" check-in an
added cramp turned off): ("add", stored, None, day), ("delete", entry, None, None) or ("edit",
after, before, None)."""


class UndoHistory:
    """Saves, edits and deletes, newest last, for undo (`u`); undone ones for redo (`ctrl+r`)."""

    def __init__(self) -> None:
        self.undo: list[Change] = []
        self.redo: list[Change] = []

    def record(self, change: Change) -> None:
        """A new change: it can be undone, and what was undone can no longer be redone."""
        self.undo.append(change)
        self.redo.clear()

    def take(self, undo: bool) -> Change | None:
        """The change to undo (or redo) next, moved to the other stack; None when there is none."""
        source, target = (self.undo, self.redo) if undo else (self.redo, self.undo)
        if not source:
            return None
        change = source.pop()
        target.append(change)
        return change


def apply_change(repo: JournalRepository, clock: Clock, change: Change, undo: bool) -> Message:
    """Write the undo (or redo) of one change: `ChangeApplied` saying what it did, or `JournalFailed`."""
    op, entry, other, cleared = change
    try:
        if (op == "add" and undo) or (op == "delete" and not undo):
            repo.delete(entry.id or 0, reopen_no_cramps=cleared is not None)
            text = f"removed {entry.kind} #{entry.id}"
            if cleared is not None:
                text += f' · the "no cramps" check-in for {cleared:%a %d %b} is back'
        elif (op == "add" and not undo) or (op == "delete" and undo):
            repo.restore(entry)  # a cramp turns its day's "no cramps" off again, as on save
            text = f"put back {entry.kind} #{entry.id}"
            if cleared is not None:
                text += f" · {turned_off_note(cleared)}"
        else:  # an edit: write back the version before (undo) or after (redo)
            target = other if undo else entry
            assert target is not None
            loaders.save_entry(repo, target, clock)
            text = f"{entry.kind} #{entry.id} back to {'before' if undo else 'after'} the edit"
    except CramplogError as exc:
        return JournalFailed(f"{'Undo' if undo else 'Redo'} failed: {exc}")
    keys = "ctrl+r redoes" if undo else "u undoes"
    return ChangeApplied(f"{'Undone' if undo else 'Redone'}: {text}. {keys} it.")
