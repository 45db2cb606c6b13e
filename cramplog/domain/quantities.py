"""Provides the parsers and formatters for amounts, distances and durations.

Stored units are metric: millilitres, kilometres, seconds. People may type `500`, `500ml`,
`0.5l`, `16oz`; `5.2`, `3.1mi`, `5000m`; `31:00`, `1:05:30`, `45min`, `90s`.
"""

from __future__ import annotations

import math
import re

from ..errors import InvalidInput

ML_PER = {"ml": 1.0, "cl": 10.0, "dl": 100.0, "l": 1000.0, "oz": 29.5735, "floz": 29.5735, "cup": 240.0}
_ML_ALIASES = {"millilitre": "ml", "milliliter": "ml", "millilitres": "ml", "milliliters": "ml",
               "litre": "l", "liter": "l", "litres": "l", "liters": "l", "cups": "cup",
               "fl oz": "oz", "fl_oz": "oz", "ounce": "oz", "ounces": "oz"}
KM_PER = {"km": 1.0, "mi": 1.609344, "m": 0.001}
_KM_ALIASES = {"k": "km", "kms": "km", "kilometre": "km", "kilometer": "km", "kilometres": "km",
               "kilometers": "km", "mile": "mi", "miles": "mi", "metres": "m", "meters": "m"}
MAX_DRINK_ML = 5000
MAX_RUN_KM = 400.0
_NUMBER_UNIT = re.compile(r"^([-+]?\d+(?:[.,]\d+)?|[-+]?[.,]\d+)\s*([a-z _]*)$")


def _number_and_unit(text: str, field: str, what: str) -> tuple[float, str]:
    m = _NUMBER_UNIT.match(text.strip().lower())
    if not m:
        raise InvalidInput(f"cannot read {what} {text!r}", field)
    value = float(m.group(1).replace(",", "."))
    if not math.isfinite(value):
        raise InvalidInput(f"cannot read {what} {text!r}", field)
    return value, m.group(2).strip()


def parse_amount_ml(text: str | float, *, field: str = "amount") -> int:
    """Millilitres from `500`, `500ml`, `0.5l`, `16oz`, `2 cups`; must be 1..5000 ml."""
    value, unit = _number_and_unit(str(text), field, "amount")
    unit = _ML_ALIASES.get(unit, unit) or "ml"
    if unit not in ML_PER:
        raise InvalidInput(f"unknown unit {unit!r} in amount {text!r} (use ml, l, oz or cup)", field)
    ml = round(value * ML_PER[unit])
    if ml <= 0:
        raise InvalidInput(f"amount must be positive, got {text!r}", field)
    if ml > MAX_DRINK_ML:
        raise InvalidInput(f"amount {text!r} is more than {MAX_DRINK_ML} ml in one drink", field)
    return ml


def parse_distance_km(text: str | float, *, default_unit: str = "km", field: str = "distance") -> float:
    """Kilometres from `5.2` (in `default_unit`), `5.2km`, `3.1mi`, `5000m`."""
    value, unit = _number_and_unit(str(text), field, "distance")
    unit = _KM_ALIASES.get(unit, unit) or default_unit
    if unit not in KM_PER:
        raise InvalidInput(f"unknown unit {unit!r} in distance {text!r} (use km, mi or m)", field)
    km = round(value * KM_PER[unit], 3)
    if km < 0 or (km == 0 and field == "distance"):
        raise InvalidInput(f"distance must be positive, got {text!r}", field)
    if km > MAX_RUN_KM:
        raise InvalidInput(f"distance {text!r} is more than {MAX_RUN_KM:g} km", field)
    return km


def parse_duration_s(text: str | float, *, default_unit: str = "min", field: str = "duration") -> int:
    """Seconds from `31:00` (mm:ss), `1:05:30`, `45` (in `default_unit`), `45min`, `90s`, `1h30m`."""
    raw = str(text).strip().lower()
    if ":" in raw:
        parts = raw.split(":")
        if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise InvalidInput(f"cannot read duration {text!r} (try 31:00 or 1:05:30)", field)
        numbers = [int(p) for p in parts]
        if any(n >= 60 for n in numbers[1:]):
            raise InvalidInput(f"cannot read duration {text!r}: minutes and seconds go up to 59", field)
        seconds = numbers[-1] + 60 * numbers[-2] + (3600 * numbers[0] if len(numbers) == 3 else 0)
    else:
        pieces = re.findall(r"(\d+(?:[.,]\d+)?)\s*([a-z]*)", raw)
        if not pieces or re.sub(r"[\d.,\sa-z]", "", raw) or "".join(n + u for n, u in pieces) != raw.replace(" ", ""):
            raise InvalidInput(f"cannot read duration {text!r} (try 45min, 90s or 31:00)", field)
        seconds = 0.0
        for number, unit in pieces:
            unit = unit or default_unit
            factor = {"s": 1, "sec": 1, "secs": 1, "m": 60, "min": 60, "mins": 60, "h": 3600,
                      "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600}.get(unit)
            if factor is None:
                raise InvalidInput(f"unknown unit {unit!r} in duration {text!r}", field)
            seconds += float(number.replace(",", ".")) * factor
        seconds = round(seconds)
    if seconds <= 0:
        raise InvalidInput(f"duration must be positive, got {text!r}", field)
    if seconds > 48 * 3600:
        raise InvalidInput(f"duration {text!r} is longer than 48 hours", field)
    return int(seconds)


def format_duration(seconds: int | None) -> str:
    """`1:05:30`, `31:00`; empty for None."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_volume(ml: float, units: str = "metric") -> str:
    """`1.4 L` / `350 ml`, or fluid ounces in imperial units."""
    if units == "imperial":
        return f"{ml / ML_PER['oz']:.0f} oz"
    return f"{ml / 1000:.1f} L" if ml >= 1000 else f"{ml:.0f} ml"


def format_distance(km: float, units: str = "metric") -> str:
    if units == "imperial":
        return f"{km / KM_PER['mi']:.1f} mi"
    return f"{km:.1f} km"
