"""Provides the words the app says a setting in: its label, what it means (its declaration's `doc`
and `hint` in `domain/settings.py`), the values it takes in the user's units, its value as a
field shows it, and the reading of what was typed back.

The Settings screen and the first-run questions both say settings in these words; no Textual
here, so the first run's dialog does not load the Settings screen to ask its questions.
"""

from __future__ import annotations

import dataclasses
import math

from ..domain import units as U
from ..domain.days import LATEST_BOUNDARY
from ..domain.fields import printable
from ..domain.settings import Settings, stored_unit
from ..errors import InvalidInput

LABELS = {
    "targets.beverage_ml": "Drinks a day",
    "targets.magnesium_mg": "Magnesium a day",
    "targets.potassium_mg": "Potassium a day",
    "targets.sex": "Targets based on",
    "display.units": "Units",
    "display.theme": "Theme",
    "display.week_start": "Weeks start on",
    "journal.day_boundary": "New day starts at",
    "journal.timezone": "Time zone",
    "shoes.life_km": "Shoe life",
}
"""Each setting the app shows, by the label it shows it under."""

_FIELDS = {f"{f.metadata['section']}.{f.name}": f for f in dataclasses.fields(Settings)}
QUANTITIES = {key: kind for key in _FIELDS if (kind := {"ml": "volume", "km": "distance"}.get(stored_unit(key)))}
"""Settings stored in ml or km (their names say which: `settings.stored_unit`), shown in the user's units."""


def choices(key: str) -> tuple[str, ...]:
    """The values a setting is picked from: its declared choices, every zone name for the time
    zone (read from disk, so only when a field offers them), else none."""
    if key == "journal.timezone":
        from zoneinfo import available_timezones

        return tuple(sorted(available_timezones()))
    return tuple(_FIELDS[key].metadata["choices"] or ())


def unit_of(key: str, units: str) -> str:
    """The unit a setting is shown and typed in: `ml`/`fl oz`, `km`/`mi`, `mg`, or none."""
    kind = QUANTITIES.get(key)
    if kind == "volume":
        return U.volume_unit(units)
    if kind == "distance":
        return U.distance_unit(units)
    return stored_unit(key)


def _to_user(key: str, value: float, units: str) -> float:
    kind = QUANTITIES.get(key)
    if kind == "volume":
        return U.volume(value, units)
    if kind == "distance":
        return U.distance(value, units)
    return value


def shown_value(key: str, settings: Settings) -> str:
    """A setting's value as its field shows it (in the user's units)."""
    value = settings.get(key)
    if QUANTITIES.get(key) == "distance":  # as the shoe table writes it: 397.7, not 398
        return U.distance_number(value, settings.units)
    if key in QUANTITIES:
        return f"{_to_user(key, value, settings.units):.0f}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def allowed(key: str, units: str) -> str:
    """The values a setting takes, as a sentence (empty for a list of choices)."""
    meta = _FIELDS[key].metadata
    if key == "journal.day_boundary":
        return f"Type a time from 00:00 to {LATEST_BOUNDARY:%H:%M}, like 04:00."
    if key == "journal.timezone":
        return "Type a zone name (suggestions come as you type), or leave it empty."
    if meta["low"] is None:
        return ""
    low, high = _to_user(key, meta["low"], units), _to_user(key, meta["high"], units)
    if key in QUANTITIES and U.imperial(units):  # inward, so every number shown is accepted
        low, high = math.ceil(low - 1e-9), math.floor(high + 1e-9)
    whole = _FIELDS[key].type in ("int", int) and key not in QUANTITIES
    unit = unit_of(key, units)
    return f"Type a {'whole ' if whole else ''}number from {low:g} to {high:g}{' ' + unit if unit else ''}."


def meaning(key: str) -> str:
    """What a setting does, in the words of its declaration: its `doc` as a sentence, then the
    app's `hint` (domain/settings.py states both)."""
    meta = _FIELDS[key].metadata
    doc = meta["doc"]
    return " ".join(filter(None, (f"{doc[:1].upper()}{doc[1:]}.", meta["hint"])))


def hint(key: str, units: str) -> str:
    """What a setting does and the values it takes."""
    return " ".join(filter(None, (meaning(key), allowed(key, units))))


def read_setting(settings: Settings, key: str, text: str) -> Settings:
    """`settings` with `key` set from what the user typed (in their units), or `InvalidInput`
    with one plain reason."""
    units = settings.units
    try:
        return settings.with_value(key, text, units=units)  # a bare number in the user's units
    except InvalidInput:
        reason = allowed(key, units) or "Pick one of the listed values."
        typed = printable(text).strip()
        raise InvalidInput(f"Can't use “{typed}”. {reason}" if typed else reason, key) from None
