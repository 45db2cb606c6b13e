"""Provides a read-only glance at one diary day for the shell prompt, on the standard library alone.

`cramplog today --prompt` runs before every shell prompt, so it imports neither the domain's
entry classes nor anything else that costs more than opening the file. It never creates,
migrates or writes a journal, nor any file beside it: a missing file, a file that is not a
current cramplog journal (read from its 100-byte header, or its `-wal`'s, as `identity.probe`
does) or any SQLite error gives `None`.
The day is a half-open UTC window `[start, end)` in the stored instant form (`instants.instant`);
`tests/cli/test_companions.py` holds the result equal to `domain.summary.summarise`.
"""

from __future__ import annotations

import os
import sqlite3

from ..paths import JournalURL
from ..sidefiles import WAL
from .constants import APPLICATION_ID, SCHEMA_VERSION, file_uri, header_mark, wal_header

TYPE_CHECKING = False  # `typing` would cost the prompt ~8 ms to import
if TYPE_CHECKING:
    from typing import Any


class Glance:
    """The day's numbers (a plain class: importing `dataclasses` costs the prompt ~8 ms).

    `checked_in`: a check-in for the day, or a cramp in it (a logged cramp means the day is not
    unlogged). `logged`: entries of any kind in the day's window, plus its check-in.
    """

    __slots__ = ("beverages_ml", "stretch_min", "cramps", "checked_in", "logged", "tonight")

    def __init__(
        self, beverages_ml: int, stretch_min: int, cramps: int, checked_in: bool, logged: int, tonight: str = ""
    ) -> None:
        self.beverages_ml, self.stretch_min, self.cramps = beverages_ml, stretch_min, cramps
        self.checked_in, self.logged = checked_in, logged
        self.tonight = tonight
        """Tonight's arm of a running experiment ('stretch', 'no stretch'), or ''."""


def is_current_journal(path: str) -> bool:
    """True when `path` is a cramplog journal at this version's schema (its header, or the
    newer page 1 its `-wal` holds)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return header_mark(wal_header(path) or header) == (APPLICATION_ID, SCHEMA_VERSION)


_DAY = (
    "SELECT (SELECT coalesce(sum(d.amount_ml), 0) FROM drink d JOIN entry e ON e.id = d.id"
    "        WHERE e.at_utc >= ? AND e.at_utc < ?),"
    " (SELECT coalesce(sum(s.minutes), 0) FROM stretch s JOIN entry e ON e.id = s.id"
    "        WHERE e.at_utc >= ? AND e.at_utc < ?),"
    " (SELECT count(*) FROM entry e WHERE e.kind = 'cramp' AND e.at_utc >= ? AND e.at_utc < ?),"
    " (SELECT count(*) FROM entry e WHERE e.at_utc >= ? AND e.at_utc < ? AND e.kind != 'checkin'),"
    " (SELECT count(*) FROM checkin WHERE day = ?)"
)
_PLAN = (
    "SELECT behaviour, start, nights, seed FROM experiment WHERE start <= ? AND (stopped IS NULL OR stopped > ?)"
    " ORDER BY start DESC LIMIT 1"
)
"""The experiment a day may be a night of (its arm is worked out in Python, `domain.deal`)."""
"""The day's figures; the same `?` parameters on SQLite and (through `pg.Connection`) PostgreSQL."""


def glance(journal: str | JournalURL, start: str, end: str, day: str, *, quiet: bool = True) -> Glance | None:
    """The day `day` (ISO date) whose instants are `[start, end)`; `None` when unreadable.

    `journal` is a file's path or a journal on a server (`paths.db_path`, `read_server`); without
    `quiet`, a server that cannot be reached raises `JournalError` instead of giving None."""
    rows = _rows(journal, [(_DAY, (start, end) * 4 + (day,)), (_PLAN, (day, day))], quiet)
    if not rows or not rows[0]:
        return None
    drinks, stretch, cramps, logged, checkin = (int(v) for v in rows[0][0])
    tonight = ""
    if rows[1]:
        from ..domain.deal import tonight_of

        behaviour, first, nights, seed = rows[1][0]
        tonight = tonight_of(str(behaviour), str(first), int(nights), int(seed), day)
    return Glance(drinks, stretch, cramps, bool(checkin or cramps), logged + checkin, tonight)


def shoe_names(journal: str | JournalURL) -> list[str]:
    """Names of the shoes in the journal, for shell completion ([] when unreadable)."""
    rows = _rows(journal, [("SELECT name FROM shoe ORDER BY name", ())])
    return [str(r[0]) for r in rows[0]] if rows else []


def _rows(
    journal: str | JournalURL, queries: list[tuple[str, tuple[object, ...]]], quiet: bool = True
) -> list[list[tuple[Any, ...]]] | None:
    """Each query's rows, read in one read-only session; None when the journal can't be read."""
    if isinstance(journal, JournalURL):
        return read_server(journal.url, queries, quiet)
    if not is_current_journal(journal):
        if quiet or not os.path.lexists(journal):  # no journal yet: nothing is logged
            return None
        raise _unreadable(journal, "it is not a journal this cramplog can read")
    try:
        conn = sqlite3.connect(_read_only_uri(journal), uri=True, timeout=0.2)
    except (sqlite3.Error, OSError) as exc:
        if quiet:
            return None
        raise _unreadable(journal, type(exc).__name__) from None
    try:
        return [conn.execute(sql, args).fetchall() for sql, args in queries]
    except sqlite3.Error as exc:
        if quiet:
            return None
        raise _unreadable(journal, str(exc)[:80]) from None
    finally:
        conn.close()


def _unreadable(journal: str, why: str) -> Exception:
    """Not `quiet` (remind): a journal file that exists but can't be read is said, exit 1, not
    taken for a day with nothing logged (an empty or foreign file got "nothing logged today")."""
    from ..errors import JournalError

    return JournalError(f"cannot read journal {journal} ({why}); so it can't tell whether today is logged")


def read_server(
    url: str, queries: list[tuple[str, tuple[object, ...]]], quiet: bool = True
) -> list[list[tuple[Any, ...]]] | None:
    """Rows of read-only queries on a server journal, or None when there is no current journal
    there: never creates, migrates or writes one (the session is read-only). Imports the driver
    (~150 ms), so only a server journal pays for it. `quiet`: any failure is None too."""
    try:
        from .pg import read_only

        return read_only(url, queries)
    except Exception:  # a prompt or a completion must never fail
        if quiet:
            return None
        raise


def _read_only_uri(path: str) -> str:
    """A read-only URI for `path` that creates nothing beside it.

    Without a `-wal` (no writer has the journal open, and none left pages behind) the file is
    whole and is read `immutable=1`: no lock, no `-wal` or `-shm` made. With one, it is read
    `mode=ro` through the `-wal` and `-shm` that are already there.
    """
    return file_uri(path, "mode=ro" + ("" if os.path.exists(path + WAL) else "&immutable=1"))
