"""Provides where cramplog keeps things: the user's folders (`folders`), overridden by flags and
environment.

Functions, not constants, and nothing is created at import time. `CRAMPLOG_DB` and
`CRAMPLOG_CONFIG` (or `--db`) win over the platform directories; `CRAMPLOG_HOME` moves both,
which tests and benchmarks use to stay out of the user's real journal.

The journal's and the config file's names are text (`str`), as is every file name on a quick
log's path (storage takes `StrPath`): importing pathlib costs a quick log 3 ms of its 3x-the-floor
budget (`bench/quicklog`, issue 27). Code off that path takes `Path(name)` where it works on one.
"""

from __future__ import annotations

import os

from .errors import InvalidInput
from .folders import user_folder
from .urls import is_server_url, looks_like_url, masked, without_password

TYPE_CHECKING = False  # `typing` would cost the shell prompt ~8 ms to import

if TYPE_CHECKING:
    from pathlib import Path
    from typing import TypeAlias, TypeVar

    StrPath: TypeAlias = "str | os.PathLike[str]"
    """A file's name as text or as a `Path`: what storage and a quick log's helpers take."""
    P = TypeVar("P", str, Path)


def data_dir() -> Path:
    from pathlib import Path

    return Path(user_folder("data"))


def config_dir() -> Path:
    from pathlib import Path

    return Path(user_folder("config"))


class JournalURL:
    """A journal in a PostgreSQL database, named by a `postgresql://` URL.

    `str()` and f-strings show the URL with any password masked (`urls.masked`), so no
    message, prompt or log line ever echoes it; `url` is the URL as given, for the driver only.
    `parent` is the local data folder (where a file journal's backups folder would be).
    """

    __slots__ = ("url",)

    def __init__(self, url: str) -> None:
        self.url = url

    def __str__(self) -> str:
        return masked(self.url)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"JournalURL({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JournalURL) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)

    @property
    def parent(self) -> str:
        """The local data folder, as `os.path.dirname` of a file journal is its folder."""
        return user_folder("data")

    @property
    def without_password(self) -> str:
        """The URL to write into a command line: libpq then reads the password from ~/.pgpass."""
        return without_password(self.url)


def db_path(override: StrPath | None = None) -> str | JournalURL:
    """The journal: `--db`, else `$CRAMPLOG_DB`, else `<data dir>/journal.db`.

    A `postgresql://` URL names a journal on a server (`JournalURL`); anything else is a file.

    Raises:
        InvalidInput: another URL (`mysql://`, `sqlite:`, `postgresql:` without `//`), which would
            otherwise become a file of that name, or a path that can't be a file's.
    """
    chosen = override or os.environ.get("CRAMPLOG_DB")
    if not chosen:
        return not_special(os.path.join(user_folder("data"), "journal.db"), "db")
    text = os.fspath(chosen)
    if is_server_url(text):
        return JournalURL(_utf8_url(text))
    if looks_like_url(text):
        raise InvalidInput(
            f"journal {masked(text)!r} is neither a file nor a postgresql:// URL (a file "
            "whose name starts like a URL is written with ./ before it)",
            "db",
        )
    return not_special(file_name(text, "db"), "db")


def folder_of(journal: StrPath | JournalURL) -> str:
    """The folder a journal is in, as `Path.parent` names it (`.` for a bare file name); a journal
    on a server's is the local data folder (where its backups folder would be)."""
    if isinstance(journal, JournalURL):
        return journal.parent
    return os.path.dirname(journal) or os.curdir


def not_special(path: P, field: str) -> P:
    """`path`, unless it is a FIFO, a socket or a device: opening one to read waits for a writer
    forever (`mkfifo j.db; cramplog --db j.db list` hung), so it is refused instead."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return path  # missing or unreadable: the caller says so
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InvalidInput(f"cannot use {path}: it is a pipe, socket or device, not a file", field)
    return path


def _utf8_url(text: str) -> str:
    """A server URL whose every character and `%xx` escape is UTF-8 (the driver decodes it; a
    `%ff` or a command line's undecodable byte gave "unexpected UnicodeDecodeError")."""
    from urllib.parse import unquote

    try:
        unquote(text, errors="strict").encode("utf-8")
    except UnicodeError:
        raise InvalidInput(
            f"journal {masked(text)!r} holds bytes that are not UTF-8 text (a character, or a %-escape)", "db"
        ) from None
    return text


def file_path(text: str, field: str) -> Path:
    """The file `text` names (`file_name`), as a `Path`."""
    from pathlib import Path

    return Path(file_name(text, field))


def file_name(text: str, field: str) -> str:
    """The file `text` names, `~` expanded and written as a `Path` writes it (`tidy`: `j.db/`
    is `j.db`); a name no file system takes is `InvalidInput`."""
    first = text.split(os.sep, 1)[0]
    name = text
    if first.startswith("~"):
        home = os.path.expanduser(first)
        if home.startswith("~"):  # ~nosuchuser, or no home folder to be found
            raise InvalidInput(f"cannot use {text!r}: no such user's home folder", field)
        name = home + text[len(first) :]
    try:
        encoded = os.fsencode(name)
        too_long = any(len(part) > 255 for part in encoded.split(b"/")) or len(encoded) > 4095
    except UnicodeError:  # a lone surrogate that no file system name can hold
        too_long = True
    if "\x00" in text or too_long or not text.strip():
        raise InvalidInput(
            f"cannot use {text[:60]!r}: not a name a file can have "
            "(blank, a NUL byte, or a name longer than 255 bytes)",
            field,
        )
    return tidy(name)


def tidy(name: str) -> str:
    """`name` as `Path(name)` writes it: no `.` parts, repeated or trailing slashes (`./j.db/` is
    `j.db`); `..` kept, as it may pass through a link. Two leading slashes stay two (POSIX)."""
    lead = "//" if name.startswith("//") and not name.startswith("///") else "/" if name.startswith("/") else ""
    return lead + "/".join(part for part in name.split("/") if part not in ("", ".")) or "."


DOCS_HINT = "`cramplog where` shows the docs folder"
"""What help and messages add when they name a docs/*.md: a pip, pipx or uv install has no
source tree, so the folder is found with `where` (`docs_dir`)."""


def docs_dir() -> Path | None:
    """The folder of docs/*.md that help and messages name: inside the package when installed
    from a wheel (`pyproject.toml` puts it there), else the source tree's `docs/`; None if neither."""
    from pathlib import Path

    package = Path(__file__).resolve().parent
    for folder in (package / "docs", package.parent / "docs"):
        if (folder / "logging.md").is_file():
            return folder
    return None


def config_file() -> str:
    chosen = os.environ.get("CRAMPLOG_CONFIG")
    return not_special(
        file_name(chosen, "config") if chosen else os.path.join(user_folder("config"), "config.toml"), "config"
    )


def ensure_private_dir(path: StrPath) -> None:
    """Create `path` and every missing folder above it with mode 0700, whatever the umask.

    Folders that already exist are left as they are; each one made here is the owner's alone
    (`mkdir(parents=True)` would give the parents the umask's mode, 0777 at umask 000).
    """
    missing = []
    folder = os.fspath(path)
    while folder and not os.path.exists(folder):  # as given: `new/..` needs `new` made first
        missing.append(folder)
        folder, below = os.path.dirname(folder), folder
        if folder == below:
            break
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:  # made meanwhile by another process: theirs to set
            continue
        os.chmod(folder, 0o700)
