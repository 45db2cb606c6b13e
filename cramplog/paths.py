"""Provides where cramplog keeps things: platformdirs, overridden by flags and environment.

Functions, not constants, and nothing is created at import time. `CRAMPLOG_DB` and
`CRAMPLOG_CONFIG` (or `--db`) win over the platform directories; `CRAMPLOG_HOME` moves both,
which tests and benchmarks use to stay out of the user's real journal.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "cramplog"


def data_dir() -> Path:
    home = os.environ.get("CRAMPLOG_HOME")
    if home:
        return Path(home) / "data"
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    home = os.environ.get("CRAMPLOG_HOME")
    if home:
        return Path(home) / "config"
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


class JournalURL:
    """A journal in a PostgreSQL database, named by a `postgresql://` URL.

    `str()` and f-strings show the URL with any password masked, so no message, prompt or
    log line ever echoes it; `url` is the URL as given, for the driver only. `parent` is the
    local data folder (where a file journal's backups folder would be).
    """

    __slots__ = ("url",)

    def __init__(self, url: str) -> None:
        self.url = url

    def __str__(self) -> str:
        from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

        parts = urlsplit(self.url)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            if ":" in user:
                user = user.split(":", 1)[0] + ":***"
            netloc = f"{user}@{host}"
        query = parts.query
        if "password" in query.lower():
            query = urlencode([(k, "***" if k.lower() == "password" else v)
                               for k, v in parse_qsl(query, keep_blank_values=True)], safe="/*")
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"JournalURL({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JournalURL) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)

    @property
    def parent(self) -> Path:
        return data_dir()


def is_server_url(text: str | os.PathLike[str]) -> bool:
    return isinstance(text, str) and text.lower().startswith(SERVER_SCHEMES)


def db_path(override: str | os.PathLike[str] | None = None) -> Path | JournalURL:
    """The journal: `--db`, else `$CRAMPLOG_DB`, else `<data dir>/journal.db`.

    A `postgresql://` URL names a journal on a server (`JournalURL`); anything else is a file.
    """
    chosen = override or os.environ.get("CRAMPLOG_DB")
    if chosen and is_server_url(chosen):
        return JournalURL(str(chosen))
    return Path(chosen).expanduser() if chosen else data_dir() / "journal.db"


def config_file() -> Path:
    chosen = os.environ.get("CRAMPLOG_CONFIG")
    return Path(chosen).expanduser() if chosen else config_dir() / "config.toml"


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) with mode 0700 if missing; tighten it if we created it."""
    if not path.exists():
        path.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)
