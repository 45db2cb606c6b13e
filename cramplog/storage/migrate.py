"""Provides opening a journal file: identify it, then create or upgrade it, all or nothing.

Opening reads the file's header first (`identity.probe`), so nothing is written to a file that
isn't ours or is newer. A new journal is built by the migrations themselves, and an older one
upgraded by them, inside ONE `BEGIN IMMEDIATE` transaction: a kill at any statement leaves the
file as it was, and concurrent first commands wait for each other, the later ones finding the
work done. An older journal is copied beside itself before its upgrade. Alembic (~300 ms) is
imported only when creation or an upgrade is due.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import TYPE_CHECKING, Any

from ..errors import JournalError
from ..sidefiles import with_side_files
from .constants import HEAD
from .errors import newer, translated
from .identity import FileState, probe

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import Connection, Engine

    from ..paths import StrPath

MIGRATIONS_DIR = os.path.join(os.path.dirname(__file__), "migrations")


def prepare(path: StrPath) -> str | None:
    """Make the file at `path` a current journal; return the pre-upgrade copy's path, if any."""
    state = probe(path)
    if state.kind == "current":
        return None
    if state.kind == "missing":
        _create(path)
        return None
    from pathlib import Path  # an upgrade: once per journal

    backup = str(backup_copy(Path(path), f"before-{HEAD}"))
    with translated(path, upgrading=True):
        upgrade_file(path)
    return backup


def _create(path: StrPath) -> None:
    """A new journal, built aside and linked into place whole: `path` never holds a half-made
    journal (nor an empty file) that a killed process left, and two first commands at once
    make one journal (the second link fails and that journal is used)."""
    from pathlib import Path  # once per journal

    from ..files import clear_leftovers, staging_name

    path = Path(path)
    clear_leftovers(path, suffixes=(".creating",))
    building = path.with_name(f"{staging_name(path)}{os.urandom(4).hex()}.creating")
    _create_private(building, path)
    try:
        with translated(path, upgrading=True):
            upgrade_file(building)
        try:
            os.link(building, path)
        except FileExistsError:
            pass  # another cramplog made it meanwhile: that one is the journal
        except OSError:  # a file system without hard links: a rename, unless one appeared
            if not path.exists():
                os.replace(building, path)
    finally:
        for side in with_side_files(building):
            Path(side).unlink(missing_ok=True)


def _create_private(path: Path, shown: Path) -> None:
    """An empty file, 0600 whatever the umask (SQLite gives -wal/-shm the same mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileNotFoundError:
        raise JournalError(f"cannot create journal {shown}: its folder does not exist") from None
    except OSError as exc:
        raise JournalError(f"cannot create journal {shown}: {exc.strerror}") from None
    os.close(fd)


def upgrade_file(path: StrPath, revision: str = "head") -> None:
    """Create or upgrade the journal at `path` in one write transaction."""
    from .db import connect, make_engine

    plain = connect(path)
    try:
        plain.execute("PRAGMA journal_mode = WAL")  # not inside a transaction: it would not take
        engine = make_engine(path, foreign_keys=False)
        try:
            with engine.begin() as conn:  # BEGIN IMMEDIATE: concurrent openers queue here
                current = current_revision(conn)
                if current is not None and current > HEAD:
                    raise newer(path, current)
                if current != HEAD or revision != "head":
                    _run_alembic(conn, revision)
        finally:
            engine.dispose()
        plain.execute("PRAGMA wal_checkpoint(PASSIVE)")  # the mark reaches the header; never waits
    finally:
        plain.close()


def _run_alembic(conn: Connection, revision: str) -> None:
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)
    if conn.dialect.name != "sqlite":  # PostgreSQL checks references as it goes
        return
    problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise JournalError(f"the upgrade would leave {len(problems)} broken references; journal unchanged")


def current_revision(conn: Connection) -> str | None:
    """The journal's revision, or None for a file without one (new)."""
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if has_table is None:
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def alembic_config(engine: Engine | None = None) -> Any:
    """Alembic configuration pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS_DIR)
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", str(engine.url))
    return cfg


def backup_copy(path: Path, label: str) -> Path:
    """A consistent copy of the journal beside it, named for the migration it precedes. A copy
    with the very same bytes that an earlier, failed attempt at this upgrade left is removed:
    retrying an upgrade keeps one copy, not one per attempt."""
    import glob

    from .image import copy_database

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = copy_database(path, path.with_name(f"{path.name}.{label}-{stamp}.bak"))
    same = re.compile(re.escape(f"{path.name}.{label}-") + r"\d{8}-\d{6}\.bak")
    data = copy.read_bytes()
    for earlier in path.parent.glob(f"{glob.escape(path.name)}.{label}-*.bak"):
        if (
            earlier != copy
            and same.fullmatch(earlier.name)
            and earlier.stat().st_size == len(data)
            and earlier.read_bytes() == data
        ):
            earlier.unlink(missing_ok=True)
    return copy


__all__ = ["FileState", "HEAD", "prepare", "upgrade_file"]
