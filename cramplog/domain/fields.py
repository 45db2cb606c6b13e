"""Provides the one declaration of every entry field: type, bounds, unit, words, label, parser.

Everything else is derived from `FIELDS`: the entry classes validate with `Field.check`, the
command line (`cli/fields.py`), `edit` and the app's forms read text through `reading.py` by the
field's `parser`, and storage builds its CHECK constraints from `CHECKS`. A limit changed here
changes everywhere.

Rules every field follows:
- numbers are ASCII digits only (no `²`, `1_0`, `١`), finite and within their bounds;
- times and dates run from 1900-01-01 (local) to now;
- text is trimmed, control characters and escape sequences are removed; names (a shoe, a
  medicine) are at most 80 characters, every other free text at most 2,000;
- IDs typed by people are whole numbers from 1 to 2**63 - 1.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from ..errors import InvalidInput
from . import vocab
from .patterns import Pattern, ascii_digits
from .record import record

MIN_DATE = dt.date(1900, 1, 1)
"""The earliest date (and local date of a time) the journal accepts."""
MIN_AT_UTC = dt.datetime(1899, 12, 31, 10, 0, tzinfo=dt.timezone.utc)
"""The earliest stored instant: 1900-01-01 00:00 in the easternmost zone (UTC+14)."""
MAX_ID = 2**63 - 1
"""The largest ID SQLite can hold."""
NAME_MAX = 80
TEXT_MAX = 2000
UID_MAX = 64


# -- text -------------------------------------------------------------------------------------

_ESCAPES = Pattern(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]"  # other two- and three-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_SPACES = Pattern(r"[\t\n\v\f\r\x85\u2028\u2029]+")
_CONTROLS = Pattern(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with escape sequences and control characters removed (line breaks become spaces).

    Safe to print on a terminal: nothing left can move the cursor, recolour or retitle it.
    """
    if text.isprintable():
        return text
    text = _ESCAPES.sub("", text)
    text = _SPACES.sub(" ", text)
    return _CONTROLS.sub("", text)


def clean_text(text: str) -> str:
    """Free text as stored: printable and trimmed."""
    return printable(text).strip()


def clean_name(text: str) -> str:
    """A name as stored: printable, trimmed, runs of spaces made one."""
    return " ".join(printable(text).split())


# -- numbers and IDs ----------------------------------------------------------------------------

_INT = Pattern(r"[+-]?[0-9]+", re.ASCII)
_FLOAT = Pattern(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)", re.ASCII)
_ID = Pattern(r"#?[0-9]+", re.ASCII)


def parse_int(text: Any, field: str, what: str | None = None) -> int:
    """A whole number from ASCII digits (an optional sign), or `InvalidInput`."""
    raw = str(text).strip()
    if isinstance(text, bool) or not (ascii_digits(raw) or _INT.fullmatch(raw)):
        raise InvalidInput(f"{what or field} must be a whole number, got {_shown(raw)}", field)
    return _whole(raw, field, what or field)


MAX_DIGITS = 30
"""More digits than any bound or ID has: refused before Python reads them (it reads at most 4,300)."""


def _whole(raw: str, field: str, what: str) -> int:
    """`int(raw)` for a checked run of ASCII digits, refusing one far beyond every range."""
    digits = raw.lstrip("+-").lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise InvalidInput(f"{what} is far out of range ({len(digits):,}-digit number {_shown(raw)})", field)
    return int(raw)


def _shown(raw: str) -> str:
    """Typed text quoted for a message, a long one cut short."""
    return repr(raw) if len(raw) <= 40 else repr(raw[:20] + "…" + raw[-8:])


def parse_float(text: Any, field: str, what: str | None = None) -> float:
    """A finite number from ASCII digits (`.` or `,` as the decimal mark), or `InvalidInput`."""
    raw = str(text).strip()
    if isinstance(text, bool) or not _FLOAT.fullmatch(raw):
        raise InvalidInput(f"{what or field} must be a number, got {text!r}", field)
    value = float(raw.replace(",", "."))
    if not math.isfinite(value):
        raise InvalidInput(f"{what or field} must be a number, got {text!r}", field)
    return value


def is_id_text(text: str) -> bool:
    """Whether `text` looks like an ID (`12` or `#12`, ASCII digits)."""
    return bool(_ID.fullmatch(str(text).strip()))


def parse_id(text: Any, field: str = "id", what: str = "ID") -> int:
    """An ID typed by a person: `12` or `#12`, from 1 to 2**63 - 1."""
    raw = str(text).strip()
    if not _ID.fullmatch(raw):
        raise InvalidInput(f"{what} must be a number, got {_shown(str(text))}", field)
    value = _whole(raw.lstrip("#"), field, what)
    if not 1 <= value <= MAX_ID:
        raise InvalidInput(f"{what} must be from 1 to {MAX_ID}, got {raw}", field)
    return value


def parse_count(text: Any, field: str) -> int:
    """A positive count such as `list --limit`, at most 2**63 - 1."""
    raw = str(text).strip()
    if not _INT.fullmatch(raw) or not 1 <= _whole(raw, field, f"--{field}") <= MAX_ID:
        raise InvalidInput(f"--{field} must be a positive whole number, got {_shown(str(text))}", field)
    return int(raw)


# -- bounds and declarations ----------------------------------------------------------------------


@record
class Bounds:
    """What a stored value may be; storage turns each into a CHECK constraint."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    min_length: int | None = None
    max_length: int | None = None
    words: tuple[str, ...] | None = None
    """Allowed stored words (a vocabulary); for a list field, each item's words."""
    earliest: dt.date | None = None
    """Earliest date (a date field) or local date (an instant)."""
    nullable: bool = False
    """Whether NULL (None) may be stored."""

    def contains(self, value: float) -> bool:
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and not self.high_inclusive)))

    def describe(self) -> str:
        """`between 1 and 10`, `more than 0 and at most 400`."""
        if self.low is None or self.high is None:
            return f"at least {self.low:g}" if self.low is not None else f"at most {self.high:g}"
        if self.low_inclusive and self.high_inclusive:
            return f"between {self.low:g} and {self.high:g}"
        low = f"at least {self.low:g}" if self.low_inclusive else f"more than {self.low:g}"
        high = f"at most {self.high:g}" if self.high_inclusive else f"less than {self.high:g}"
        return f"{low} and {high}"


BLANK = frozenset({"", "none", "-", "null"})


def blank(text: object) -> bool:
    """Whether `text` means "no value" (empty, `none`, `-`)."""
    return text is None or str(text).strip().lower() in BLANK


@record
class Field:
    """One field of one entry kind: its type, bounds and how its text is read."""

    name: str
    type: str
    """int, float, bool, word, words, text, name, key, date, instant, id, uid or zone."""
    label: str
    """Short human name used in messages and forms: `severity`, `distance`."""
    bounds: Bounds = Bounds()
    unit: str = ""
    """The stored unit: ml, km, s, min, h, mg, or empty."""
    parser: str = ""
    """How text is read when it is not plain `type`: amount, distance, duration, minutes, food, shoe."""
    default_unit: str = ""
    """For durations: what a bare number means (s or min)."""

    @property
    def optional(self) -> bool:
        return self.bounds.nullable

    @property
    def vocabulary(self) -> tuple[str, ...] | None:
        return self.bounds.words

    @property
    def max_length(self) -> int | None:
        return self.bounds.max_length

    @property
    def what(self) -> str:
        return f"{self.label} ({self.unit})" if self.unit in ("ml", "km", "mg") else self.label

    @property
    def span(self) -> str:
        """The range as a help text shows it: `1-10`, `0-24`."""
        b = self.bounds
        return f"{b.low:g}-{b.high:g}" if b.low is not None and b.high is not None else ""

    @property
    def message(self) -> str:
        """The rule in words: `severity must be a whole number between 1 and 10`."""
        b = self.bounds
        if self.type in ("int", "float") and (b.low is not None or b.high is not None):
            kind = "a whole number" if self.type == "int" else "a number"
            return f"{self.what} must be {kind} {b.describe()}"
        if b.words:
            return f"{self.label} must be one of {', '.join(b.words)}"
        if b.max_length:
            return f"{self.label} must be {b.min_length or 0} to {b.max_length} characters"
        return f"{self.label} must be a {self.type}"

    # -- checking typed values -----------------------------------------------------------------

    def check(self, value: Any) -> Any:
        """`value` validated and normalised (text cleaned), or `InvalidInput` naming the field."""
        if value is None:
            if self.bounds.nullable:
                return None
            raise InvalidInput(f"{self.label} is required", self.name)
        return _CHECKERS[self.type](self, value)

    def fast_check(self) -> Callable[[Any], Any]:
        """`check` with a shortcut for the common valid value (entries are built often)."""
        check, b = self.check, self.bounds
        if self.type == "word":
            words = frozenset(b.words or ())
            return lambda v: v if v.__class__ is str and v in words else check(v)
        if self.type in ("int", "id") and b.low is not None and b.high is not None and b.low_inclusive:
            low, high = b.low, b.high
            return lambda v: v if v.__class__ is int and low <= v <= high else check(v)
        if self.type == "bool":
            return lambda v: v if v is True or v is False else check(v)
        if self.type in _CLEAN_TEXT_TYPES:
            low_len, high_len, is_name = b.min_length or 0, b.max_length or 0, self.type == "name"

            def text(v: Any) -> Any:
                if (
                    v.__class__ is str
                    and low_len <= len(v) <= high_len
                    and v.isprintable()
                    and (not v or (not v[0].isspace() and not v[-1].isspace()))
                    and not (is_name and "  " in v)
                ):
                    return v
                return check(v)

            return text
        return check

    def _range(self, value: float) -> None:
        if not self.bounds.contains(value):
            raise InvalidInput(f"{self.what} must be {self.bounds.describe()}, got {value!r}", self.name)


def _check_int(f: Field, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{f.message}, got {value!r}", f.name)
    f._range(value)
    return value


def _check_float(f: Field, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidInput(f"{f.message}, got {value!r}", f.name)
    f._range(value)
    return float(value)


def _check_bool(f: Field, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(f"{f.label} must be yes or no, got {value!r}", f.name)
    return value


def _check_word(f: Field, value: Any) -> str:
    words = f.bounds.words or ()
    if not isinstance(value, str) or value not in words:
        shown = printable(value) if isinstance(value, str) else value
        raise InvalidInput(f"unknown {f.label} {shown!r} (choose from {', '.join(w for w in words if w)})", f.name)
    return value


def _check_words(f: Field, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise InvalidInput(f"{f.label} must be a list of words, got {value!r}", f.name)
    if len(value) < (f.bounds.min_length or 0):
        raise InvalidInput(f"name at least one {f.label}", f.name)
    return tuple(_check_word(f, item) for item in value)


_SURROGATES = Pattern(r"[\ud800-\udfff]")


def utf8(text: str, label: str, field: str) -> str:
    """`text` unless it holds bytes that are not UTF-8 (a command line's or a variable's lone
    surrogates, which no file, journal or cipher can store): then `InvalidInput`, exit 2."""
    if not text.isprintable() and _SURROGATES.search(text):
        raise InvalidInput(f"{label} holds bytes that are not text (not UTF-8); type it again", field)
    return text


def _check_text(f: Field, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{f.label} must be text, got {value!r}", f.name)
    utf8(value, f.label, f.name)
    cleaned = clean_name(value) if f.type == "name" else clean_text(value)
    low, high = f.bounds.min_length or 0, f.bounds.max_length
    if len(cleaned) < low or (high is not None and len(cleaned) > high):
        if low:
            raise InvalidInput(f"{f.label} must be {low} to {high} characters, got {len(cleaned)}", f.name)
        raise InvalidInput(f"{f.label} is longer than {high} characters ({len(cleaned)})", f.name)
    return cleaned


def _check_date(f: Field, value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInput(f"{f.label} must be a date, got {value!r}", f.name)
    if value < MIN_DATE:
        raise InvalidInput(f"{f.label} {value.isoformat()} is before {MIN_DATE} (check the year)", f.name)
    return value


def _check_instant(f: Field, value: Any) -> dt.datetime:
    if not isinstance(value, dt.datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput("time must be a timezone-aware instant", f.name)
    try:
        too_early = value < MIN_AT_UTC or value.date() < MIN_DATE
    except OverflowError:
        too_early = True
    if too_early:
        raise InvalidInput(f"time {value:%Y-%m-%d %H:%M} is before {MIN_DATE} (check the year)", f.name)
    return value


def _check_id(f: Field, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise InvalidInput(f"{f.label} must be a whole number from 1 to {MAX_ID}, got {value!r}", f.name)
    return value


_UID = Pattern(r"[0-9A-Za-z][0-9A-Za-z._:-]*", re.ASCII)


def _check_uid(f: Field, value: Any) -> str:
    if not isinstance(value, str) or not _UID.fullmatch(value) or len(value) > UID_MAX:
        raise InvalidInput(f"uid must be up to {UID_MAX} letters, digits and -, got {value!r}", f.name)
    return value


def _check_zone(f: Field, value: Any) -> str:
    from .zones import is_zone

    if (
        not isinstance(value, str)
        or not 1 <= len(value) <= (f.bounds.max_length or 64)
        or not value.isprintable()
        or not is_zone(value)
    ):
        raise InvalidInput(f"time zone must be an IANA name such as Europe/Berlin, got {value!r}", f.name)
    return value


_CLEAN_TEXT_TYPES = frozenset({"text", "name", "key"})
_CHECKERS: dict[str, Callable[[Field, Any], Any]] = {
    "int": _check_int,
    "float": _check_float,
    "bool": _check_bool,
    "word": _check_word,
    "words": _check_words,
    "text": _check_text,
    "name": _check_text,
    "key": _check_text,
    "date": _check_date,
    "instant": _check_instant,
    "id": _check_id,
    "uid": _check_uid,
    "zone": _check_zone,
}


# -- the declarations -----------------------------------------------------------------------------


def _int(
    name: str,
    label: str,
    low: int,
    high: int,
    *,
    nullable: bool = False,
    unit: str = "",
    parser: str = "",
    default_unit: str = "",
) -> Field:
    return Field(name, "int", label, Bounds(low, high, nullable=nullable), unit, parser, default_unit)


def _float(
    name: str,
    label: str,
    low: float,
    high: float,
    *,
    nullable: bool = False,
    unit: str = "",
    parser: str = "",
    low_inclusive: bool = True,
) -> Field:
    return Field(name, "float", label, Bounds(low, high, low_inclusive=low_inclusive, nullable=nullable), unit, parser)


def _word(name: str, label: str, words: tuple[str, ...], *, nullable: bool = False) -> Field:
    return Field(name, "word", label, Bounds(words=words, nullable=nullable))


def _bool(name: str, label: str, *, nullable: bool = False) -> Field:
    return Field(name, "bool", label, Bounds(nullable=nullable))


def _date(name: str, label: str, *, nullable: bool = False) -> Field:
    return Field(name, "date", label, Bounds(earliest=MIN_DATE, nullable=nullable))


def _text(name: str, label: str) -> Field:
    return Field(name, "text", label, Bounds(max_length=TEXT_MAX))


def _name(name: str, label: str) -> Field:
    return Field(name, "name", label, Bounds(min_length=1, max_length=NAME_MAX))


DURATION_MAX_S = 48 * 3600

COMMON: dict[str, Field] = {
    "at": Field("at", "instant", "time", Bounds(earliest=MIN_DATE)),
    "tz": Field("tz", "zone", "time zone", Bounds(min_length=1, max_length=64)),
    "id": Field("id", "id", "ID", Bounds(1, MAX_ID, nullable=True)),
    "note": _text("note", "note"),
    "uid": Field("uid", "uid", "uid", Bounds(min_length=1, max_length=UID_MAX, nullable=True)),
}
"""Fields every entry has (the `entry` table)."""

FIELDS: dict[str, dict[str, Field]] = {
    kind: {f.name: f for f in fields}
    for kind, fields in {
        "cramp": (
            _word("muscle", "muscle", vocab.MUSCLES),
            _int("severity", "severity", 1, 10),
            _word("side", "side", vocab.SIDES),
            _word("context", "context", vocab.CONTEXTS),
            _int(
                "duration_s",
                "duration",
                1,
                DURATION_MAX_S,
                nullable=True,
                unit="s",
                parser="duration",
                default_unit="s",
            ),
            _text("relief", "relief"),
            _word("swelling", "swelling", vocab.SWELLING),
            _bool("tingling", "tingling"),
            _bool("persistent_pain", "persistent pain"),
        ),
        "drink": (
            _int("amount_ml", "amount", 1, 5000, unit="ml", parser="amount"),
            _word("drink_kind", "drink kind", vocab.DRINK_KINDS),
        ),
        "stretch": (
            _int("minutes", "stretching minutes", 1, 600, unit="min", parser="minutes"),
            Field("muscles", "words", "muscle", Bounds(min_length=1, words=vocab.STRETCH_MUSCLES)),
            _word("style", "style", vocab.STRETCH_STYLES),
            _bool("cramped", "cramped"),
        ),
        "run": (
            _float("distance_km", "distance", 0, 400, low_inclusive=False, nullable=True, unit="km", parser="distance"),
            _int(
                "duration_s",
                "duration",
                1,
                DURATION_MAX_S,
                nullable=True,
                unit="s",
                parser="duration",
                default_unit="min",
            ),
            _int("effort", "effort", 0, 10, nullable=True),
            Field("shoe_id", "id", "shoe", Bounds(1, MAX_ID, nullable=True), parser="shoe"),
            _word("surface", "surface", vocab.SURFACES, nullable=True),
            _word("workout", "workout kind", vocab.WORKOUT_KINDS),
            _int("comfort", "shoe comfort", 1, 5, nullable=True),
        ),
        "shoe": (
            _name("name", "shoe name"),
            _date("first_used", "first used"),
            _date("retired", "retired", nullable=True),
            _float("start_km", "starting distance", 0, 5000, unit="km", parser="distance"),
            _float("life_km", "shoe life", 0, 5000, low_inclusive=False, nullable=True, unit="km", parser="distance"),
        ),
        "food": (
            Field("food", "key", "food", Bounds(max_length=40), parser="food"),
            _float("servings", "servings", 0.1, 50),
            _float("magnesium_mg", "magnesium", 0, 5000, nullable=True, unit="mg"),
            _float("potassium_mg", "potassium", 0, 20000, nullable=True, unit="mg"),
            _text("text", "food text"),
        ),
        "diet": (
            _date("day", "date"),
            _word("pattern", "diet pattern", vocab.DIET_PATTERNS),
            _bool("b12", "b12", nullable=True),
        ),
        "med": (
            _name("name", "medicine name"),
            _date("start", "start"),
            _word("med_class", "medicine class", vocab.MED_CLASSES),
            _date("stop", "stop", nullable=True),
            _text("dose", "dose"),
        ),
        "injury": (
            _date("day", "date"),
            _word("site", "injury site", vocab.INJURY_SITES),
            _int("severity", "severity", 0, 10),
            _date("resolved", "resolved", nullable=True),
        ),
        "symptom": (
            _word("symptom", "symptom", vocab.SYMPTOMS),
            _word("side", "side", vocab.SIDES, nullable=True),
        ),
        "checkin": (
            _date("day", "date"),
            _bool("no_cramps", "no cramps"),
            _bool("hot_day", "hot day", nullable=True),
            _float("sleep_hours", "sleep hours", 0, 24, nullable=True, unit="h"),
            _int("soreness", "soreness", 0, 10, nullable=True),
        ),
    }.items()
}
"""Every kind's own fields, by kind and field name."""


@record
class NotBefore:
    """A rule across two date fields: `later`, when set, is on or after `earlier`."""

    later: str
    earlier: str
    message: str

    def check(self, values: Callable[[str], Any]) -> None:
        """`InvalidInput` naming the later field when `later` is before `earlier`."""
        later, earlier = values(self.later), values(self.earlier)
        if later is not None and later < earlier:
            raise InvalidInput(self.message, self.later)


ORDERS: dict[str, tuple[NotBefore, ...]] = {
    "shoe": (NotBefore("retired", "first_used", "a shoe cannot be retired before it was first used"),),
    "med": (NotBefore("stop", "start", "a medicine cannot stop before it started"),),
    "injury": (NotBefore("resolved", "day", "an injury cannot resolve before it happened"),),
}
"""The rules across fields that storage holds too (a CHECK each): the entries check them with
`check_orders`, storage builds its constraints from them (an experiment's own: `experiment.STOPS`)."""

VOCABULARIES: dict[str, tuple[str, ...]] = {
    f.name: f.bounds.words for fields in FIELDS.values() for f in fields.values() if f.type == "word" and f.bounds.words
}
"""Field name -> the words it takes, from the declarations (a name means one vocabulary in every
kind): what a mapped CSV's column and the export schema's enums are read against."""


def check_orders(kind: str, values: Callable[[str], Any]) -> None:
    """`InvalidInput` naming the later field when one of `kind`'s orders is broken."""
    for rule in ORDERS.get(kind, ()):
        rule.check(values)


def declaration(kind: str, name: str) -> Field:
    """The declaration of field `name` of `kind` (common fields included)."""
    found = FIELDS[kind].get(name) or COMMON.get(name)
    if found is None:
        raise InvalidInput(f"{kind} entries have no field {name!r}", name)
    return found


_CHECKS_BY_KIND: dict[str, tuple[tuple[str, Callable[[Any], Any]], ...]] = {}


def checks(kind: str) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """(field, check) for every field of `kind`, common fields first (built once per kind)."""
    found = _CHECKS_BY_KIND.get(kind)
    if found is None:
        found = _CHECKS_BY_KIND[kind] = tuple(
            (f.name, f.fast_check()) for f in (*COMMON.values(), *FIELDS.get(kind, {}).values())
        )
    return found


CHECKS: dict[str, dict[str, Bounds]] = {
    "entry": {name: f.bounds for name, f in COMMON.items() if name != "id"},
    **{kind: {name: f.bounds for name, f in fields.items()} for kind, fields in FIELDS.items()},
}
"""What storage may hold, by kind (`entry` for the common fields) and field: storage builds its
CHECK constraints from these figures. Instants are stored in UTC: `at` must be at or after
`MIN_AT_UTC`. Shoe names are also unique ignoring case (see `domain.shoes.name_key`)."""
