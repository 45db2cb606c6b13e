"""Provides the entry kinds of the journal as frozen dataclasses that validate themselves.

Every entry has an instant `at` (aware) and the zone `tz` it was logged in. Kinds that carry
only a date (check-in, injury, diet change, medicine, shoe) anchor `at` at local noon of that
date, so they sort and fall into the right diary day under any boundary before noon.
Validation here is mirrored by CHECK constraints in storage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import InvalidInput
from . import vocab
from .clock import local_noon

MAX_NOTE = 2000


def _check_range(value: float | None, low: float, high: float, field: str, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not low <= value <= high:
        raise InvalidInput(f"{what} must be between {low:g} and {high:g}, got {value!r}", field)


def _check_word(value: str, allowed: tuple[str, ...], field: str, what: str) -> None:
    if value not in allowed:
        raise InvalidInput(f"unknown {what} {value!r} (choose from {', '.join(allowed)})", field)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """Fields every entry has. Subclasses add theirs and a `_check` of their own."""

    kind: ClassVar[str] = "entry"
    date_field: ClassVar[str | None] = None
    """Name of the date field that anchors `at`, for kinds that carry only a date."""

    at: dt.datetime = None  # type: ignore[assignment]
    tz: str = "UTC"
    id: int | None = None
    note: str = ""
    uid: str | None = None
    """Stable identity (a UUID the journal assigns) that survives export and import."""

    def __post_init__(self) -> None:
        if self.date_field is not None:
            object.__setattr__(self, "at", local_noon(getattr(self, self.date_field), self.tz))
        if not isinstance(self.at, dt.datetime) or self.at.tzinfo is None:
            raise InvalidInput("time must be a timezone-aware instant", "at")
        if len(self.note) > MAX_NOTE:
            raise InvalidInput(f"note is longer than {MAX_NOTE} characters", "note")
        self._check()

    def _check(self) -> None:
        """Kind-specific validation; raise `InvalidInput` naming the field."""

    def replace(self, **changes: Any) -> Entry:
        """A validated copy with `changes` applied (unknown fields are refused)."""
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise InvalidInput(f"{self.kind} entries have no field {unknown[0]!r}", unknown[0])
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cramp(Entry):
    kind: ClassVar[str] = "cramp"
    muscle: str
    severity: int
    side: str = "both"
    context: str = "other"
    duration_s: int | None = None
    relief: str = ""
    swelling: str = "none"
    tingling: bool = False
    persistent_pain: bool = False
    """Pain that persisted after the cramp eased (a DVT warning sign with swelling or warmth)."""

    def _check(self) -> None:
        _check_word(self.muscle, vocab.MUSCLES, "muscle", "muscle")
        _check_word(self.side, vocab.SIDES, "side", "side")
        _check_word(self.context, vocab.CONTEXTS, "context", "context")
        _check_word(self.swelling, vocab.SWELLING, "swelling", "swelling")
        if not isinstance(self.severity, int):
            raise InvalidInput(f"severity must be a whole number from 1 to 10, got {self.severity!r}", "severity")
        _check_range(self.severity, 1, 10, "severity", "severity")
        _check_range(self.duration_s, 1, 48 * 3600, "duration_s", "duration (seconds)")


@dataclass(frozen=True, slots=True, kw_only=True)
class Drink(Entry):
    kind: ClassVar[str] = "drink"
    amount_ml: int
    drink_kind: str = "water"

    def _check(self) -> None:
        _check_range(self.amount_ml, 1, 5000, "amount_ml", "amount (ml)")
        _check_word(self.drink_kind, vocab.DRINK_KINDS, "drink_kind", "drink kind")


@dataclass(frozen=True, slots=True, kw_only=True)
class Stretch(Entry):
    kind: ClassVar[str] = "stretch"
    minutes: int
    muscles: tuple[str, ...] = ("calf",)
    style: str = "static"
    cramped: bool = False
    """A cramp happened during this session: it is then never counted as that cramp's exposure."""

    def _check(self) -> None:
        _check_range(self.minutes, 1, 600, "minutes", "stretching minutes")
        if not self.muscles:
            raise InvalidInput("name at least one muscle stretched", "muscles")
        for muscle in self.muscles:
            _check_word(muscle, vocab.STRETCH_MUSCLES, "muscles", "muscle")
        _check_word(self.style, vocab.STRETCH_STYLES, "style", "style")


@dataclass(frozen=True, slots=True, kw_only=True)
class Run(Entry):
    kind: ClassVar[str] = "run"
    distance_km: float
    duration_s: int | None = None
    effort: int | None = None
    """Session RPE 0-10, rated about 30 minutes after (Foster 2001)."""
    shoe_id: int | None = None
    surface: str | None = None
    workout: str = "run"
    comfort: int | None = None
    """Shoe comfort 1-5."""

    def _check(self) -> None:
        _check_range(self.distance_km, 0, 400, "distance_km", "distance (km)")
        _check_range(self.duration_s, 1, 48 * 3600, "duration_s", "duration (seconds)")
        _check_range(self.effort, 0, 10, "effort", "effort")
        _check_range(self.comfort, 1, 5, "comfort", "shoe comfort")
        _check_word(self.workout, vocab.WORKOUT_KINDS, "workout", "workout kind")
        if self.surface is not None:
            _check_word(self.surface, vocab.SURFACES, "surface", "surface")

@dataclass(frozen=True, slots=True, kw_only=True)
class Shoe(Entry):
    kind: ClassVar[str] = "shoe"
    date_field: ClassVar[str | None] = "first_used"
    name: str
    first_used: dt.date
    retired: dt.date | None = None
    start_km: float = 0.0
    life_km: float | None = None
    """This shoe's own life; None means the setting (default 640 km)."""

    def _check(self) -> None:
        if not self.name.strip() or len(self.name) > 80:
            raise InvalidInput("shoe name must be 1 to 80 characters", "name")
        _check_range(self.start_km, 0, 10000, "start_km", "starting distance (km)")
        _check_range(self.life_km, 1, 10000, "life_km", "shoe life (km)")
        if self.retired is not None and self.retired < self.first_used:
            raise InvalidInput("a shoe cannot be retired before it was first used", "retired")


@dataclass(frozen=True, slots=True, kw_only=True)
class Food(Entry):
    kind: ClassVar[str] = "food"
    food: str = ""
    """Key in the built-in food table, or empty for free text."""
    servings: float = 1.0
    magnesium_mg: float = 0.0
    potassium_mg: float = 0.0
    text: str = ""

    def _check(self) -> None:
        _check_range(self.servings, 0.1, 50, "servings", "servings")
        _check_range(self.magnesium_mg, 0, 5000, "magnesium_mg", "magnesium (mg)")
        _check_range(self.potassium_mg, 0, 20000, "potassium_mg", "potassium (mg)")
        if not self.food and not self.text.strip():
            raise InvalidInput("name a food from the table or describe it", "food")


@dataclass(frozen=True, slots=True, kw_only=True)
class Diet(Entry):
    kind: ClassVar[str] = "diet"
    date_field: ClassVar[str | None] = "day"
    day: dt.date
    pattern: str
    b12: bool | None = None
    """Whether a B12 supplement is taken (the real risk of an unsupplemented vegan diet)."""

    def _check(self) -> None:
        _check_word(self.pattern, vocab.DIET_PATTERNS, "pattern", "diet pattern")


@dataclass(frozen=True, slots=True, kw_only=True)
class Medicine(Entry):
    kind: ClassVar[str] = "med"
    date_field: ClassVar[str | None] = "start"
    name: str
    start: dt.date
    med_class: str = "other"
    stop: dt.date | None = None
    dose: str = ""

    def _check(self) -> None:
        if not self.name.strip() or len(self.name) > 80:
            raise InvalidInput("medicine name must be 1 to 80 characters", "name")
        _check_word(self.med_class, vocab.MED_CLASSES, "med_class", "medicine class")
        if self.stop is not None and self.stop < self.start:
            raise InvalidInput("a medicine cannot stop before it started", "stop")


@dataclass(frozen=True, slots=True, kw_only=True)
class Injury(Entry):
    kind: ClassVar[str] = "injury"
    date_field: ClassVar[str | None] = "day"
    day: dt.date
    site: str
    severity: int = 5
    resolved: dt.date | None = None

    def _check(self) -> None:
        _check_word(self.site, vocab.INJURY_SITES, "site", "injury site")
        _check_range(self.severity, 0, 10, "severity", "severity")
        if self.resolved is not None and self.resolved < self.day:
            raise InvalidInput("an injury cannot resolve before it happened", "resolved")


@dataclass(frozen=True, slots=True, kw_only=True)
class Symptom(Entry):
    kind: ClassVar[str] = "symptom"
    symptom: str
    side: str | None = None

    def _check(self) -> None:
        _check_word(self.symptom, vocab.SYMPTOMS, "symptom", "symptom")
        if self.side is not None:
            _check_word(self.side, vocab.SIDES, "side", "side")


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckIn(Entry):
    kind: ClassVar[str] = "checkin"
    date_field: ClassVar[str | None] = "day"
    day: dt.date
    no_cramps: bool = False
    """Explicit "no cramps today": separates *no cramp* from *not logged*."""
    hot_day: bool | None = None
    sleep_hours: float | None = None
    soreness: int | None = None
    """Delayed-onset muscle soreness 0-10 (a muscle-damage proxy at >= 5)."""

    def _check(self) -> None:
        _check_range(self.sleep_hours, 0, 24, "sleep_hours", "sleep hours")
        _check_range(self.soreness, 0, 10, "soreness", "soreness")


KINDS: dict[str, type[Entry]] = {
    cls.kind: cls for cls in (Cramp, Drink, Stretch, Run, Shoe, Food, Diet, Medicine, Injury, Symptom, CheckIn)
}
"""Every entry kind by its stored name, in the order product.md lists them."""


def field_names(kind: str) -> list[str]:
    """The data fields of a kind, without the common `at`, `tz`, `id` and `note`."""
    common = {"at", "tz", "id", "note", "uid"}
    return [f.name for f in dataclasses.fields(KINDS[kind]) if f.name not in common]


def to_dict(entry: Entry) -> dict[str, Any]:
    """JSON-ready dict: `id`, `kind`, `at` (ISO 8601 with offset), `tz`, the fields, `note`."""
    out: dict[str, Any] = {"id": entry.id, "kind": entry.kind}
    for f in dataclasses.fields(entry):
        if f.name == "id":
            continue
        value = getattr(entry, f.name)
        if isinstance(value, dt.datetime):
            value = value.isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def from_dict(data: dict[str, Any]) -> Entry:
    """Inverse of `to_dict`; validates, so a malformed record raises `InvalidInput`."""
    try:
        cls = KINDS[data["kind"]]
    except KeyError:
        raise InvalidInput(f"unknown entry kind {data.get('kind')!r}", "kind") from None
    values: dict[str, Any] = {}
    types = {f.name: f.type for f in dataclasses.fields(cls)}
    for name, value in data.items():
        if name == "kind" or name not in types:
            continue
        if value is not None and name == "at":
            value = dt.datetime.fromisoformat(value)
        elif value is not None and "dt.date" in str(types[name]) and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    if cls.date_field is not None:
        values.pop("at", None)
    try:
        return cls(**values)
    except TypeError as exc:
        raise InvalidInput(f"malformed {cls.kind} record: {exc}") from None
