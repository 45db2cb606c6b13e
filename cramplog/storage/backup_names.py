"""Provides where a journal's backups go and what they are called: all a command needs to tell
whether today's automatic copy is due (a `stat` or two), without the backup machinery.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..paths import JournalURL


def backups_folder(journal: Path | JournalURL) -> Path:
    return journal.parent / "backups"


def copy_prefix(journal: Path, folder: Path) -> str:
    """What a journal's automatic copies are called before `-daily-`/`-weekly-`: its name, and in
    a folder of the user's own (shared by journals of one name) a tag of its path too."""
    if folder == backups_folder(journal) / "daily":
        return journal.stem
    import hashlib

    tag = hashlib.sha256(os.fsencode(os.path.realpath(journal))).hexdigest()[:8]
    return f"{journal.stem}-{tag}"


def daily_name(prefix: str, day: dt.date, encrypted: bool) -> str:
    return f"{prefix}-daily-{day.isoformat()}.db" + (".age" if encrypted else "")


def daily_due(folder: Path, journal: Path, day: dt.date) -> bool:
    """Whether diary day `day` still lacks the journal's automatic copy (one stat per check)."""
    prefix = copy_prefix(journal, folder)
    return not any((folder / daily_name(prefix, day, enc)).exists() for enc in (False, True))
