"""Provides the readers that turn one field's text into its value, for the CLI and the app alike.

Both the command line (`cli/fields.py`) and the app's forms (`ui/forms.py`) call these, so a
word typed in either place means the same thing and is refused with the same message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..errors import InvalidInput, NotFound
from . import vocab
from .quantities import parse_distance_km, parse_duration_s
from .when import parse_date

BLANK = frozenset({"", "none", "-", "null"})


def blank(text: object) -> bool:
    """Whether `text` means "no value" (empty, `none`, `-`)."""
    return text is None or str(text).strip().lower() in BLANK


def read_date(text: str, today: dt.date, field: str, *, latest: dt.date | None = None,
              optional: bool = False) -> dt.date | None:
    if optional and blank(text):
        return None
    return parse_date(text, today, field=field, latest=latest)


def read_word(text: str, allowed: tuple[str, ...], what: str, field: str, *, optional: bool = False) -> str | None:
    if optional and blank(text):
        return None
    return vocab.choose(str(text), allowed, what, field)


def read_distance(text: str, units: str, field: str, *, optional: bool = False) -> float | None:
    """Kilometres; a bare number is in the user's units (km, or miles when imperial)."""
    if optional and blank(text):
        return None
    return parse_distance_km(text, default_unit="mi" if units == "imperial" else "km", field=field)


def read_duration(text: str, field: str, default_unit: str = "min") -> int | None:
    """Seconds, or None when left blank."""
    if blank(text):
        return None
    return parse_duration_s(text, default_unit=default_unit, field=field)


def read_minutes(text: str) -> int:
    """Whole stretching minutes from `10`, `10min`, `1h`; at least one."""
    return max(1, round(parse_duration_s(text, field="minutes") / 60))


def read_muscles(text: str) -> tuple[str, ...]:
    """Stretched muscles from `calf,hamstring` (or spaces), without repeats."""
    words = [w for w in str(text).replace(" ", ",").split(",") if w]
    if not words:
        raise InvalidInput("name at least one muscle stretched", "muscles")
    return tuple(dict.fromkeys(vocab.choose(w, vocab.STRETCH_MUSCLES, "muscle", "muscles") for w in words))


def match_shoe(text: str, shoes: Iterable[tuple[int, str]], *, hint: str = "") -> int:
    """The ID of the one shoe `text` names: its `#ID`, its name (any case) or a unique prefix."""
    shoes = list(shoes)
    key = str(text).strip().lower()
    if key.lstrip("#").isdigit() and any(shoe_id == int(key.lstrip("#")) for shoe_id, _ in shoes):
        return int(key.lstrip("#"))
    found = [s for s in shoes if s[1].lower() == key] or [s for s in shoes if s[1].lower().startswith(key)]
    if len(found) != 1:
        known = ", ".join(sorted(name for _, name in shoes)) or "none yet"
        raise NotFound(f"no single shoe called {str(text).strip()!r} (shoes: {known}){hint}", "shoe_id")
    return found[0][0]
