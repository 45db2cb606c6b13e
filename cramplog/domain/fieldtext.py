"""Provides the readers that turn one field's text into its value, for the CLI and the app alike.

Thin helpers over the field declarations (`fields.py`) and the shoe matcher (`shoes.py`), kept
for callers that read one field outside a form or a command (`storage.quick`, tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..errors import NotFound
from . import fields as F
from . import vocab
from .shoes import resolve
from .when import parse_date

BLANK = F.BLANK
blank = F.blank


def read_date(text: str, today: dt.date, field: str, *, latest: dt.date | None = None,
              optional: bool = False) -> dt.date | None:
    if optional and blank(text):
        return None
    return parse_date(text, today, field=field, latest=latest)


def read_word(text: str, allowed: tuple[str, ...], what: str, field: str, *, optional: bool = False) -> str | None:
    if optional and blank(text):
        return None
    return vocab.choose(F.printable(str(text)), allowed, what, field)


def _reading(units: str = "metric") -> F.Reading:
    now = dt.datetime.now(dt.timezone.utc)
    return F.Reading(now=now, tz=now.tzinfo, today=now.date(), units=units)  # type: ignore[arg-type]


def read_distance(text: str, units: str, field: str, *, optional: bool = False) -> float | None:
    """Kilometres within `field`'s bounds; a bare number is in the user's units (km or mi)."""
    if optional and blank(text):
        return None
    kind = "shoe" if field in ("start_km", "life_km") else "run"
    declaration = F.FIELDS[kind].get(field, F.FIELDS["run"]["distance_km"])
    return declaration.read(text, _reading(units))  # type: ignore[no-any-return]


def read_duration(text: str, field: str, default_unit: str = "min") -> int | None:
    """Seconds, or None when left blank."""
    if blank(text):
        return None
    from .quantities import parse_duration_s

    return parse_duration_s(text, default_unit=default_unit, field=field)


def read_minutes(text: str) -> int:
    """Whole stretching minutes from `10`, `10min`, `1h`; at least one."""
    return F.FIELDS["stretch"]["minutes"].read(text, _reading())  # type: ignore[no-any-return]


def read_muscles(text: str) -> tuple[str, ...]:
    """Stretched muscles from `calf,hamstring` (or spaces), without repeats."""
    return F.FIELDS["stretch"]["muscles"].read(text, _reading())  # type: ignore[no-any-return]


def match_shoe(text: str, shoes: Iterable[tuple[int, str]], *, hint: str = "") -> int:
    """The ID of the known shoe `text` names (see `shoes.resolve`); a new name is `NotFound`."""
    match = resolve(text, shoes)
    if match.id is None:
        raise NotFound(f"no shoe called {match.name!r}{hint}", "shoe_id")
    return match.id
