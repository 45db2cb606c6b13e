"""Provides consistent copies of the journal: backups with rotation, and a safe restore.

A copy is made in memory with SQLite's online backup API (consistent while another process
writes) and written through `files.write_output`: one self-contained file appears whole or not
at all, with no `-wal`/`-shm` beside it, and an encrypted copy never exists in plaintext on
disk. Restoring stages the candidate privately beside the journal, upgrades and checks it whole
(`verify`), and only then replaces the live journal's pages inside one transaction, so a process
that has the journal open never sees half of each; a refused candidate changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.settings import DAILY_KEEP, WEEKLY_KEEP
from ..errors import InvalidInput
from ..files import clear_leftovers, staging_name, write_output
from ..paths import JournalURL, ensure_private_dir
from ..sidefiles import with_side_files
from .backup_names import backups_folder, copy_prefix, daily_name
from .constants import file_uri
from .db import connect
from .errors import translated
from .identity import probe
from .image import journal_image

if TYPE_CHECKING:
    from ..paths import StrPath

KEEP = 10
"""Backups kept in the default backup folder; older ones are removed."""

AGE_MAGIC = (b"age-encryption.org/v1\n", b"-----BEGIN AGE ENCRYPTED FILE-----")
"""How an age file begins (binary, or ASCII-armoured)."""


def refuse_server(journal: StrPath | JournalURL) -> Path:
    """The journal file; a journal on a PostgreSQL server is the server's to back up (exit 2)."""
    if isinstance(journal, JournalURL):
        raise InvalidInput(
            "backup and restore are for a journal file; for a journal on PostgreSQL use "
            "pg_dump / pg_restore on the server, or `cramplog export` and `cramplog import`",
            "db",
        )
    return Path(journal)


def protected(journal: StrPath | JournalURL) -> list[Path]:
    """The one list of what a file the user names must never be: the journal, its side files
    (WAL, shared memory, rollback journal), its backups folder."""
    if isinstance(journal, JournalURL):  # a server journal: only the local backups folder
        return [Path(backups_folder(journal))]
    return [*map(Path, with_side_files(journal)), Path(backups_folder(journal))]


def write_named(
    journal: StrPath | JournalURL, target: Path, data: bytes | Callable[[Path], None], refuse_extra: Sequence[Path] = ()
) -> Path:
    """Write a file the user named (`files.write_output`: 0600, whole or not at all), never over
    the journal, its WAL files or its backups (`protected`): every export, report and backup."""
    return write_output(target, data, refuse=[*protected(journal), *refuse_extra])


def backup(
    journal: StrPath | JournalURL,
    target: Path | None = None,
    now: dt.datetime | None = None,
    *,
    spare: Path | None = None,
) -> Path:
    """Back the journal up to `target`, or into the backups folder keeping the newest `KEEP`
    (never `spare`: the file a restore is reading)."""
    journal = refuse_server(journal)
    return _save(journal, journal_image(journal), target, ".db", now, spare)


def _save(
    journal: Path,
    data: bytes,
    target: Path | None,
    suffix: str,
    now: dt.datetime | None,
    spare: Path | None = None,
    refuse_extra: Sequence[Path] = (),
) -> Path:
    """A backup's bytes to the file the user named, or into the private backups folder, rotated."""
    if target is not None:
        return write_named(journal, target, data, refuse_extra)
    folder = Path(backups_folder(journal))
    ensure_private_dir(folder)
    target = folder / f"{journal.stem}-{_stamp(now)}{suffix}"
    write_output(target, data)
    _rotate(folder, journal.stem, spare)
    return target


def _stamp(now: dt.datetime | None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


def is_encrypted(path: Path) -> bool:
    """Whether `path` is an age-encrypted file (read from its first bytes)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(40)
    except OSError:
        return False
    return head.startswith(AGE_MAGIC)


def encrypted_backup(
    journal: Path,
    target: Path | None,
    passphrase: str,
    now: dt.datetime | None = None,
    refuse_extra: tuple[Path, ...] = (),
) -> Path:
    """Back the journal up encrypted (age, scrypt passphrase) to `target` or the backups folder."""
    return _save(journal, _encrypted_image(journal, passphrase), target, ".db.age", now, refuse_extra=refuse_extra)


def _encrypted_image(journal: Path, passphrase: str) -> bytes:
    from pyrage import passphrase as age

    return bytes(age.encrypt(journal_image(journal), passphrase))


def _rotate(folder: Path, stem: str, spare: Path | None = None) -> None:
    """Keep the newest `KEEP` manual backups of the journal called `stem`, plain and encrypted
    alike; `journal-2025.db`'s backups are not `journal.db`'s."""
    _keep_newest(folder, re.compile(re.escape(stem) + r"-\d{8}-\d{6}\.db(\.age)?"), KEEP, spare)


def _keep_newest(folder: Path, names: re.Pattern[str], keep: int, spare: Path | None = None) -> None:
    found = sorted((p for p in folder.iterdir() if names.fullmatch(p.name)), key=lambda p: p.name.removesuffix(".age"))
    spared = Path(os.path.realpath(spare)) if spare is not None else None
    for old in found[:-keep]:
        if Path(os.path.realpath(old)) != spared:
            old.unlink(missing_ok=True)


# -- restore ----------------------------------------------------------------------------------------


def read_candidate(source: Path, passphrase: str | None) -> bytes:
    """The bytes of the file to restore, decrypted (in memory) when it is an age file.

    Raises InvalidInput for a missing or unreadable file, a wrong passphrase or a damaged one.
    """
    try:
        data = source.read_bytes()
    except IsADirectoryError:
        raise InvalidInput(f"{source} is a folder; give a backup file", "file") from None
    except FileNotFoundError:
        raise InvalidInput(f"no such file: {source}", "file") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {source}: {exc.strerror}", "file") from None
    if not data.startswith(AGE_MAGIC):
        return data
    if passphrase is None:
        raise InvalidInput(f"{source} is encrypted; a passphrase is needed", "passphrase")
    from pyrage import DecryptError
    from pyrage import passphrase as age

    try:
        return bytes(age.decrypt(data, passphrase))
    except DecryptError:
        raise InvalidInput(
            f"cannot decrypt {source}: wrong passphrase, or the file is damaged; nothing changed", "passphrase"
        ) from None


class Staged:
    """A candidate journal, checked whole, waiting beside the journal it would replace."""

    def __init__(self, journal: Path, path: Path, source: Path, entries: int) -> None:
        self.journal, self.path, self.source, self.entries = journal, path, source, entries

    def replace(self) -> Path | None:
        """Replace the journal with the candidate; return where the replaced journal was saved."""
        from .verify import remember

        if probe(self.journal).kind == "missing":
            try:
                os.link(self.path, self.journal)  # appears whole, or not at all
            except FileExistsError:
                raise InvalidInput(f"{self.journal} appeared meanwhile; nothing was restored", "db") from None
            remember(self.journal)
            return None
        saved = backup(self.journal, spare=self.source)
        with translated(self.journal):
            src = sqlite3.connect(file_uri(self.path, "mode=ro"), uri=True)
            try:
                dest = connect(self.journal)
                try:
                    src.backup(dest)
                finally:
                    dest.close()
            finally:
                src.close()
        remember(self.journal)
        return saved


@contextmanager
def staged(journal: Path | JournalURL, source: Path, data: bytes) -> Iterator[Staged]:
    """The bytes `data` (the file `source`) as a private file beside the journal, upgraded if
    older and checked whole (`verify`); removed afterwards, whatever happens.

    Raises InvalidInput (nothing changed) for anything but a whole journal of cramplog's whose
    every row reads back through the domain, or for the journal itself; JournalError for one
    written by a newer cramplog.
    """
    from .migrate import upgrade_file
    from .verify import check_current, check_rows

    journal = refuse_server(journal)
    if source.exists() and Path(os.path.realpath(source)) == Path(os.path.realpath(journal)):
        raise InvalidInput(f"{source} is the journal itself; nothing to restore", "file")
    probe(journal)  # never overwrite a file that isn't a journal of ours
    ensure_private_dir(journal.parent)
    clear_leftovers(journal, suffixes=(".restoring",))
    path = journal.with_name(f"{staging_name(journal)}{os.urandom(4).hex()}.restoring")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        state = probe(path)
        if state.kind == "older":
            with translated(source, upgrading=True):
                upgrade_file(path)
        try:
            conn = connect(path)
            try:
                check_current(conn, source)
                entries = check_rows(conn, source)
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            raise InvalidInput(f"{source} is damaged: SQLite cannot read it; nothing changed", "file") from None
        yield Staged(journal, path, source, entries)
    except InvalidInput as exc:  # said of the staged copy: say it of the file the user named
        raise InvalidInput(str(exc).replace(str(path), str(source)), exc.field) from None
    finally:
        for name in with_side_files(path):
            Path(name).unlink(missing_ok=True)


# -- automatic daily copies ---------------------------------------------------------------------------


def daily_backup(journal: StrPath, folder: StrPath, day: dt.date, passphrase: str | None) -> Path:
    """Make diary day `day`'s automatic copy (encrypted when `passphrase` is given) and rotate.

    The first copy of an ISO week is also kept as that week's copy. The newest `DAILY_KEEP`
    daily and `WEEKLY_KEEP` weekly copies are kept; older ones are removed.
    """
    journal, folder = Path(journal), Path(folder)
    ensure_private_dir(folder)  # every folder made here is private, not only the last
    encrypted = passphrase is not None
    prefix = copy_prefix(journal, folder)
    clear_leftovers(folder / f"{prefix}-", others=True)  # what killed copies of other days left
    target = folder / daily_name(prefix, day, encrypted)
    write_output(target, _encrypted_image(journal, passphrase or "") if encrypted else journal_image(journal))
    year, week, _ = day.isocalendar()
    weekly = [folder / f"{prefix}-weekly-{year}-W{week:02d}.db{ext}" for ext in ("", ".age")]
    if not any(p.exists() for p in weekly):
        try:  # the same bytes: a second name costs nothing, and rotation unlinks names apart
            os.link(target, weekly[1 if encrypted else 0])
        except OSError:  # a file system without hard links
            write_output(weekly[1 if encrypted else 0], target.read_bytes())
    for pattern, keep in ((r"daily-\d{4}-\d{2}-\d{2}", DAILY_KEEP), (r"weekly-\d{4}-W\d{2}", WEEKLY_KEEP)):
        _keep_newest(folder, re.compile(re.escape(prefix) + "-" + pattern + r"\.db(\.age)?"), keep)
    return target
