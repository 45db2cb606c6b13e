"""Provides loading and saving the TOML settings file (`cramplog config get/set`).

Reads use `tomllib` (standard library); writes use `tomli_w`, imported only when saving. Only
keys the user set explicitly are written, so defaults can improve in later versions.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .domain.settings import Settings, _field, from_mapping, to_mapping
from .errors import InvalidInput
from .paths import config_file, ensure_private_dir


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"config file {path} is not valid TOML: {exc}") from None


def load(path: Path | None = None) -> Settings:
    """The effective settings (file values over defaults)."""
    return from_mapping(_read(path or config_file()))


def set_value(key: str, raw: str, path: Path | None = None) -> Settings:
    """Validate and persist one setting; return the new effective settings."""
    import tomli_w

    path = path or config_file()
    data = _read(path)
    field = _field(key)
    updated = load(path).with_value(key, raw)
    section = data.setdefault(field.metadata["section"], {})
    section[field.name] = to_mapping(updated, {field.name})[field.metadata["section"]][field.name]
    ensure_private_dir(path.parent)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
    tmp.replace(path)
    return from_mapping(data)
