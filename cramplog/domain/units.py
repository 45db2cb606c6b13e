"""Provides the one conversion layer between stored metric values and the user's units.

The journal stores millilitres and kilometres. With `display.units = imperial` every output
shows US fluid ounces and miles, and a bare number typed by the user is read in that unit
(`drink 16` is 16 fl oz, `run 3.1` is 3.1 mi). The CLI, the app, the trends charts and the
report all go through these functions, so the two systems never disagree.
"""

from __future__ import annotations

UNIT_SYSTEMS = ("metric", "imperial")

MILE_KM = 1.609344
"""Kilometres in an international mile (exact)."""
FL_OZ_ML = 29.5735
"""Millilitres in a US fluid ounce."""
CUP_ML = 240.0
"""Millilitres in a cup: the US cup of nutrition labels (21 CFR 101.9), as `drink 1cup` and a
mapped CSV's `|cup` both read it."""

ML_PER: dict[str, float] = {
    "ml": 1.0,
    "cl": 10.0,
    "dl": 100.0,
    "l": 1000.0,
    "oz": FL_OZ_ML,
    "floz": FL_OZ_ML,
    "cup": CUP_ML,
}
"""Millilitres per volume unit a person types (`oz` is the US fluid ounce)."""
KM_PER: dict[str, float] = {"km": 1.0, "mi": MILE_KM, "m": 0.001}
"""Kilometres per distance unit a person types."""

FILE_ML_PER: dict[str, float] = {
    **{unit: ML_PER[unit] for unit in ("ml", "cl", "dl", "l")},
    "fl_oz_us": FL_OZ_ML,
    "fl_oz_imp": 28.4131,
    "cup_us": 236.588,
    "cup_imp": 284.131,
    "pt_us": 473.176,
    "pt_imp": 568.261,
}
"""Millilitres per volume unit named in other apps' files (Apple Health's, lower-cased), where the
customary and imperial cups are told apart by name; never typed."""
FILE_KM_PER: dict[str, float] = {**KM_PER, "yd": 0.0009144, "ft": 0.0003048}
"""Kilometres per distance unit named in other apps' files."""


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


def distance_number(km: float, units: str = "metric") -> str:
    """A distance's number in the user's units, to one decimal (`397.7`): the one rounding of
    distances, in a text and in a field that shows one (Settings' shoe life)."""
    return f"{distance(km, units):.1f}"


def format_distance(km: float, units: str = "metric") -> str:
    """`5.2 km`, or `3.2 mi` in imperial units."""
    return f"{distance_number(km, units)} {distance_unit(units)}"
