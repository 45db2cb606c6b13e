"""Provides how entries map onto rows: table names, columns and the one encoding of each value.

Free of SQLAlchemy so the everyday path stays light. Columns carry the dataclass field names;
a test checks that the ORM models (which Alembic compares with the migrations) agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from ..domain import entries as E
from ..domain import shoes
from ..domain.clock import local_noon
from ..domain.fields import FIELDS, clean_name, clean_text
from ..domain.zones import zone
from .instants import instant, read_instant

TABLES: dict[str, str] = {kind: ("medicine" if kind == "med" else kind) for kind in E.KINDS}
"""Kind -> table holding its fields (the `entry` table holds what every kind has)."""

COMMON = ("at", "tz", "id", "note", "uid")

KEYS: dict[str, dict[str, Callable[[Any], str]]] = {"shoe": {"name_key": lambda shoe: shoes.name_key(shoe.name)}}
"""Columns a kind's table keeps beside its fields, each the domain's rule applied to the entry:
what a unique index needs that SQL cannot compute (a shoe's name, case folded). Written with
every insert and update, checked by `verify.check_rows`, never read into an entry."""


def detail_fields(kind: str) -> list[str]:
    """Columns of the kind's own table, in dataclass order (without `id`)."""
    return list(_DETAILS[kind])


_DETAILS = {
    kind: tuple(f.name for f in dataclasses.fields(cls) if f.name not in COMMON) for kind, cls in E.KINDS.items()
}


def _kinds_of_fields() -> dict[str, dict[str, str]]:
    return {kind: {f.name: str(f.type) for f in dataclasses.fields(cls)} for kind, cls in E.KINDS.items()}


ANNOTATIONS = _kinds_of_fields()


def to_sql(name: str, value: Any) -> Any:
    """A field's value as its column stores it."""
    if name == "muscles":
        return ",".join(value)
    if isinstance(value, dt.datetime):
        return instant(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value  # a bool stays one: sqlite3 stores it as 1/0, PostgreSQL as a boolean


_TEXTS = {
    kind: {
        name: clean_name if f.type == "name" else clean_text
        for name, f in FIELDS[kind].items()
        if f.type in ("text", "name")
    }
    for kind in E.KINDS
}
"""Each kind's free-text fields, with the cleaning typed text gets."""


def free_text(kind: str) -> frozenset[str]:
    """The names of `kind`'s free-text fields (cleaned when read)."""
    return frozenset(_TEXTS[kind])


def from_sql(kind: str, name: str, value: Any) -> Any:
    """A stored column value back to the field's Python value (free text cleaned, see `build`)."""
    if name == "muscles":
        return tuple(value.split(",")) if value else ()
    if value is None:
        return None
    if value.__class__ is str and name in _TEXTS[kind]:
        return _shown(value, _TEXTS[kind][name])
    annotation = ANNOTATIONS[kind][name]
    if "dt.date" in annotation and "datetime" not in annotation:
        return dt.date.fromisoformat(value)
    if annotation.startswith("bool"):
        return bool(value)
    if annotation.startswith("float"):
        return float(value)
    return value


def build(
    kind: str, entry_id: int, at_utc: str, tz: str, note: str | None, uid: str | None, details: dict[str, Any]
) -> E.Entry:
    """The domain entry for a stored row, trusted as stored, its text cleaned as typed text is.

    Rows were validated when written and are held to the CHECK constraints, and migrations
    repair what older versions let through; so reading skips validation: a rule made stricter
    later must never make an existing journal unreadable. Only free text is cleaned on the way
    out (one `isprintable` test each): escape sequences another tool or an old version stored
    would otherwise reach every screen, chart, report and export that shows them.
    """
    cls = E.KINDS[kind]
    values: dict[str, Any] = {"id": entry_id, "tz": tz, "note": _shown(note or "", clean_text), "uid": uid}
    for name, raw in details.items():
        values[name] = from_sql(kind, name, raw)
    values["at"] = (
        read_instant(at_utc).astimezone(zone(tz)) if cls.date_field is None else local_noon(values[cls.date_field], tz)
    )
    entry = object.__new__(cls)
    for f in dataclasses.fields(cls):
        object.__setattr__(entry, f.name, values[f.name] if f.name in values else _default(f))
    return entry


def _shown(text: str, clean: Any) -> str:
    return text if text.isprintable() else clean(text)


def with_identity(entry: E.Entry, **values: Any) -> E.Entry:
    """A copy of a validated `entry` with storage's own fields set (`id`, `uid`, the instant in
    its zone), without validating it again: nothing the domain checks changes."""
    copy = object.__new__(type(entry))
    for name in _FIELDS[entry.kind]:
        object.__setattr__(copy, name, values[name] if name in values else getattr(entry, name))
    return copy


_FIELDS = {kind: tuple(f.name for f in dataclasses.fields(cls)) for kind, cls in E.KINDS.items()}


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None
