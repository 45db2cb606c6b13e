"""Provides the one stored form of an instant, on the standard library alone.

Kept apart from `rows.py` (which needs the domain's entry classes) so that the shell prompt,
which may import nothing heavier, writes its time window in exactly the form the writer stores.
"""

from __future__ import annotations

import datetime as dt


def instant(at: dt.datetime) -> str:
    """The one stored form of an instant: naive UTC, `YYYY-MM-DD HH:MM:SS.ffffff`, sortable.

    (`strftime('%Y')` writes year 226 as `226`, which no ISO reader accepts; isoformat pads.)
    """
    utc = at.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return utc.isoformat(sep=" ", timespec="microseconds")


def read_instant(text: str) -> dt.datetime:
    """An aware UTC instant from its stored form."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)
