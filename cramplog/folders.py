"""Provides the user's data and config folders as text, on the standard library alone.

One rule for `paths` (the CLI, the app, the server) and for the shell prompt, which each
follow it: `$CRAMPLOG_HOME/data` and `/config` when set (tests and benchmarks), else
platformdirs' folders. On Linux and macOS, where nearly everyone runs cramplog, those are
worked out here the way platformdirs works them out (an absolute `$XDG_DATA_HOME` or
`$XDG_CONFIG_HOME`, else `~/.local/share`, `~/.config` or `~/Library/Application Support`,
then `cramplog`): importing platformdirs 4.14 costs a quick log 4-5 ms (tempfile, shutil,
random, pathlib). Anywhere else, or with a `$HOME` it would have to look past, platformdirs
answers. `tests/test_folders.py` holds the two equal.
"""

from __future__ import annotations

import os
import sys

APP = "cramplog"

_DEFAULTS = {
    "linux": {"data": "~/.local/share", "config": "~/.config"},
    "darwin": {"data": "~/Library/Application Support", "config": "~/Library/Application Support"},
}
_XDG = {"data": "XDG_DATA_HOME", "config": "XDG_CONFIG_HOME"}


def user_folder(kind: str) -> str:
    """The folder cramplog keeps its `kind` ("data" or "config") in."""
    home = os.environ.get("CRAMPLOG_HOME")
    if home:
        return os.path.join(home, kind)
    known = _known_folder(kind)
    if known is not None:
        return known
    import platformdirs

    find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_config_dir
    return find(APP, appauthor=False)


def _known_folder(kind: str) -> str | None:
    """The folder on Linux or macOS with an absolute `$HOME`; None where platformdirs decides
    (Android, Windows, an unset or relative `$HOME`)."""
    defaults = _DEFAULTS.get(sys.platform)
    user_home = os.environ.get("HOME", "")
    if defaults is None or not os.path.isabs(user_home) or _android():
        return None
    chosen = os.environ.get(_XDG[kind], "")
    base = chosen if os.path.isabs(chosen) else os.path.expanduser(defaults[kind])
    return os.path.join(base, APP)


def ignored() -> list[str]:
    """The XDG variables set here that the folders do not follow: not absolute paths (the XDG
    spec says to ignore them, and platformdirs does), e.g. `~/x` quoted so no shell expanded it."""
    if os.environ.get("CRAMPLOG_HOME") or _known_folder("data") is None:
        return []
    return [name for name in _XDG.values() if os.environ.get(name, "") and not os.path.isabs(os.environ[name])]


def _android() -> bool:
    """Where platformdirs might take this for an Android app (its own test, before any other)."""
    return hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ
