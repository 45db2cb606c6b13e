"""Provides the schema check run on every open, and the upgrade that runs when one is due.

The check reads `alembic_version` with plain SQL and compares it with `HEAD`, so the everyday
path never imports Alembic (~300 ms). A new journal is built by the same migrations (once, at
creation), so every journal's schema comes from one source. An older journal is copied beside
itself first, then upgraded by Alembic.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from ..errors import JournalError
from .constants import HEAD


MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def current_revision(conn: Connection) -> str | None:
    """The journal's revision, or None for a journal without one (new, or pre-Alembic)."""
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - table missing; sqlite raises OperationalError
        return None


def ensure_current(engine: Engine, path: Path) -> str | None:
    """Bring the journal at `path` to `HEAD`; return the backup's path if one was made."""
    with engine.connect() as conn:
        revision = current_revision(conn)
        if revision == HEAD:
            return None
        has_tables = bool(inspect(conn).get_table_names())
    if revision is None and not has_tables:
        upgrade(engine)
        return None
    if revision is not None and revision > HEAD:
        raise JournalError(
            f"{path} was written by a newer cramplog (schema {revision}, this one knows {HEAD}); "
            "upgrade cramplog to open it"
        )
    backup = backup_copy(path, f"before-{HEAD}")
    upgrade(engine)
    return str(backup)


def alembic_config(engine: Engine | None = None):  # noqa: ANN201 - alembic imported lazily
    """Alembic configuration pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", str(engine.url))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic's upgrade on `engine` (imports Alembic: only when a migration is due)."""
    from alembic import command

    cfg = alembic_config(engine)
    with engine.connect() as conn:
        # Batch migrations recreate tables; with foreign keys on, dropping `entry` would
        # cascade-delete every kind row. The pragma only takes effect outside a transaction.
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.commit()
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise JournalError(f"migration left {len(problems)} broken references; journal unchanged")
        conn.exec_driver_sql("PRAGMA foreign_keys = ON")


def backup_copy(path: Path, label: str) -> Path:
    """A consistent copy of the journal beside it, named for the migration it precedes."""
    from .backup import copy_database

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return copy_database(path, path.with_name(f"{path.name}.{label}-{stamp}.bak"))
