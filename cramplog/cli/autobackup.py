"""Provides the automatic daily backup: a copy on the first write of each diary day.

After a command that wrote succeeds, one or two `stat` calls tell whether today's copy exists;
only the first write of the day makes it (`storage.backup.daily_backup`: 7 daily and 4 weekly
copies kept, in `backups.folder`). A plain copy is made in-process (SQLite's backup API: a few
ms, see docs/backups.md); an encrypted one costs ~1 s of scrypt, so it is made by a detached
child process and the command returns at once. It never fails a command: any error is one
`warning:` line on stderr. `python -m cramplog.cli.autobackup JOURNAL FOLDER DAY` is the child.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..paths import StrPath
    from .context import AppContext

PASSPHRASE_VAR = "CRAMPLOG_PASSPHRASE"


def folder_for(app: AppContext, journal: StrPath) -> str:
    from ..storage.backup_names import backups_folder

    chosen = app.settings.folder
    return os.path.expanduser(chosen) if chosen else os.path.join(backups_folder(journal), "daily")


def after_write(app: AppContext) -> None:
    """Make today's automatic copy if it is due; never raises, warns in one line instead."""
    try:
        settings = app.settings
        journal = app.db_path
        if settings.daily != "on" or not isinstance(journal, str) or not os.path.isfile(journal):
            return  # a journal on a server is backed up there (pg_dump), not as a file here
        from ..storage.backup_names import daily_due

        folder, day = folder_for(app, journal), app.today
        if not daily_due(folder, journal, day):
            return
        from ..storage.backup import daily_backup

        if settings.encrypt != "on":
            daily_backup(journal, folder, day, None)
            return
        if not os.environ.get(PASSPHRASE_VAR):
            _warn(f"backups.encrypt is on but {PASSPHRASE_VAR} is not set; no automatic copy was made")
            return
        import subprocess  # ~2 ms: only for the encrypted copy's child

        subprocess.Popen(
            [sys.executable, "-m", "cramplog.cli.autobackup", str(journal), str(folder), day.isoformat()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except Exception as exc:
        _warn(f"automatic backup failed: {_reason(exc)}")


def _warn(text: str) -> None:
    print(f"warning: {text}", file=sys.stderr)


def _reason(exc: Exception) -> str:
    """What went wrong in words: an OS error as "PATH: its reason", not Python's "[Errno 2] No
    such file or directory: '/proc/x'" (the path made printable: it may hold any byte)."""
    from ..domain.fields import printable

    if isinstance(exc, OSError) and exc.strerror:
        return f"{printable(str(exc.filename))}: {exc.strerror}" if exc.filename else exc.strerror
    return printable(str(exc))


def _child(argv: list[str]) -> int:
    try:
        from pathlib import Path

        from ..storage.backup import daily_backup

        journal, folder, day = Path(argv[0]), Path(argv[1]), dt.date.fromisoformat(argv[2])
        daily_backup(journal, folder, day, os.environ[PASSPHRASE_VAR])
    except Exception as exc:
        _warn(f"automatic encrypted backup failed: {_reason(exc)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1:]))
