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

from .constants import APPLICATION_ID, SCHEMA_VERSION, header_mark, wal_header


class Glance:
    """The day's numbers (a plain class: importing `dataclasses` costs the prompt ~8 ms).

    `checked_in`: a check-in for the day, or a cramp in it (a logged cramp means the day is not
    unlogged). `logged`: entries of any kind in the day's window, plus its check-in.
    """

    __slots__ = ("beverages_ml", "stretch_min", "cramps", "checked_in", "logged")

    def __init__(self, beverages_ml: int, stretch_min: int, cramps: int, checked_in: bool, logged: int) -> None:
        self.beverages_ml, self.stretch_min, self.cramps = beverages_ml, stretch_min, cramps
        self.checked_in, self.logged = checked_in, logged


def is_current_journal(path: str) -> bool:
    """True when `path` is a cramplog journal at this version's schema (its header, or the
    newer page 1 its `-wal` holds)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return header_mark(wal_header(path) or header) == (APPLICATION_ID, SCHEMA_VERSION)


def glance(path: str, start: str, end: str, day: str) -> Glance | None:
    """The day `day` (ISO date) whose instants are `[start, end)`; `None` when unreadable."""
    if not is_current_journal(path):
        return None
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True, timeout=0.2)
    except (sqlite3.Error, OSError):
        return None
    try:
        window = (start, end)
        drinks, stretch, cramps, logged = conn.execute(
            "SELECT (SELECT coalesce(sum(d.amount_ml), 0) FROM drink d JOIN entry e ON e.id = d.id"
            "        WHERE e.at_utc >= ?1 AND e.at_utc < ?2),"
            " (SELECT coalesce(sum(s.minutes), 0) FROM stretch s JOIN entry e ON e.id = s.id"
            "        WHERE e.at_utc >= ?1 AND e.at_utc < ?2),"
            " (SELECT count(*) FROM entry e WHERE e.kind = 'cramp' AND e.at_utc >= ?1 AND e.at_utc < ?2),"
            " (SELECT count(*) FROM entry e WHERE e.at_utc >= ?1 AND e.at_utc < ?2 AND e.kind != 'checkin')",
            window).fetchone()
        checkin = conn.execute("SELECT count(*) FROM checkin WHERE day = ?", (day,)).fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return Glance(int(drinks), int(stretch), int(cramps), bool(checkin or cramps), int(logged) + int(checkin))


def shoe_names(path: str) -> list[str]:
    """Names of the shoes in the journal, for shell completion ([] when unreadable)."""
    if not is_current_journal(path):
        return []
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True, timeout=0.2)
        try:
            return [row[0] for row in conn.execute("SELECT name FROM shoe ORDER BY name")]
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return []


def _read_only_uri(path: str) -> str:
    """A read-only URI for `path` that creates nothing beside it (`urllib.parse.quote` would cost
    the prompt ~3 ms to import).

    Without a `-wal` (no writer has the journal open, and none left pages behind) the file is
    whole and is read `immutable=1`: no lock, no `-wal` or `-shm` made. With one, it is read
    `mode=ro` through the `-wal` and `-shm` that are already there.
    """
    absolute = os.path.abspath(path)
    for char, code in (("%", "%25"), ("?", "%3f"), ("#", "%23")):
        absolute = absolute.replace(char, code)
    return f"file:{absolute}?mode=ro" + ("" if os.path.exists(path + "-wal") else "&immutable=1")
