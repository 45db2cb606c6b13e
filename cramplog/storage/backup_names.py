"""Provides where a journal's backups go and what they are called: all a command needs to tell
whether today's automatic copy is due (a `stat` or two), without the backup machinery.

Names are text (`os.path`), as on the rest of a quick log's path (`paths`).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from ..paths import folder_of, tidy

if TYPE_CHECKING:
    from ..paths import JournalURL, StrPath


def backups_folder(journal: StrPath | JournalURL) -> str:
    """The folder beside the journal that holds its backups (beside the data folder for a journal
    on a server)."""
    return tidy(os.path.join(folder_of(journal), "backups"))


def stem(journal: StrPath) -> str:
    """The journal's file name without its extension, as `Path.stem` gives it (`journal.db` is
    `journal`; `.journal` and `journal.` stay whole)."""
    name = os.path.basename(journal)
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def copy_prefix(journal: StrPath, folder: StrPath) -> str:
    """What a journal's automatic copies are called before `-daily-`/`-weekly-`: its name, and in
    a folder of the user's own (shared by journals of one name) a tag of its path too."""
    if os.path.normpath(folder) == os.path.normpath(os.path.join(backups_folder(journal), "daily")):
        return stem(journal)
    import hashlib

    tag = hashlib.sha256(os.fsencode(os.path.realpath(journal))).hexdigest()[:8]
    return f"{stem(journal)}-{tag}"


def daily_name(prefix: str, day: dt.date, encrypted: bool) -> str:
    return f"{prefix}-daily-{day.isoformat()}.db" + (".age" if encrypted else "")


def daily_due(folder: StrPath, journal: StrPath, day: dt.date) -> bool:
    """Whether diary day `day` still lacks the journal's automatic copy (one stat per check)."""
    prefix = copy_prefix(journal, folder)
    return not any(os.path.exists(os.path.join(folder, daily_name(prefix, day, enc))) for enc in (False, True))
