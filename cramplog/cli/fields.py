"""Provides how command-line words become entry fields, for logging and for `edit` alike.

`FIELDS[kind][option]` gives the dataclass field an option sets and the parser that reads it,
so `cramplog cramp --severity 7` and `cramplog edit 12 --severity 7` share one definition.
Parsers raise `InvalidInput` naming the field; nothing is written before all fields parse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..domain import foods, vocab
from ..domain.fieldtext import (
    blank, read_date, read_distance, read_duration, read_minutes, read_muscles, read_word,
)
from ..domain.quantities import parse_amount_ml
from ..domain.when import parse_when
from ..errors import InvalidInput

if TYPE_CHECKING:
    from .context import AppContext

Parser = Callable[[Any, "AppContext"], Any]
_TRUE = {"1", "true", "yes", "y", "on"}
_FALSE = {"0", "false", "no", "n", "off"}


def at(value: Any, app: AppContext) -> Any:
    return parse_when(value, app.clock.now(), app.clock.tz)


def date(field: str, optional: bool = False) -> Parser:
    return lambda value, app: read_date(value, app.today, field, latest=app.clock.today(), optional=optional)


def word(allowed: tuple[str, ...], what: str, field: str, optional: bool = False) -> Parser:
    return lambda value, app: read_word(value, allowed, what, field, optional=optional)


def number(field: str, what: str, cast: type = int, optional: bool = False) -> Parser:
    def parse(value: Any, app: AppContext) -> Any:
        if optional and blank(value):
            return None
        try:
            return cast(value) if not isinstance(value, bool) else _bad()
        except (TypeError, ValueError):
            kind = "a whole number" if cast is int else "a number"
            raise InvalidInput(f"{what} must be {kind}, got {value!r}", field) from None

    return parse


def _bad() -> Any:
    raise ValueError


def flag(field: str, optional: bool = False) -> Parser:
    def parse(value: Any, app: AppContext) -> Any:
        if isinstance(value, bool) or value is None:
            return value
        text = str(value).strip().lower()
        if optional and blank(text):
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise InvalidInput(f"{field} must be yes or no, got {value!r}", field)

    return parse


def text(field: str) -> Parser:
    return lambda value, app: "" if value is None else str(value)


def amount(value: Any, app: AppContext) -> int:
    return parse_amount_ml(value, field="amount_ml")


def distance(field: str, optional: bool = False) -> Parser:
    return lambda value, app: read_distance(value, app.settings.units, field, optional=optional)


def duration(field: str, default_unit: str = "min") -> Parser:
    return lambda value, app: read_duration(value, field, default_unit)


def muscles(value: Any, app: AppContext) -> tuple[str, ...]:
    return read_muscles(value)


def shoe(value: Any, app: AppContext) -> str | None:
    """The shoe's name or `#ID` as typed; the writer resolves it (or adds a new shoe)."""
    return None if blank(value) else str(value).strip()


def minutes(value: Any, app: AppContext) -> int:
    return read_minutes(value)


def food_key(value: Any, app: AppContext) -> str:
    if blank(value):
        return ""
    return foods.lookup(str(value)).key


COMMON: dict[str, tuple[str, Parser]] = {"at": ("at", at), "note": ("note", text("note"))}

FIELDS: dict[str, dict[str, tuple[str, Parser]]] = {
    "cramp": {
        "muscle": ("muscle", word(vocab.MUSCLES, "muscle", "muscle")),
        "side": ("side", word(vocab.SIDES, "side", "side")),
        "severity": ("severity", number("severity", "severity")),
        "context": ("context", word(vocab.CONTEXTS, "context", "context")),
        "duration": ("duration_s", duration("duration_s", "s")),
        "relief": ("relief", text("relief")),
        "swelling": ("swelling", word(vocab.SWELLING, "swelling", "swelling")),
        "tingling": ("tingling", flag("tingling")),
        "persistent-pain": ("persistent_pain", flag("persistent_pain")),
    },
    "drink": {
        "amount": ("amount_ml", amount),
        "kind": ("drink_kind", word(vocab.DRINK_KINDS, "drink kind", "drink_kind")),
    },
    "stretch": {
        "minutes": ("minutes", minutes),
        "muscles": ("muscles", muscles),
        "style": ("style", word(vocab.STRETCH_STYLES, "style", "style")),
        "cramped": ("cramped", flag("cramped")),
    },
    "run": {
        "distance": ("distance_km", distance("distance_km")),
        "time": ("duration_s", duration("duration_s")),
        "effort": ("effort", number("effort", "effort", optional=True)),
        "shoe": ("shoe", shoe),
        "surface": ("surface", word(vocab.SURFACES, "surface", "surface", optional=True)),
        "kind": ("workout", word(vocab.WORKOUT_KINDS, "workout kind", "workout")),
        "comfort": ("comfort", number("comfort", "shoe comfort", optional=True)),
    },
    "shoe": {
        "name": ("name", text("name")),
        "first-used": ("first_used", date("first_used")),
        "retired": ("retired", date("retired", optional=True)),
        "start": ("start_km", distance("start_km")),
        "life": ("life_km", distance("life_km", optional=True)),
    },
    "food": {
        "food": ("food", food_key),
        "servings": ("servings", number("servings", "servings", float)),
        "text": ("text", text("text")),
    },
    "diet": {
        "pattern": ("pattern", word(vocab.DIET_PATTERNS, "diet pattern", "pattern")),
        "date": ("day", date("day")),
        "b12": ("b12", flag("b12", optional=True)),
    },
    "med": {
        "name": ("name", text("name")),
        "class": ("med_class", word(vocab.MED_CLASSES, "medicine class", "med_class")),
        "start": ("start", date("start")),
        "stop": ("stop", date("stop", optional=True)),
        "dose": ("dose", text("dose")),
    },
    "injury": {
        "site": ("site", word(vocab.INJURY_SITES, "injury site", "site")),
        "severity": ("severity", number("severity", "severity")),
        "date": ("day", date("day")),
        "resolved": ("resolved", date("resolved", optional=True)),
    },
    "symptom": {
        "symptom": ("symptom", word(vocab.SYMPTOMS, "symptom", "symptom")),
        "side": ("side", word(vocab.SIDES, "side", "side", optional=True)),
    },
    "checkin": {
        "date": ("day", date("day")),
        "no-cramps": ("no_cramps", flag("no_cramps")),
        "hot-day": ("hot_day", flag("hot_day", optional=True)),
        "sleep": ("sleep_hours", number("sleep_hours", "sleep hours", float, optional=True)),
        "soreness": ("soreness", number("soreness", "soreness", optional=True)),
    },
}


def parse_fields(kind: str, raw: dict[str, Any], app: AppContext) -> dict[str, Any]:
    """Dataclass keyword arguments for `kind` from option values (None means not given)."""
    table = {**FIELDS[kind], **COMMON}
    out: dict[str, Any] = {}
    for option, value in raw.items():
        if value is None:
            continue
        option = option.replace("_", "-")
        if option not in table:
            known = ", ".join(f"--{o}" for o in table)
            raise InvalidInput(f"{kind} entries have no option --{option} (use {known})", option)
        field, parser = table[option]
        out[field] = parser(value, app)
    return out
