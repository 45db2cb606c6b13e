"""Provides one-line, human descriptions of entries (CLI output, history table, report).

Every piece of stored text goes through `printable`, so an old journal holding escape
sequences or control characters can never drive the terminal it is listed on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .entries import (
    CheckIn,
    Cramp,
    Diet,
    Drink,
    Entry,
    Food,
    Injury,
    Medicine,
    Run,
    Shoe,
    Stretch,
    Symptom,
    entry_day,
)
from .fields import printable
from .quantities import format_distance, format_duration, format_volume
from .record import record
from .vocab import label
from .zones import zone


def checkin_word(checkin: CheckIn) -> str:
    """What a check-in says of its day's cramps: `no cramps`, or `checked in` when its "no
    cramps" is off (a sleep or hot-day check-in: without a cramp the day still counts as one
    without, as the analysis counts every checked-in day; docs/analysis.md)."""
    return "no cramps" if checkin.no_cramps else "checked in"


def describe(entry: Entry, units: str = "metric", shoes: Mapping[int, str] | None = None, *, dated: bool = True) -> str:
    """What the entry says, without its time: `calf (left), severity 7, stretching`.

    `shoes` maps shoe IDs to names, so a run names its shoe (`shoe 'Pegasus 40'`) rather than
    its ID. `dated=False` leaves out a check-in's own day, for lists that show the day beside it.
    """
    text = _describe(entry, units, shoes or {}, dated)
    return printable(f"{text}; {entry.note}" if entry.note else text)


@record
class Moment:
    """When an entry happened, as the clock read it where it was logged, and the diary day it
    counts for. They differ for a night entry before the day boundary: a cramp at 03:10 on
    Thursday counts for Wednesday's diary, but it happened on Thursday, and every list, table and
    report says so (a medicine started "on Wednesday" after it must not read as before it)."""

    local: dt.datetime | None
    """The true local date and time, in the entry's own zone; None for a date-only kind."""
    day: dt.date
    """The diary day (a date-only kind's own date)."""

    @property
    def date(self) -> dt.date:
        """The true calendar date: what happened on which day."""
        return self.local.date() if self.local is not None else self.day

    @property
    def shifted(self) -> bool:
        return self.local is not None and self.local.date() != self.day

    def note(self, fmt: str = "%a %d %b") -> str:
        """`(diary day Wed 02 Dec)` where the diary day differs from the date, else ""."""
        return f"(diary day {self.day:{fmt}})" if self.shifted else ""

    def text(self, fmt: str = "%a %d %b %Y", note_fmt: str = "%a %d %b") -> str:
        """`Thu 03 Dec 2026 03:10 (diary day Wed 02 Dec)`; a date-only kind: `Wed 02 Dec 2026`."""
        if self.local is None:
            return f"{self.day:{fmt}}"
        note = self.note(note_fmt)
        return f"{self.local:{fmt} %H:%M}" + (f" {note}" if note else "")


def moment(entry: Entry, boundary: dt.time) -> Moment:
    """The one rule for showing when an entry happened (report, dashboard, History, `list`)."""
    day = entry_day(entry, boundary)
    if entry.date_field is not None:
        return Moment(None, day)
    return Moment(entry.at.astimezone(zone(entry.tz)), day)


def cramp_signs(cramp: Cramp) -> list[str]:
    """The warning signs logged with a cramp (swelling, tingling, pain that stayed)."""
    signs = []
    if cramp.swelling != "none":
        signs.append(f"swelling ({label(cramp.swelling)})")
    if cramp.tingling:
        signs.append("tingling or numbness")
    if cramp.persistent_pain:
        signs.append("pain that persisted afterwards")
    return signs


def _describe(entry: Entry, units: str, shoes: Mapping[int, str], dated: bool) -> str:
    if isinstance(entry, Cramp):
        parts = [f"{label(entry.muscle)} ({entry.side})", f"severity {entry.severity}", label(entry.context)]
        if entry.duration_s:
            parts.append(f"lasted {format_duration(entry.duration_s)}")
        parts += cramp_signs(entry)
        if entry.relief:
            parts.append(f"relieved by {entry.relief}")
        return ", ".join(parts)
    if isinstance(entry, Drink):
        return f"{format_volume(entry.amount_ml, units)} {label(entry.drink_kind)}"
    if isinstance(entry, Stretch):
        text = f"{entry.minutes} min {entry.style} stretching ({', '.join(entry.muscles)})"
        return text + (", cramped during it" if entry.cramped else "")
    if isinstance(entry, Run):
        parts = [
            label(entry.workout)
            if entry.distance_km is None
            else f"{label(entry.workout)} {format_distance(entry.distance_km, units)}"
        ]
        if entry.duration_s:
            parts.append(f"in {format_duration(entry.duration_s)}")
        if entry.effort is not None:
            parts.append(f"effort {entry.effort}")
        if entry.shoe_id is not None:
            name = shoes.get(entry.shoe_id)
            parts.append(f"shoe {name!r}" if name is not None else f"shoe #{entry.shoe_id}")
        if entry.surface:
            parts.append(entry.surface)
        return ", ".join(parts)
    if isinstance(entry, Shoe):
        text = f"shoe {entry.name!r} from {entry.first_used}"
        if entry.start_km:
            text += f", started at {format_distance(entry.start_km, units)}"
        return text + (f", retired {entry.retired}" if entry.retired else "")
    if isinstance(entry, Food):
        name = label(entry.food) if entry.food else entry.text
        extra = f" ({entry.text})" if entry.food and entry.text else ""
        if entry.magnesium_mg is None and entry.potassium_mg is None:
            return f"{entry.servings:g} x {name}{extra}: amounts not known"
        mg, k = (f"{x:.0f} mg" if x is not None else "not known" for x in (entry.magnesium_mg, entry.potassium_mg))
        return f"{entry.servings:g} x {name}{extra}: Mg {mg}, K {k}"
    if isinstance(entry, Diet):
        b12 = {True: ", takes B12", False: ", no B12 supplement", None: ""}[entry.b12]
        return f"diet changed to {label(entry.pattern)} on {entry.day}{b12}"
    if isinstance(entry, Medicine):
        text = f"{entry.name} ({label(entry.med_class)}) from {entry.start}"
        text += f" to {entry.stop}" if entry.stop else ""
        return text + (f", {entry.dose}" if entry.dose else "")
    if isinstance(entry, Injury):
        text = f"{entry.site} injury on {entry.day}, severity {entry.severity}"
        return text + (f", resolved {entry.resolved}" if entry.resolved else "")
    if isinstance(entry, Symptom):
        return label(entry.symptom) + (f" ({entry.side})" if entry.side else "")
    if isinstance(entry, CheckIn):
        parts = [f"check-in for {entry.day}"] if dated else []
        if entry.no_cramps:
            parts.append("no cramps")
        if entry.hot_day:
            parts.append("hot day")
        if entry.sleep_hours is not None:
            parts.append(f"slept {entry.sleep_hours:g} h")
        if entry.soreness is not None:
            parts.append(f"soreness {entry.soreness}")
        return ", ".join(parts) or checkin_word(entry)  # what an empty check-in said of cramps
    return entry.kind
