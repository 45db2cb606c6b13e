"""Provides the one translation of database failures into messages a user can act on.

Every storage call that touches the journal goes through `translated()`, so a locked journal,
a full disk or a damaged file reaches the CLI and the app as one plain `JournalError` (exit 1)
and never as a driver's message, a library's web link or SQL. Constraint failures that the
domain did not catch first are input (`InvalidInput`, exit 2).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..errors import CramplogError, InvalidInput, JournalError

if TYPE_CHECKING:
    from ..paths import JournalURL, StrPath

_BY_CODE: dict[str, str] = {
    "SQLITE_BUSY": "the journal is busy: another cramplog kept it locked for longer than the wait; "
    "try again in a moment",
    "SQLITE_LOCKED": "the journal is busy: another cramplog kept it locked for longer than the wait; "
    "try again in a moment",
    "SQLITE_FULL": "the disk is full; free some space and try again",
    "SQLITE_READONLY": "the journal is read-only here; check the file's permissions",
    "SQLITE_NOTADB": "is not a cramplog journal (not a SQLite database)",
    "SQLITE_CORRUPT": "is damaged; restore a backup with `cramplog restore FILE`",
    "SQLITE_IOERR": "could not be read or written (input/output error); check the disk",
    "SQLITE_CANTOPEN": "cannot be opened; check that its folder exists and is yours",
    "SQLITE_PERM": "cannot be opened: permission denied",
    "SQLITE_AUTH": "cannot be opened: permission denied",
}
_ABOUT_FILE = {"SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"}


CHANGED_OUTSIDE = (
    "was it changed by another program? `cramplog restore FILE` puts a backup back "
    "(`cramplog where` shows the backups folder)"
)
"""The advice for a journal whose rows no longer read back (checked whole only when first opened)."""


def unreadable(what: str) -> JournalError:
    """A journal already in use that now holds `what` cramplog can't read (exit 1, one line)."""
    return JournalError(f"the journal holds {what}; {CHANGED_OUTSIDE}")


def _code(exc: BaseException) -> str:
    name = getattr(exc, "sqlite_errorname", None)
    if name:  # extended codes (SQLITE_IOERR_WRITE) count as their primary code
        return "_".join(str(name).split("_")[:2])
    text = str(exc).lower()
    for needle, code in (
        ("locked", "SQLITE_BUSY"),
        ("disk is full", "SQLITE_FULL"),
        ("readonly", "SQLITE_READONLY"),
        ("not a database", "SQLITE_NOTADB"),
        ("malformed", "SQLITE_CORRUPT"),
        ("disk i/o", "SQLITE_IOERR"),
        ("unable to open", "SQLITE_CANTOPEN"),
    ):
        if needle in text:
            return code
    return ""


_BUSY = _BY_CODE["SQLITE_BUSY"]
_BY_SQLSTATE: dict[str, str] = {  # PostgreSQL (psycopg): by SQLSTATE, class first
    "55P03": _BUSY,
    "40P01": _BUSY,
    "40001": _BUSY,
    "57014": _BUSY,
    "53100": "the journal server's disk is full; free some space there and try again",
    "25006": "the journal server is read-only (a standby, or a read-only session); use the primary",
    "3D000": "does not exist on the server; create it first (createdb)",
    "28P01": "refused the login (user or password); put the password in ~/.pgpass or the URL",
    "28000": "refused the login (user or password); put the password in ~/.pgpass or the URL",
    "42501": "refused access: permission denied for this user",
    "53300": "is refusing connections (too many clients); try again in a moment",
    "57P03": "is starting up or shutting down; try again in a moment",
    "08P01": "could not set up TLS as the URL asks (sslmode, sslrootcert, sslcert); check those settings "
    "and the server's certificate",
}
_UNREACHABLE = (
    "cannot be reached; check that the server is running and the URL's host and port (and that it accepts this machine)"
)


def _server(orig: BaseException, path: StrPath | JournalURL) -> CramplogError | None:
    """The message for a psycopg error, or None when it is not one."""
    if not type(orig).__module__.startswith("psycopg"):
        return None
    state = getattr(orig, "sqlstate", None) or ""
    if state.startswith("23"):
        return InvalidInput(f"the journal refused this entry ({_constraint_state(state)})")
    text = str(orig).lower()
    if not state:  # failed before a server answered: read the libpq message
        for needle, code in (
            ("pg_hba", "28000"),
            ("ssl", "08P01"),
            ("certificate", "08P01"),
            ("password", "28P01"),
            ("authentication", "28P01"),
            ("role", "28000"),
            ("does not exist", "3D000"),
            ("too many", "53300"),
            ("starting up", "57P03"),
            ("shutting down", "57P03"),
        ):
            if needle in text:
                state = code
                break
    if not state and type(orig).__name__ == "ProgrammingError":  # libpq could not read the URL
        return InvalidInput(f"journal {path} is not a URL the driver can read ({_URL_HINT})", "db")
    message = _BY_SQLSTATE.get(state)
    if message is None and (state.startswith(("08", "57P")) or not state):
        message = _UNREACHABLE if "closed" not in text else "lost its connection to the server; try again"
        hint = f" ({_URL_HINT})" if _misread(path) else ""
        return JournalError(f"journal {path} {message}{hint}")
    if message is None:
        return JournalError(f"journal {path} could not be used ({type(orig).__name__}); run with --debug for details")
    if state in ("3D000", "28P01", "28000", "42501", "53300", "57P03", "08P01"):
        return JournalError(f"journal {path} {message}")
    return JournalError(message)


_URL_HINT = (
    "in a URL, a password's / ? # @ % and spaces are written %2F %3F %23 %40 %25 %20; or keep the password in ~/.pgpass"
)


def _misread(path: object) -> bool:
    """Whether a URL's user part holds a character that ends it early (`/`, `?`, `#`)."""
    url = getattr(path, "url", "")
    user = url.split("://", 1)[-1].rpartition("@")[0]
    return any(c in user for c in "/?#")


def _constraint_state(state: str) -> str:
    return {
        "23505": "it repeats one that must be unique",
        "23514": "a value is out of range",
        "23503": "it names an entry that does not exist",
    }.get(state, "a required value is missing")


DISK_FULL = _BY_CODE["SQLITE_FULL"]


def is_full(exc: BaseException, path: StrPath | JournalURL) -> bool:
    """Whether `exc` (a driver error) is the disk being full, as `translate` reads it."""
    code = _code(exc)
    return code == "SQLITE_FULL" or (code == "SQLITE_IOERR" and _nearly_full(path))


def translate(exc: BaseException, path: StrPath | JournalURL, *, upgrading: bool = False) -> CramplogError:
    """The user's message for a driver error `exc` met on the journal at `path`."""
    if isinstance(exc, CramplogError):
        return exc
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's exception
    server = _server(orig, path)
    if server is not None:
        if upgrading and (isinstance(server, InvalidInput) or "--debug" in str(server)):
            return JournalError(f"journal {path} could not be upgraded ({type(orig).__name__}); it was left as it was")
        return server
    if upgrading and _code(orig) not in _BY_CODE:
        return JournalError(f"journal {path} could not be upgraded ({orig}); it was left as it was")
    if isinstance(orig, sqlite3.IntegrityError):
        return InvalidInput(f"the journal refused this entry ({_constraint(orig)})")
    if isinstance(orig, OSError):
        return JournalError(f"journal {path}: {orig.strerror or orig}")
    if isinstance(orig, sqlite3.OperationalError) and "decode to utf-8" in str(orig).lower():
        return unreadable("text that is not UTF-8")
    code = _code(orig)
    if code == "SQLITE_IOERR" and _nearly_full(path):  # the -shm or -wal could not grow
        code = "SQLITE_FULL"
    message = _BY_CODE.get(code)
    if message is None:
        return JournalError(f"journal {path} could not be used ({type(orig).__name__}); run with --debug for details")
    if code == "SQLITE_READONLY" and (sides := _read_only_side_files(path)):
        import shlex  # off the quick log's path: only for this message

        named = shlex.join(str(side) for side in sides)  # pasteable, whatever the path holds
        return JournalError(
            f"the journal is writable but its side {'files are' if len(sides) > 1 else 'file is'} not "
            f"(SQLite made {'them' if len(sides) > 1 else 'it'} so while the journal was read-only); "
            f"make {'them' if len(sides) > 1 else 'it'} writable: chmod u+w {named}"
        )
    return JournalError(f"journal {path} {message}" if code in _ABOUT_FILE else message)


def _read_only_side_files(path: object) -> list[str]:
    """The `-wal` and `-shm` beside a writable journal that this process may not write: SQLite gives
    a side file the journal's mode when it makes it, so one made while the journal was read-only
    stays so after the journal is made writable again, and every write then fails."""
    from ..sidefiles import with_side_files

    if not isinstance(path, (str, os.PathLike)) or not os.access(path, os.W_OK):
        return []
    sides = with_side_files(path)[1:]
    return [side for side in sides if os.path.exists(side) and not os.access(side, os.W_OK)]


NEARLY_FULL = 1 << 20
"""Free bytes below which an I/O error is the disk being full: SQLite reports a `-shm` that
cannot grow (32 KiB at a time) as SQLITE_IOERR_SHMSIZE, not SQLITE_FULL."""


def _nearly_full(path: object) -> bool:
    if not isinstance(path, (str, os.PathLike)):
        return False
    try:
        found = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < NEARLY_FULL


def _constraint(exc: sqlite3.IntegrityError) -> str:
    text = str(exc)
    if "UNIQUE" in text:
        return "it repeats one that must be unique"
    if "CHECK" in text:
        return "a value is out of range"
    if "FOREIGN KEY" in text:
        return "it names an entry that does not exist"
    return "a required value is missing"


@contextmanager
def translated(path: StrPath | JournalURL, *, upgrading: bool = False) -> Iterator[None]:
    """Run a block of storage work, turning driver errors into `CramplogError`s."""
    try:
        yield
    except CramplogError:
        raise
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, path, upgrading=upgrading) from exc
    except Exception as exc:
        if type(exc).__module__.startswith(("sqlalchemy", "alembic", "psycopg")):
            raise translate(exc, path, upgrading=upgrading) from exc
        raise


def newer(path: object, revision: str) -> JournalError:
    """The journal at `path` was made by a newer cramplog (schema `revision`): left untouched."""
    from .constants import HEAD

    return JournalError(
        f"{path} was written by a newer cramplog (schema {revision}, this one knows "
        f"{HEAD}); it was left untouched: upgrade cramplog to open it"
    )
