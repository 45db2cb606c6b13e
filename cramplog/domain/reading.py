"""Provides how a field's text is read: what a person typed (CLI, `edit`, the app's forms) -> a value.

Each field declares how its text is read (`fields.Field.type`, or its `parser`: amount,
distance, duration, minutes, food, shoe); the reader gives a value that the field then checks.
Kept apart from `fields.py`, whose declarations the parsers (`when`, `quantities`, `foods`) read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..errors import InvalidInput
from . import vocab
from .fields import (
    Field,
    blank,
    clean_name,
    declaration,
    is_id_text,
    parse_float,
    parse_id,
    parse_int,
    printable,
)
from .quantities import parse_amount_ml, parse_distance_km, parse_duration_s
from .record import record
from .units import distance_unit, volume_input_unit
from .when import parse_date, parse_when


@record
class Reading:
    """What reading a field's text needs: now, the diary day, the units, a shoe lookup."""

    now: dt.datetime
    """The current instant, aware, in the user's zone."""
    tz: dt.tzinfo
    today: dt.date
    """The current diary day (`today` in dates means it)."""
    units: str = "metric"
    shoe_id: Callable[[str], int | None] | None = None
    """Turns a shoe's name into its ID (the CLI: the journal; the app: the shoes loaded)."""


def read_field(field: Field, text: Any, ctx: Reading) -> Any:
    """The value `text` means for `field` (then checked), or `InvalidInput` naming the field."""
    if field.type in ("text", "name"):
        return field.check("" if text is None else str(text))
    if field.bounds.nullable and not isinstance(text, bool) and blank(text):
        return None
    reader = _READERS.get(field.parser or field.type)
    if reader is None:
        raise InvalidInput(f"{field.label} cannot be typed", field.name)
    return field.check(reader(field, text, ctx))


def read(kind: str, name: str, text: Any, ctx: Reading) -> Any:
    """The value of field `name` of `kind` from what a person typed."""
    return read_field(declaration(kind, name), text, ctx)


# -- readers (text -> value, before the check) ------------------------------------------------

_TRUE = {"1", "true", "yes", "y", "on"}
_FALSE = {"0", "false", "no", "n", "off"}


def _read_int(f: Field, text: Any, ctx: Reading) -> int:
    return text if isinstance(text, int) and not isinstance(text, bool) else parse_int(text, f.name, f.label)


def _read_float(f: Field, text: Any, ctx: Reading) -> float:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    return parse_float(text, f.name, f.label)


def _read_bool(f: Field, text: Any, ctx: Reading) -> bool:
    if isinstance(text, bool):
        return text
    word = str(text).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise InvalidInput(f"{f.label} must be yes or no, got {text!r}", f.name)


def _read_word(f: Field, text: Any, ctx: Reading) -> str:
    return vocab.choose(printable(str(text)), tuple(w for w in f.bounds.words or () if w), f.label, f.name)


def _read_words(f: Field, text: Any, ctx: Reading) -> tuple[str, ...]:
    words = [w for w in printable(str(text)).replace(" ", ",").split(",") if w]
    if not words:
        raise InvalidInput(f"name at least one {f.label}", f.name)
    return tuple(dict.fromkeys(vocab.choose(w, f.bounds.words or (), f.label, f.name) for w in words))


def _read_date(f: Field, text: Any, ctx: Reading) -> dt.date:
    return parse_date(str(text), ctx.today, field=f.name, latest=ctx.now.date())


def _read_instant(f: Field, text: Any, ctx: Reading) -> dt.datetime:
    return parse_when(str(text), ctx.now, ctx.tz, field=f.name)


def _read_amount(f: Field, text: Any, ctx: Reading) -> int:
    return parse_amount_ml(str(text), field=f.name, default_unit=volume_input_unit(ctx.units), high=f.bounds.high)


def _read_distance(f: Field, text: Any, ctx: Reading) -> float:
    return parse_distance_km(
        str(text),
        default_unit=distance_unit(ctx.units),
        field=f.name,
        high=f.bounds.high or 0,
        allow_zero=f.bounds.low_inclusive,
    )


def _read_duration(f: Field, text: Any, ctx: Reading) -> int:
    return parse_duration_s(
        str(text), default_unit=f.default_unit or "min", field=f.name, high=int(f.bounds.high or 48 * 3600)
    )


def _read_minutes(f: Field, text: Any, ctx: Reading) -> int:
    return max(1, round(parse_duration_s(str(text), field=f.name) / 60))


def _read_food(f: Field, text: Any, ctx: Reading) -> str:
    from .foods import lookup  # the food table: ~3 ms to build, for the food command

    return "" if blank(text) else lookup(printable(str(text))).key


def _read_shoe(f: Field, text: Any, ctx: Reading) -> int | None:
    raw = clean_name(str(text))
    if is_id_text(raw):
        return parse_id(raw, f.name, "shoe ID")
    if ctx.shoe_id is None:
        raise InvalidInput(f"no shoe called {raw!r}", f.name)
    return ctx.shoe_id(raw)


def _read_id(f: Field, text: Any, ctx: Reading) -> int:
    return parse_id(text, f.name, f.label)


_READERS: dict[str, Callable[[Field, Any, Reading], Any]] = {
    "int": _read_int,
    "float": _read_float,
    "bool": _read_bool,
    "word": _read_word,
    "words": _read_words,
    "date": _read_date,
    "instant": _read_instant,
    "amount": _read_amount,
    "distance": _read_distance,
    "duration": _read_duration,
    "minutes": _read_minutes,
    "food": _read_food,
    "shoe": _read_shoe,
    "id": _read_id,
}
