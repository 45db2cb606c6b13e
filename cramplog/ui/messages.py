"""Provides the messages thread workers post back to the app (past-tense names)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.message import Message

from ..domain.entries import Entry
from ..domain.redflags import RedFlag
from ..domain.settings import Settings
from .loaders import DashboardData, HistoryPage


class DashboardLoaded(Message):
    """The dashboard's numbers were (re)loaded."""

    def __init__(self, data: DashboardData) -> None:
        super().__init__()
        self.data = data


class RedFlagsChecked(Message):
    """The journal's active red flags were computed (most serious first)."""

    def __init__(self, flags: list[RedFlag], dates: dict[str, Any] | None = None, read: set[str] | None = None) -> None:
        super().__init__()
        self.flags = flags
        self.dates = dates or {}
        """Rule -> date of the oldest entry behind the flag."""
        self.read = read or set()
        """`loaders.flag_key`s of the flags already read."""


class EntrySaved(Message):
    """An entry was added or updated; `flags` are the red flags it fired."""

    def __init__(
        self, entry: Entry, verb: str, flags: list[RedFlag], before: Entry | None = None, created: bool = True
    ) -> None:
        super().__init__()
        self.entry = entry
        self.verb = verb
        self.flags = flags
        self.before = before
        """The entry as it was before an edit (None for a new entry)."""
        self.created = created
        """False when the save changed nothing new (a repeated check-in): nothing to undo."""
        self.cleared: dt.date | None = None
        """The diary day whose "no cramps" check-in this save turned off (undo turns it back on)."""
        self.note = ""
        """Anything else the save changed, for the toast (a "no cramps" check-in turned off)."""
        self.shoes: dict[int, str] = {}
        """Shoe names, so the toast names a run's shoe."""


class FileWritten(Message):
    """A report, export or backup was written (`where` says where; `preview` is Markdown or None)."""

    def __init__(self, where: str, preview: str | None) -> None:
        super().__init__()
        self.where = where
        self.preview = preview


class ChangeApplied(Message):
    """An undo or redo was written: `text` says what happened."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class EntrySaveFailed(Message):
    """A save failed: the journal refused the entry (`field` names why), or the journal could
    not be written (locked, disk full: `environment`). Either way the form comes back."""

    def __init__(
        self, entry: Entry, error: str, field: str | None, environment: bool = False, new_shoe: str | None = None
    ) -> None:
        super().__init__()
        self.entry = entry
        self.new_shoe = new_shoe
        """The new shoe the run was to be saved in (the form shows it again)."""
        self.error = error
        self.field = field
        self.environment = environment


class EntryDeleted(Message):
    """An entry was deleted; it is kept for undo."""

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry


class CheckInRefused(Message):
    """The journal refused the one-key "no cramps" check-in; `text` says why and what to do."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class JournalFailed(Message):
    """Work on the journal (or a file) failed; `error` is a message for the user. `read`: only
    a reading failed (a page, the dashboard, the red flags), which leaves nothing unwritten, so a
    quit waiting for a write still goes ahead once the write is done."""

    def __init__(self, error: str, *, read: bool = False) -> None:
        super().__init__()
        self.error = error
        self.read = read


class HistoryLoaded(Message):
    """A page of history was loaded."""

    def __init__(self, page: HistoryPage) -> None:
        super().__init__()
        self.page = page


class SettingsChanged(Message):
    """The config file changed behind the app's back (`cramplog config set ...` from a shell)."""

    def __init__(self, settings: Settings, stamp: tuple[int, int] | None) -> None:
        super().__init__()
        self.settings = settings
        self.stamp = stamp
        """The file's modification time and size when it was read: a message older than the file
        (the app's own save came between) is stale."""


class JournalChanged(Message):
    """The journal changed behind the app's back (e.g. `cramplog drink 500` from a shell)."""

    def __init__(self, token: tuple[int, int, str]) -> None:
        super().__init__()
        self.token = token


class SettingSaved(Message):
    """A setting was validated and written to the config file."""

    def __init__(self, key: str, settings: Settings, note: str = "") -> None:
        super().__init__()
        self.key = key
        self.settings = settings
        self.note = note
        """Something the change brought to light (days a new boundary left saying both)."""


class SettingRefused(Message):
    """A setting's value was refused; `error` says why."""

    def __init__(self, key: str, error: str) -> None:
        super().__init__()
        self.key = key
        self.error = error


class ShoesLoaded(Message):
    """Shoes with their distances were loaded."""

    def __init__(self, shoes: list[Any], distances: dict[int, float]) -> None:
        super().__init__()
        self.shoes = shoes
        self.distances = distances


class FirstRunSaved(Message):
    """The first-run answers were written (`settings`: the settings now; None when skipped)."""

    def __init__(self, settings: Settings | None, notes: list[str]) -> None:
        super().__init__()
        self.settings = settings
        self.notes = notes
