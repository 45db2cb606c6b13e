"""Provides the app's writes to the journal, each a function a write worker runs in its thread.

Each takes what it writes with, writes, and returns the message that says how it went
(`messages.py`): the app posts it and its handlers update the screens. A failure is a message
too, never an exception: a worker's exception would end the app.
"""

from __future__ import annotations

from textual.message import Message

from ..domain import entries as E
from ..domain.clock import Clock
from ..domain.settings import Settings
from ..domain.summary import turned_off_note
from ..errors import CramplogError, InvalidInput
from ..storage.repository import JournalRepository
from . import loaders
from .messages import CheckInRefused, EntryDeleted, EntrySaved, EntrySaveFailed, JournalFailed


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
