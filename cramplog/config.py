"""Provides loading and saving the TOML settings file (`cramplog config get/set/reset`).

Reads use `tomllib` (standard library); writes use `tomli_w`, imported only when saving. Only
keys the user set explicitly are written, so defaults can improve in later versions. A file
that can't be read blocks no `config` command: `config set` and `config reset` keep the broken
file beside the new one, so nothing the user wrote is lost.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .domain.settings import Settings, _field, from_mapping, to_mapping
from .errors import InvalidInput
from .paths import config_file

if TYPE_CHECKING:
    from pathlib import Path

    from .paths import StrPath


def _read(path: StrPath) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        if not text.strip():
            return {}
        import tomllib  # its regexes cost ~4 ms: only for a file with something in it

        return tomllib.loads(text)
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        raise InvalidInput(
            f"config file {path} is not text; start again with: cramplog config reset", "config"
        ) from None
    except ValueError as exc:  # TOMLDecodeError, or a number of more than 4,300 digits
        raise InvalidInput(
            f"config file {path} is not valid TOML ({str(exc)[:80]}); fix it, or start again "
            "with: cramplog config reset",
            "config",
        ) from None
    except RecursionError:
        raise InvalidInput(
            f"config file {path} is nested too deeply to be cramplog's; start again with: cramplog config reset",
            "config",
        ) from None
    except OSError as exc:
        raise InvalidInput(f"config file {path} cannot be read: {exc.strerror}", "config") from None


def load(path: StrPath | None = None) -> Settings:
    """The effective settings (file values over defaults); a bad value names the file and key."""
    path = path or config_file()
    data = _read(path)
    try:
        return from_mapping(data)
    except InvalidInput as exc:
        raise InvalidInput(
            f"config file {path}: {exc}; fix it with cramplog config set, or start again with: cramplog config reset",
            "config",
        ) from None


def set_value(key: str, raw: str, path: StrPath | None = None) -> tuple[Settings, Path | None]:
    """Validate and persist one setting; return the new settings and where a broken file went."""
    from pathlib import Path

    import tomli_w

    path = Path(path or config_file())
    field = _field(key)
    try:
        data = _read(path)
        current, broken = from_mapping(data), False
    except InvalidInput:
        data, current, broken = {}, Settings(), True
    updated = current.with_value(key, raw)
    if field.name == "folder" and updated.folder:
        _a_folder(Path(updated.folder).expanduser())
    moved = _set_aside(path) if broken else None
    section = data.setdefault(field.metadata["section"], {})
    section[field.name] = to_mapping(updated, {field.name})[field.metadata["section"]][field.name]
    from .files import private_text

    private_text(path, tomli_w.dumps(data))
    return from_mapping(data), moved


def _a_folder(folder: Path) -> None:
    """`backups.folder` names a folder (made when the first copy is due; a full path, as the
    setting's own rule says), never a file: set to the journal's own path, every daily copy
    would fail."""
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"backups.folder must be a folder; {folder} is a file", "folder")


def missing_folder(settings: Settings) -> Path | None:
    """The backups folder chosen, when it does not exist (yet): made when the first copy is due,
    which fails if it can't be (a drive not plugged in, a folder nobody may write in)."""
    from pathlib import Path

    folder = Path(settings.folder).expanduser() if settings.folder else None
    return folder if folder is not None and not folder.exists() else None


def reset(path: StrPath | None = None) -> Path | None:
    """Back to the defaults; the old file is kept beside it. Returns where it went."""
    from pathlib import Path

    path = Path(path or config_file())
    return _set_aside(path) if path.exists() else None


def _set_aside(path: Path) -> Path:
    """Keep the broken (or replaced) file beside the new one; a folder named as the config file
    is refused, never renamed."""
    if path.is_dir():
        raise InvalidInput(
            f"config file {path} is a folder; name a file (CRAMPLOG_CONFIG), and the folder is left as it is", "config"
        )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.{stamp}.old")
    path.replace(kept)
    return kept
