"""Provides consistent copies of the journal: backups with rotation, and a safe restore.

Copies use SQLite's online backup API, which is consistent while another process writes (WAL)
and, when restoring, replaces the live journal's pages inside one transaction, so a process
that has the journal open never sees half of each.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..errors import InvalidInput
from ..files import write_output
from ..paths import JournalURL, ensure_private_dir
from .constants import BUSY_TIMEOUT_MS
from .errors import translated
from .identity import probe

KEEP = 10
"""Backups kept in the default backup folder; older ones are removed."""


def refuse_server(journal: Path | JournalURL) -> Path:
    """The journal file; a journal on a PostgreSQL server is the server's to back up (exit 2)."""
    if not isinstance(journal, Path):
        raise InvalidInput("backup and restore are for a journal file; for a journal on PostgreSQL use "
                           "pg_dump / pg_restore on the server, or `cramplog export` and `cramplog import`",
                           "db")
    return journal


def backups_folder(journal: Path) -> Path:
    return journal.parent / "backups"


def protected(journal: Path | JournalURL) -> list[Path]:
    """What a file the user names must never be: the journal, its WAL files, its backups."""
    if not isinstance(journal, Path):  # a server journal: only the local backups folder
        return [journal.parent / "backups"]
    return [journal, Path(f"{journal}-wal"), Path(f"{journal}-shm"), backups_folder(journal)]


def copy_database(source: Path, target: Path) -> Path:
    """Copy the SQLite database `source` to `target` (overwritten), owner-only."""
    with translated(source):
        src = sqlite3.connect(f"file:{quote(str(source.resolve()))}?mode=ro", uri=True,
                              timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT, 0o600)
            os.close(fd)
            dest = sqlite3.connect(target)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            finally:
                dest.close()
        finally:
            src.close()
        os.chmod(target, 0o600)
    return target


def journal_image(journal: Path) -> bytes:
    """A consistent copy of the journal as bytes, made in memory: an encrypted backup never puts
    a plaintext copy on disk, not even for a moment beside its target."""
    with translated(journal):
        src = sqlite3.connect(f"file:{quote(str(journal.resolve()))}?mode=ro", uri=True,
                              timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            memory = sqlite3.connect(":memory:")
            try:
                src.backup(memory)
                image = bytearray(memory.serialize())
            finally:
                memory.close()
        finally:
            src.close()
    image[18:20] = b"\x01\x01"  # the header's WAL bytes set to rollback: a self-contained file
    return bytes(image)


def backup(journal: Path | JournalURL, target: Path | None = None, now: dt.datetime | None = None) -> Path:
    """Back the journal up to `target`, or into the backups folder keeping the newest `KEEP`."""
    journal = refuse_server(journal)
    if target is not None:
        refuse = [journal, Path(f"{journal}-wal"), Path(f"{journal}-shm"), backups_folder(journal)]
        return write_output(target, lambda tmp: _fresh_copy(journal, tmp), refuse=refuse)
    folder = backups_folder(journal)
    ensure_private_dir(folder)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{journal.stem}-{stamp}.db"
    write_output(target, lambda tmp: _fresh_copy(journal, tmp))
    _rotate(folder, journal.stem)
    return target


def _copy_file(source: Path, tmp: Path) -> None:
    shutil.copyfile(source, tmp)


def _fresh_copy(journal: Path, tmp: Path) -> None:
    tmp.unlink(missing_ok=True)
    copy_database(journal, tmp)


def check_journal_file(path: Path) -> None:
    """Refuse anything that is not a whole, readable cramplog journal this version can open."""
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}", "file")
    state = probe(path)  # not a journal, or a newer one: refused here
    if state.kind in ("empty", "missing"):
        raise InvalidInput(f"{path} is not a cramplog journal (it is empty)", "file")
    try:  # immutable: checking a file must not write -wal/-shm beside it
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.execute("SELECT count(*) FROM entry").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise InvalidInput(f"{path} is damaged: SQLite cannot read it", "file") from None
    if not ok:
        raise InvalidInput(f"{path} fails SQLite's integrity check; it was not restored", "file")


def restore(journal: Path | JournalURL, source: Path) -> Path | None:
    """Replace the journal's content with `source` after checking it; return the saved copy.

    The current journal is backed up first (into the backups folder); then the backup API
    writes `source` into the live journal in one transaction.
    """
    journal = refuse_server(journal)
    check_journal_file(source)
    if Path(os.path.realpath(source)) == Path(os.path.realpath(journal)):
        raise InvalidInput(f"{source} is the journal itself; nothing to restore", "file")
    state = probe(journal)  # never overwrite a file that isn't a journal of ours
    if state.kind == "missing":
        ensure_private_dir(journal.parent)
        os.close(os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    saved = backup(journal) if state.kind not in ("missing", "empty") else None
    with translated(journal):
        src = sqlite3.connect(f"file:{quote(str(source.resolve()))}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(journal, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    return saved


AGE_MAGIC = (b"age-encryption.org/v1\n", b"-----BEGIN AGE ENCRYPTED FILE-----")
"""How an age file begins (binary, or ASCII-armoured)."""

DAILY_KEEP, WEEKLY_KEEP = 7, 4
"""Automatic copies kept: the newest 7 daily and the newest 4 weekly ones."""


def is_encrypted(path: Path) -> bool:
    """Whether `path` is an age-encrypted file (read from its first bytes)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(40)
    except OSError:
        return False
    return head.startswith(AGE_MAGIC)


def encrypted_backup(journal: Path, target: Path | None, passphrase: str, now: dt.datetime | None = None,
                     refuse_extra: tuple[Path, ...] = ()) -> Path:
    """Back the journal up encrypted (age, scrypt passphrase) to `target` or the backups folder."""
    from pyrage import passphrase as age

    def produce(tmp: Path) -> None:
        data = age.encrypt(journal_image(journal), passphrase)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    if target is not None:
        refuse = [journal, Path(f"{journal}-wal"), Path(f"{journal}-shm"), backups_folder(journal), *refuse_extra]
        return write_output(target, produce, refuse=refuse)
    folder = backups_folder(journal)
    ensure_private_dir(folder)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{journal.stem}-{stamp}.db.age"
    write_output(target, produce)
    _rotate(folder, journal.stem)
    return target


def _rotate(folder: Path, stem: str) -> None:
    """Keep the newest `KEEP` manual backups, plain and encrypted alike."""
    found = sorted([*folder.glob(f"{stem}-*.db"), *folder.glob(f"{stem}-*.db.age")],
                   key=lambda p: p.name.removesuffix(".age"))
    for old in found[:-KEEP]:
        old.unlink()


def decrypted_copy(source: Path, passphrase: str, folder: Path) -> Path:
    """Decrypt the age file `source` into a private temporary file in `folder`; return it.

    Raises InvalidInput for a wrong passphrase or a damaged file (nothing else is touched);
    the caller removes the file.
    """
    import tempfile

    from pyrage import DecryptError
    from pyrage import passphrase as age

    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {source}: {exc.strerror}", "file") from None
    try:
        plain = age.decrypt(data, passphrase)
    except DecryptError:
        raise InvalidInput(f"cannot decrypt {source}: wrong passphrase, or the file is damaged; "
                           "nothing changed", "passphrase") from None
    fd, name = tempfile.mkstemp(dir=folder, prefix=".restore-", suffix=".db")
    with os.fdopen(fd, "wb") as handle:
        handle.write(plain)
    return Path(name)


def daily_name(stem: str, day: dt.date, encrypted: bool) -> str:
    return f"{stem}-daily-{day.isoformat()}.db" + (".age" if encrypted else "")


def daily_due(folder: Path, stem: str, day: dt.date) -> bool:
    """Whether diary day `day` still lacks its automatic copy (one stat per check)."""
    return not any((folder / daily_name(stem, day, enc)).exists() for enc in (False, True))


def daily_backup(journal: Path, folder: Path, day: dt.date, passphrase: str | None) -> Path:
    """Make diary day `day`'s automatic copy (encrypted when `passphrase` is given) and rotate.

    The first copy of an ISO week is also kept as that week's copy. The newest `DAILY_KEEP`
    daily and `WEEKLY_KEEP` weekly copies are kept; older ones are removed.
    """
    ensure_private_dir(folder)  # every folder made here is private, not only the last
    encrypted = passphrase is not None
    target = folder / daily_name(journal.stem, day, encrypted)
    if encrypted:
        encrypted_backup(journal, target, passphrase or "")
    else:
        write_output(target, lambda tmp: _fresh_copy(journal, tmp))
    year, week, _ = day.isocalendar()
    weekly = [folder / f"{journal.stem}-weekly-{year}-W{week:02d}.db{ext}" for ext in ("", ".age")]
    if not any(p.exists() for p in weekly):
        try:  # the same bytes: a second name costs nothing, and rotation unlinks names apart
            os.link(target, weekly[1 if encrypted else 0])
        except OSError:  # a file system without hard links
            write_output(weekly[1 if encrypted else 0], lambda tmp: _copy_file(target, tmp))
    for pattern, keep in (("daily", DAILY_KEEP), ("weekly", WEEKLY_KEEP)):
        names = f"{journal.stem}-{pattern}-*"
        found = sorted([*folder.glob(f"{names}.db"), *folder.glob(f"{names}.db.age")],
                       key=lambda p: p.name.removesuffix(".age"))
        for old in found[:-keep]:
            old.unlink(missing_ok=True)
    return target
