"""Provides the one conversion layer between stored metric values and the user's units.

The journal stores millilitres and kilometres. With `display.units = imperial` every output
shows US fluid ounces and miles, and a bare number typed by the user is read in that unit
(`drink 16` is 16 fl oz, `run 3.1` is 3.1 mi). The CLI, the app, the trends charts and the
report all go through these functions, so the two systems never disagree.
"""

from __future__ import annotations

UNIT_SYSTEMS = ("metric", "imperial")

ML_PER: dict[str, float] = {"ml": 1.0, "cl": 10.0, "dl": 100.0, "l": 1000.0, "oz": 29.5735,
                            "floz": 29.5735, "cup": 240.0}
"""Millilitres per volume unit (`oz` is the US fluid ounce)."""
KM_PER: dict[str, float] = {"km": 1.0, "mi": 1.609344, "m": 0.001}
"""Kilometres per distance unit."""


def imperial(units: str) -> bool:
    return units == "imperial"


def volume_unit(units: str) -> str:
    """How a volume's unit is written: `ml` or `fl oz`."""
    return "fl oz" if imperial(units) else "ml"


def volume_input_unit(units: str) -> str:
    """The unit a bare number means in a drink amount: `ml`, or `oz` in imperial units."""
    return "oz" if imperial(units) else "ml"


def distance_unit(units: str) -> str:
    """How a distance's unit is written, and what a bare number means: `km` or `mi`."""
    return "mi" if imperial(units) else "km"


def default_cup_ml(units: str) -> int:
    """The drink Enter saves at once: 250 ml, or 8 fl oz (237 ml) in imperial units."""
    return round(8 * ML_PER["oz"]) if imperial(units) else 250


def volume(ml: float, units: str) -> float:
    """Millilitres in the user's units (ml, or fl oz)."""
    return ml / ML_PER["oz"] if imperial(units) else float(ml)


def distance(km: float, units: str) -> float:
    """Kilometres in the user's units (km, or mi)."""
    return km / KM_PER["mi"] if imperial(units) else float(km)


def chart_volume(ml: float, units: str) -> float:
    """A daily volume on a chart axis: litres, or fl oz in imperial units."""
    return ml / ML_PER["oz"] if imperial(units) else ml / 1000


def chart_volume_unit(units: str) -> str:
    return "fl oz" if imperial(units) else "L"


def format_volume(ml: float, units: str = "metric") -> str:
    """`1.4 L` / `350 ml`, or `12 fl oz` in imperial units."""
    if imperial(units):
        return f"{volume(ml, units):.0f} fl oz"
    return f"{ml / 1000:.1f} L" if ml >= 1000 else f"{ml:.0f} ml"


def format_distance(km: float, units: str = "metric") -> str:
    """`5.2 km`, or `3.2 mi` in imperial units."""
    return f"{distance(km, units):.1f} {distance_unit(units)}"
