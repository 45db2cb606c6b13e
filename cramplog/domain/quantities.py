"""Provides the parsers and formatters for amounts, distances and durations.

Stored units are metric: millilitres, kilometres, seconds. People may type `500`, `500ml`,
`0.5l`, `16oz`; `5.2`, `3.1mi`, `5000m`; `31:00`, `1:05:30`, `45min`, `90s`. A bare number is
in the caller's `default_unit` (the user's units: see `units.py`). Digits are ASCII only.
"""

from __future__ import annotations

import math
import re

from ..errors import InvalidInput
from .fields import DURATION_MAX_S, FIELDS
from .patterns import Pattern, ascii_digits
from .units import KM_PER, ML_PER, format_distance, format_volume

__all__ = [
    "KM_PER",
    "ML_PER",
    "format_distance",
    "format_duration",
    "format_volume",
    "parse_amount_ml",
    "parse_distance_km",
    "parse_duration_s",
]

_ML_ALIASES = {
    "millilitre": "ml",
    "milliliter": "ml",
    "millilitres": "ml",
    "milliliters": "ml",
    "litre": "l",
    "liter": "l",
    "litres": "l",
    "liters": "l",
    "cups": "cup",
    "fl oz": "oz",
    "fl_oz": "oz",
    "ounce": "oz",
    "ounces": "oz",
}
_KM_ALIASES = {
    "k": "km",
    "kms": "km",
    "kilometre": "km",
    "kilometer": "km",
    "kilometres": "km",
    "kilometers": "km",
    "mile": "mi",
    "miles": "mi",
    "metres": "m",
    "meters": "m",
}
MAX_DRINK_ML = int(FIELDS["drink"]["amount_ml"].bounds.high or 0)
MAX_RUN_KM = float(FIELDS["run"]["distance_km"].bounds.high or 0)
MAX_DURATION_S = DURATION_MAX_S
"""Default limits of the parsers, from the field declarations (callers pass a field's own)."""
_NUMBER_UNIT = Pattern(r"^([-+]?[0-9]+(?:[.,][0-9]+)?|[-+]?[.,][0-9]+)\s*([a-z _]*)$", re.ASCII)
_DURATION_UNITS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
}


def _number_and_unit(text: str, field: str, what: str) -> tuple[float, str]:
    typed = text.strip().lower()
    if ascii_digits(typed):  # a bare number, as the pattern would read it
        number, unit = typed, ""
    else:
        m = _NUMBER_UNIT.match(typed)
        if not m:
            raise InvalidInput(f"cannot read {what} {text!r}", field)
        number, unit = m.group(1), m.group(2)
    value = float(number.replace(",", "."))
    if not math.isfinite(value):
        raise InvalidInput(f"cannot read {what} {text!r}", field)
    return value, " ".join(unit.split())


def parse_amount_ml(
    text: str | float, *, field: str = "amount", default_unit: str = "ml", high: float | None = MAX_DRINK_ML
) -> int:
    """Millilitres from `500` (in `default_unit`), `500ml`, `0.5l`, `16oz`, `2 cups`; 1..`high` ml."""
    value, unit = _number_and_unit(str(text), field, "amount")
    unit = _ML_ALIASES.get(unit, unit) or default_unit
    if unit not in ML_PER:
        raise InvalidInput(f"unknown unit {unit!r} in amount {text!r} (use ml, l, oz or cup)", field)
    ml = round(value * ML_PER[unit])
    if ml <= 0:
        raise InvalidInput(f"amount must be positive, got {text!r}", field)
    if high is not None and ml > high:
        raise InvalidInput(f"amount {text!r} is more than {high:g} ml in one drink", field)
    return ml


def parse_distance_km(
    text: str | float,
    *,
    default_unit: str = "km",
    field: str = "distance",
    high: float = MAX_RUN_KM,
    allow_zero: bool = False,
) -> float:
    """Kilometres from `5.2` (in `default_unit`), `5.2km`, `3.1mi`, `5000m`; at most `high` km.

    A distance must be more than 0 unless `allow_zero` (a shoe's starting distance).
    """
    value, unit = _number_and_unit(str(text), field, "distance")
    unit = _KM_ALIASES.get(unit, unit) or default_unit
    if unit not in KM_PER:
        raise InvalidInput(f"unknown unit {unit!r} in distance {text!r} (use km, mi or m)", field)
    km = round(value * KM_PER[unit], 3)
    if km < 0 or (km == 0 and not allow_zero):
        raise InvalidInput(f"distance must be {'0 or more' if allow_zero else 'more than 0'}, got {text!r}", field)
    if km > high:
        raise InvalidInput(f"distance {text!r} is more than {high:g} km", field)
    return km


def parse_duration_s(
    text: str | float, *, default_unit: str = "min", field: str = "duration", high: int = MAX_DURATION_S
) -> int:
    """Seconds from `31:00` (mm:ss), `1:05:30`, `45` (in `default_unit`), `45min`, `90s`, `1h30m`."""
    raw = str(text).strip().lower()
    if ":" in raw:
        parts = raw.split(":")
        if not 2 <= len(parts) <= 3 or not all(re.fullmatch(r"[0-9]{1,6}", p, re.ASCII) for p in parts):
            raise InvalidInput(f"cannot read duration {text!r} (try 31:00 or 1:05:30)", field)
        numbers = [int(p) for p in parts]
        if any(n >= 60 for n in numbers[1:]):
            raise InvalidInput(f"cannot read duration {text!r}: minutes and seconds go up to 59", field)
        seconds = numbers[-1] + 60 * numbers[-2] + (3600 * numbers[0] if len(numbers) == 3 else 0)
    else:
        pieces = re.findall(r"([0-9]+(?:[.,][0-9]+)?)\s*([a-z]*)", raw, re.ASCII)
        if (
            not pieces
            or re.sub(r"[0-9.,\sa-z]", "", raw, flags=re.ASCII)
            or "".join(n + u for n, u in pieces) != re.sub(r"\s", "", raw, flags=re.ASCII)
        ):
            raise InvalidInput(f"cannot read duration {text!r} (try 45min, 90s or 31:00)", field)
        total = 0.0
        for number, unit in pieces:
            factor = _DURATION_UNITS.get(unit or default_unit)
            if factor is None:
                raise InvalidInput(f"unknown unit {unit!r} in duration {text!r}", field)
            total += float(number.replace(",", ".")) * factor
        if not math.isfinite(total) or total > 10 * high:
            raise InvalidInput(f"duration {text!r} is longer than {high // 3600} hours", field)
        seconds = round(total)
    if seconds <= 0:
        raise InvalidInput(f"duration must be positive, got {text!r}", field)
    if seconds > high:
        raise InvalidInput(f"duration {text!r} is longer than {high // 3600} hours", field)
    return int(seconds)


def format_duration(seconds: int | None) -> str:
    """`1:05:30`, `31:00`; empty for None."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
