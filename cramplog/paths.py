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


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The journal file: `--db`, else `$CRAMPLOG_DB`, else `<data dir>/journal.db`."""
    chosen = override or os.environ.get("CRAMPLOG_DB")
    return Path(chosen).expanduser() if chosen else data_dir() / "journal.db"


def config_file() -> Path:
    chosen = os.environ.get("CRAMPLOG_CONFIG")
    return Path(chosen).expanduser() if chosen else config_dir() / "config.toml"


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) with mode 0700 if missing; tighten it if we created it."""
    if not path.exists():
        path.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)
