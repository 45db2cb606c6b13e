"""Provides a journal in a PostgreSQL database: connection, identity and creation or upgrade.

Only imported when the journal is a `postgresql://` URL, so the SQLite path never loads the
driver. `connect()` gives the writer (`repository.JournalRepository`) a connection that looks
like sqlite3's to it: `execute(sql, params)` with `?` placeholders, `in_transaction`, `close()`;
dates and timestamps come back as the same text the SQLite journal stores. The libpq URL is
passed to the driver as given, so `sslmode=`, `sslrootcert=`, `~/.pgpass` and the other libpq
settings work; the password is never shown (`paths.JournalURL`).

A database is a cramplog journal when its schema has cramplog's `alembic_version` and `entry`
tables; an empty schema becomes one; any other tables are someone else's and are left alone.
Creation and upgrade run the migrations in ONE transaction, behind a transaction-level advisory
lock, so concurrent first commands from several machines queue and the later ones find the work
done; PostgreSQL's DDL is transactional, so a failure leaves the database as it was.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..errors import InvalidInput, JournalError
from ..paths import DOCS_HINT, JournalURL
from .constants import BUSY_TIMEOUT_MS, HEAD
from .errors import newer, translated

if TYPE_CHECKING:
    from sqlalchemy import Engine

LOCK_KEY = 0x43524C47
"""The advisory lock every writer of a journal takes first ("CRLG"): one writer at a time, as
SQLite's `BEGIN IMMEDIATE` gives, so a read-then-write (check-in merge, shoe by name) is safe."""

WRITE_BEGIN = ("BEGIN", f"SELECT pg_advisory_xact_lock({LOCK_KEY})")
READ_BEGIN = ("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",)
MARK = "cramplog journal"
"""The comment on the `entry` table of a cramplog journal (set by migration 0003)."""


def libpq_url(url: str) -> str:
    """The URL for libpq (`postgresql+psycopg://` is SQLAlchemy's spelling)."""
    return "postgresql://" + url.split("://", 1)[1]


class Connection:
    """A psycopg connection with the sqlite3 surface the writer uses (`?` placeholders)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self.raw.execute(sql.replace("?", "%s"), params or None)

    def executemany(self, sql: str, params: Any) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), params)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def close(self) -> None:
        self.raw.close()


DRIVER_MISSING = (
    "a journal on a PostgreSQL server needs the driver, which this install lacks: "
    f"pip install 'cramplog[postgresql]' in cramplog's environment (docs/server.md; {DOCS_HINT})"
)
"""The one line for a server URL without psycopg: an optional extra (about 15 MB) that only a
journal shared between machines needs, so the embedded journal's install stays small."""


def driver() -> ModuleType:
    """psycopg, or the one line saying how to add it (exit 1: the install, not the input)."""
    try:
        import psycopg
    except ImportError:
        raise JournalError(DRIVER_MISSING) from None
    return psycopg


def connect(journal: JournalURL, timeout: int = 10) -> Connection:
    """A connection in autocommit mode (cramplog issues BEGIN/COMMIT itself)."""
    psycopg = driver()
    from psycopg.types.string import TextLoader

    with translated(journal):
        raw = psycopg.connect(
            libpq_url(journal.url), autocommit=True, connect_timeout=timeout, application_name="cramplog"
        )
        for name in ("timestamp", "date"):  # the same text the SQLite journal stores
            raw.adapters.register_loader(name, TextLoader)
        raw.execute(f"SET lock_timeout = {int(BUSY_TIMEOUT_MS)}")
        raw.execute("SET TIME ZONE 'UTC'")
        # Reads join `entry` to every kind's table: the estimates of that 12-table join cross
        # the JIT threshold, and compiling it costs ~1 s for a query that runs in a millisecond.
        raw.execute("SET jit = off")
    return Connection(raw)


def probe(conn: Connection, journal: JournalURL) -> tuple[str, str | None]:
    """`(kind, revision)`: kind is empty, current or older; raises for a schema not ours."""
    names = {
        r[0]
        for r in conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
    }
    if not names:
        return "empty", None
    if not {"entry", "alembic_version"} <= names:
        raise InvalidInput(
            f"{journal} is not a cramplog journal (its tables are not a journal's); it was left untouched", "db"
        )
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    current = revision[0] if revision else None
    if current is not None and current.isdigit() and current > HEAD:
        raise newer(journal, current)
    return ("current" if current == HEAD else "older"), current


def open_journal(journal: JournalURL) -> Connection:
    """A connection to a current journal (created or upgraded first), or refuse it untouched."""
    conn = connect(journal)
    try:
        with translated(journal):
            kind, _ = probe(conn, journal)
        if kind != "current":
            with translated(journal, upgrading=True):
                upgrade_database(journal)
    except BaseException:
        conn.close()
        raise
    return conn


def read_only(url: str, queries: list[tuple[str, tuple[object, ...]]]) -> list[list[Any]] | None:
    """Each query's rows on a current journal, in one read-only session; None when the database
    holds no current journal (nothing is created or upgraded: `storage.glance`'s server side)."""
    journal = JournalURL(url)
    conn = connect(journal, timeout=3)
    try:
        with translated(journal):
            conn.execute("SET default_transaction_read_only = on")
            kind, _ = probe(conn, journal)
            if kind != "current":
                return None
            return [list(conn.execute(sql, args).fetchall()) for sql, args in queries]
    finally:
        conn.close()


def make_engine(journal: JournalURL) -> Engine:
    """An engine whose connections libpq opens from the URL as given: SQLAlchemy never parses
    it (its parser splits a password at `/`, `?` or `#` and quotes the URL in its errors)."""
    psycopg = driver()
    from sqlalchemy import create_engine

    url = libpq_url(journal.url)
    return create_engine(
        "postgresql+psycopg://",
        poolclass=_null_pool(),
        creator=lambda: psycopg.connect(url, connect_timeout=10, application_name="cramplog"),
    )


def _null_pool() -> Any:
    from sqlalchemy.pool import NullPool

    return NullPool


def upgrade_database(journal: JournalURL, revision: str = "head") -> None:
    """Create or upgrade the journal in one transaction (DDL included), behind the writers' lock."""
    from .migrate import _run_alembic

    engine = make_engine(journal)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(BUSY_TIMEOUT_MS) * 6}")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")
            wrapped = Connection(conn.connection.driver_connection)
            kind, current = probe(wrapped, journal)  # again, under the lock: another may have done it
            if kind == "current" and revision == "head":
                return
            _run_alembic(conn, revision)
    finally:
        engine.dispose()
