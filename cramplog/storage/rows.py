"""Provides how entries map onto rows: table names, columns and value encodings.

Shared by the ORM repository and the quick path (`quick.py`), and free of SQLAlchemy so the
quick path stays light. Columns carry the dataclass field names; a test checks that the ORM
models agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ..domain import entries as E
from ..domain.clock import zone

TABLES: dict[str, str] = {kind: ("medicine" if kind == "med" else kind) for kind in E.KINDS}
"""Kind -> table holding its fields (the `entry` table holds what every kind has)."""

COMMON = ("at", "tz", "id", "note", "uid")  # uid: stored by the new writer (migration 0003)
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy's DateTime stores instants in SQLite; the quick path writes the same."""


def detail_fields(kind: str) -> list[str]:
    """Columns of the kind's own table, in dataclass order (without `id`)."""
    return [f.name for f in dataclasses.fields(E.KINDS[kind]) if f.name not in COMMON]


def utc_naive(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.timezone.utc).replace(tzinfo=None)


def local_instant(at_utc: dt.datetime, tz: str) -> dt.datetime:
    return at_utc.replace(tzinfo=dt.timezone.utc).astimezone(zone(tz))


def encode(name: str, value: Any) -> Any:
    """Python value of a field -> the Python value of its column (ORM level)."""
    return ",".join(value) if name == "muscles" else value


def decode(name: str, value: Any) -> Any:
    """Python value of a column -> the field's value."""
    if name == "muscles":
        return tuple(value.split(",")) if value else ()
    return value


def build(kind: str, entry_id: int, at_utc: dt.datetime, tz: str, note: str | None,
          details: dict[str, Any]) -> E.Entry:
    """The domain entry from decoded column values."""
    cls = E.KINDS[kind]
    values: dict[str, Any] = {"id": entry_id, "tz": tz, "note": note or ""}
    if cls.date_field is None:
        values["at"] = local_instant(at_utc, tz)
    for name, value in details.items():
        values[name] = decode(name, value)
    return cls(**values)


def to_sql(value: Any) -> Any:
    """A column value as the sqlite3 module should bind it, matching SQLAlchemy's storage."""
    if isinstance(value, dt.datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def from_sql(name: str, annotation: str, value: Any) -> Any:
    """A raw sqlite3 value back to the field's Python type."""
    if value is None:
        return None
    if "dt.date" in annotation and "datetime" not in annotation:
        return dt.date.fromisoformat(value)
    if annotation.startswith("bool"):
        return bool(value)
    if annotation.startswith("float"):
        return float(value)
    return value
