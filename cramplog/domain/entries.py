"""Provides the entry kinds of the journal as frozen dataclasses that validate themselves.

Every entry has an instant `at` (aware) and the zone `tz` it was logged in. Kinds that carry
only a date (check-in, injury, diet change, medicine, shoe) anchor `at` at local noon of that
date, so they sort and fall into the right diary day under any boundary before noon.
Each field is checked (and its text cleaned) by its declaration in `fields.py`, which storage's
CHECK constraints are built from too, with the date orders across fields (`fields.ORDERS`); a
kind's `_check` adds only the rules across fields that storage does not hold.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, ClassVar

from ..errors import InvalidInput
from . import fields as F
from .clock import diary_day, local_noon
from .days import DEFAULT_DAY_BOUNDARY
from .quantities import format_duration
from .record import record

MAX_NOTE = F.TEXT_MAX


@record(kw_only=True)
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
    """A stable identity (a UUID) given when the entry is first stored; export and import keep it."""

    def __post_init__(self) -> None:
        if self.date_field is not None:
            day = F.FIELDS[self.kind][self.date_field].check(getattr(self, self.date_field))
            object.__setattr__(self, "at", local_noon(day, self.tz if isinstance(self.tz, str) else "UTC"))
        for name, check in F.checks(self.kind):
            value = getattr(self, name)
            checked = check(value)
            if checked is not value:
                object.__setattr__(self, name, checked)
        F.check_orders(self.kind, self.__getattribute__)
        self._check()

    def _check(self) -> None:
        """Rules across fields; raise `InvalidInput` naming the field."""

    def replace(self, **changes: Any) -> Entry:
        """A validated copy with `changes` applied (unknown fields are refused)."""
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise InvalidInput(f"{self.kind} entries have no field {unknown[0]!r}", unknown[0])
        return dataclasses.replace(self, **changes)


@record(kw_only=True)
class Cramp(Entry):
    """A cramp: the muscle, how bad (1-10), when in the day, and what came with it."""

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


@record(kw_only=True)
class Drink(Entry):
    """A drink: how much and of what kind."""

    kind: ClassVar[str] = "drink"
    amount_ml: int
    drink_kind: str = "water"


@record(kw_only=True)
class Stretch(Entry):
    """A stretching session, in minutes."""

    kind: ClassVar[str] = "stretch"
    minutes: int
    muscles: tuple[str, ...] = ("calf",)
    style: str = "static"
    cramped: bool = False
    """A cramp happened during this session: it is then never counted as that cramp's exposure."""


FASTEST_S_PER_KM = 100
"""Faster than 1:40 per km (36 km/h, quicker than the 100 m world record's average speed) is
nobody's run: a distance or time typed or recorded wrong."""


class ImpossiblePace(InvalidInput):
    """A run's distance and time give a pace no one runs."""


@record(kw_only=True)
class Run(Entry):
    """A run (or another workout): distance, time, effort and the shoe worn."""

    kind: ClassVar[str] = "run"
    distance_km: float | None = None
    """More than 0 for a run; a workout without a distance (jump rope, aerobics) leaves it out."""
    duration_s: int | None = None
    effort: int | None = None
    """Session RPE 0-10, rated about 30 minutes after (Foster 2001)."""
    shoe_id: int | None = None
    surface: str | None = None
    workout: str = "run"
    comfort: int | None = None
    """Shoe comfort 1-5."""

    def _check(self) -> None:
        if self.workout == "run" and self.distance_km is None:
            raise InvalidInput("a run needs a distance (e.g. 5.2, 3.1mi, 5000m)", "distance_km")
        if self.distance_km and self.duration_s and self.duration_s < self.distance_km * FASTEST_S_PER_KM:
            pace = format_duration(round(self.duration_s / self.distance_km))
            raise ImpossiblePace(
                f"{self.distance_km:g} km in {format_duration(self.duration_s)} is {pace} per km, "
                "faster than anyone runs: check the distance and the time",
                "duration_s",
            )


@record(kw_only=True)
class Shoe(Entry):
    """A pair of running shoes, from its first run to its retirement."""

    kind: ClassVar[str] = "shoe"
    date_field: ClassVar[str | None] = "first_used"
    name: str
    first_used: dt.date
    retired: dt.date | None = None
    start_km: float = 0.0
    life_km: float | None = None
    """This shoe's own life; None means the setting (default 640 km)."""

    def _check(self) -> None:
        from .fields import is_id_text

        if is_id_text(self.name):  # `--shoe 12` means shoe #12: such a name could never be reached
            raise InvalidInput(
                f"a shoe name can't be a number like an ID ({self.name}); add a word, "
                f"e.g. 'Pegasus {self.name.lstrip('#')}'",
                "name",
            )


@record(kw_only=True)
class Food(Entry):
    """Something eaten: from the food table (with its minerals) or free text."""

    kind: ClassVar[str] = "food"
    food: str = ""
    """Key in the built-in food table, or empty for free text."""
    servings: float = 1.0
    magnesium_mg: float | None = None
    """None: not known (free text without amounts), never read as 0 mg."""
    potassium_mg: float | None = None
    text: str = ""

    def _check(self) -> None:
        if not self.food and not self.text:
            raise InvalidInput("name a food from the table or describe it", "food")


@record(kw_only=True)
class Diet(Entry):
    """A change of diet from a day on (vegan, vegetarian, low-carb, ...)."""

    kind: ClassVar[str] = "diet"
    date_field: ClassVar[str | None] = "day"
    day: dt.date
    pattern: str
    b12: bool | None = None
    """Whether a B12 supplement is taken (the real risk of an unsupplemented vegan diet)."""


@record(kw_only=True)
class Medicine(Entry):
    """A medicine or supplement taken from a day on (and until when)."""

    kind: ClassVar[str] = "med"
    date_field: ClassVar[str | None] = "start"
    name: str
    start: dt.date
    med_class: str = "other"
    stop: dt.date | None = None
    dose: str = ""


@record(kw_only=True)
class Injury(Entry):
    """An injury from a day on: where, how bad, and when it resolved."""

    kind: ClassVar[str] = "injury"
    date_field: ClassVar[str | None] = "day"
    day: dt.date
    site: str
    severity: int = 5
    resolved: dt.date | None = None


@record(kw_only=True)
class Symptom(Entry):
    """A symptom beside the cramps (tingling, swelling, ...): what most red flags read."""

    kind: ClassVar[str] = "symptom"
    symptom: str
    side: str | None = None


@record(kw_only=True)
class CheckIn(Entry):
    """A day's check-in: "no cramps", a hot day, the night's sleep, how sore."""

    kind: ClassVar[str] = "checkin"
    date_field: ClassVar[str | None] = "day"
    day: dt.date
    no_cramps: bool = False
    """Explicit "no cramps today": separates *no cramp* from *not logged*."""
    hot_day: bool | None = None
    sleep_hours: float | None = None
    soreness: int | None = None
    """Delayed-onset muscle soreness 0-10 (a muscle-damage proxy at >= 5)."""

    def stated(self) -> dict[str, Any]:
        """What this check-in adds to its day's check-in when merged into it: what it sets and
        ticks. A blank or an unticked box (a form's "hot day" left unticked) says nothing, so the
        day's own value stays; clearing one is an edit of that check-in."""
        return {
            f.name: value
            for f in dataclasses.fields(self)
            if f.name not in _IDENTITY
            and (value := getattr(self, f.name)) is not None
            and value is not False
            and value != ""
        }


_IDENTITY = frozenset({"at", "tz", "id", "uid", "day"})
"""Fields that place a check-in rather than say something of its day."""


def entry_day(entry: Entry, boundary: dt.time = DEFAULT_DAY_BOUNDARY) -> dt.date:
    """The diary day an entry counts for, in the zone it was logged in; a date-only kind's own date.

    The one rule History, the dashboard, the check-in merge, the red flags and the report file
    an entry by (the analysis applies it to whole tables at once, `analysis.tables`).
    """
    if entry.date_field is not None:
        return getattr(entry, entry.date_field)  # type: ignore[no-any-return]
    return diary_day(entry.at, entry.tz, boundary)


KINDS: dict[str, type[Entry]] = {
    cls.kind: cls for cls in (Cramp, Drink, Stretch, Run, Shoe, Food, Diet, Medicine, Injury, Symptom, CheckIn)
}
"""Every entry kind by its stored name, in the order product.md lists them."""


def field_names(kind: str) -> list[str]:
    """The fields of a kind after the common `at`, `tz`, `id` and `note` (`uid` first)."""
    common = {"at", "tz", "id", "note"}
    return [f.name for f in dataclasses.fields(KINDS[kind]) if f.name not in common]


def instant_text(at: dt.datetime) -> str:
    """An instant as RFC 3339 text (what `format: date-time` means): with its local offset, or
    in UTC when that offset has seconds (Amsterdam before 1937, +01:19:32), which RFC 3339 can't
    write; the instant is the same and `tz` still names the zone."""
    offset = at.utcoffset()
    if offset is not None and offset % dt.timedelta(minutes=1):
        at = at.astimezone(dt.timezone.utc)
    return at.isoformat()


def to_dict(entry: Entry) -> dict[str, Any]:
    """JSON-ready dict: `id`, `kind`, `at` (ISO 8601 with offset), `tz`, `note`, `uid`, the fields."""
    out: dict[str, Any] = {"id": entry.id, "kind": entry.kind}
    for f in dataclasses.fields(entry):
        if f.name == "id":
            continue
        value = getattr(entry, f.name)
        if isinstance(value, dt.datetime):
            value = instant_text(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


_TYPES: dict[str, dict[str, str]] = {
    kind: {f.name: str(f.type) for f in dataclasses.fields(cls)} for kind, cls in KINDS.items()
}


def from_dict(data: dict[str, Any], *, now: dt.datetime | None = None) -> Entry:
    """Inverse of `to_dict`; validates, so a malformed record raises `InvalidInput`.

    With `now`, a time or date after it is refused (an import from the future).
    """
    if not isinstance(data, dict):
        raise InvalidInput("an entry must be an object")
    kind = data.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise InvalidInput(f"unknown entry kind {kind!r}", "kind")
    values: dict[str, Any] = {}
    types = _TYPES[cls.kind]
    for name, value in data.items():
        if name == "kind" or name not in types:
            continue
        if isinstance(value, str) and name == "at":
            value = _instant(value)
        elif isinstance(value, str) and "dt.date" in types[name]:
            value = _date(value, name)
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    if cls.date_field is not None:
        values.pop("at", None)
    try:
        entry = cls(**values)
    except TypeError as exc:
        missing = str(exc).split("argument: ")[-1] if "required" in str(exc) else str(exc)
        raise InvalidInput(f"malformed {cls.kind} record: missing {missing}") from None
    if now is not None:
        latest = now.astimezone(entry.at.tzinfo).date() if entry.date_field else None
        day = getattr(entry, entry.date_field) if entry.date_field else None
        if (day is not None and latest is not None and day > latest) or (
            entry.date_field is None and entry.at > now + dt.timedelta(seconds=59)
        ):
            raise InvalidInput(f"{entry.kind} entry is in the future ({entry.at:%Y-%m-%d %H:%M})", "at")
    return entry


def _instant(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        raise InvalidInput(f"cannot read time {F.printable(text)[:40]!r} (ISO 8601 with offset)", "at") from None


def _date(text: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"cannot read {name} {F.printable(text)[:40]!r} (YYYY-MM-DD)", name) from None
