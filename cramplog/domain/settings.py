"""Provides the user's settings: targets, units, day boundary, shoe life and analysis thresholds.

Defaults and what each means: docs/logging.md (Settings). Beverage, magnesium and potassium references depend on `sex`
(unset: the midpoint of the two, an app convention) unless the user sets them explicitly.
Every threshold is adjustable, because every one of them is a convention.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
from dataclasses import field
from typing import Any

from ..errors import InvalidInput
from .days import DEFAULT_BOUNDARY, read_boundary
from .paper import PAPERS
from .record import record
from .references import DEFAULT_SEX, REFERENCE_BY_SEX
from .units import UNIT_SYSTEMS

DAILY_KEEP, WEEKLY_KEEP = 7, 4
"""Automatic copies kept (`backups.daily`): the newest 7 daily and the newest 4 weekly ones."""

_DEFAULTS = REFERENCE_BY_SEX[DEFAULT_SEX]
_SEXES = tuple(REFERENCE_BY_SEX)


THEMES: tuple[str, ...] = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "catppuccin-latte",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
)
"""Textual's built-in themes (a UI test checks this against `textual.theme.BUILTIN_THEMES`),
listed here so `config set display.theme` can be checked without importing Textual."""


STORED_UNITS = ("ml", "mg", "km")
"""Units a setting is stored in; its name ends with it (`targets.beverage_ml`, `shoes.life_km`)."""


def stored_unit(key: str) -> str:
    """The unit setting `key` is stored (and typed in `config set`) in, from its name; "" for none."""
    name = key.rsplit(".", 1)[-1]
    suffix = name.rsplit("_", 1)[-1]
    return suffix if "_" in name and suffix in STORED_UNITS else ""


WORN_NOTICE = 0.9
"""Share of its life a shoe in use has run when the dashboard mentions it (before it is worn out)."""


def _setting(
    section: str,
    doc: str,
    choices: tuple[str, ...] | None = None,
    low: float | None = None,
    high: float | None = None,
    *,
    hint: str = "",
) -> dict[str, Any]:
    """A setting's declaration: `doc` is what it means, the one wording that `cramplog config`,
    its help and JSON, docs/logging.md's table and the app's Settings screen all read; `hint`,
    only for a setting the app shows, is what the app adds after it (a sentence that does not
    say `doc` again: where the app uses the value, how to preview it)."""
    return {"section": section, "doc": doc, "choices": choices, "low": low, "high": high, "hint": hint}


@record
class Settings:
    """Effective settings. Keys are addressed as `section.name`, e.g. `targets.beverage_ml`."""

    sex: str = field(
        default=DEFAULT_SEX,
        metadata=_setting(
            "targets",
            "whose published references the drink, magnesium and potassium targets start from when you have "
            f"not set your own: {', '.join(_SEXES[:-1])} or {_SEXES[-1]} (midway between the two)",
            tuple(REFERENCE_BY_SEX),
            hint="Drinks a day then start at "
            + ", ".join(f"{refs['beverage_ml'] / 1000:g}\u00a0L ({sex})" for sex, refs in REFERENCE_BY_SEX.items())
            + ".",
        ),
    )
    beverage_ml: int = field(
        default=_DEFAULTS["beverage_ml"],
        metadata=_setting(
            "targets",
            "how much you aim to drink a day, all drinks counted (EFSA 2010)",
            low=500,
            high=6000,
            hint="The dashboard's bar fills toward it.",
        ),
    )
    magnesium_mg: int = field(
        default=_DEFAULTS["magnesium_mg"],
        metadata=_setting(
            "targets",
            "your daily magnesium reference (NIH ODS RDA)",
            low=50,
            high=1000,
            hint="The food you log is held against it to spot low-magnesium days.",
        ),
    )
    potassium_mg: int = field(
        default=_DEFAULTS["potassium_mg"],
        metadata=_setting(
            "targets",
            "your daily potassium reference (NASEM 2019 AI)",
            low=500,
            high=8000,
            hint="The food you log is held against it to spot low-potassium days.",
        ),
    )
    units: str = field(
        default="metric",
        metadata=_setting(
            "display",
            "metric (ml, litres, km) or imperial (fl oz, miles): how amounts are shown, and how a number "
            "typed without a unit is read",
            UNIT_SYSTEMS,
        ),
    )
    theme: str = field(
        default="textual-dark",
        metadata=_setting(
            "display", "the app's colours, one of Textual's themes", THEMES, hint='Ctrl+p, then "theme", previews them.'
        ),
    )
    week_start: str = field(
        default="monday",
        metadata=_setting(
            "display", "first day of a week in Trends and the dashboard's calendar", ("monday", "sunday")
        ),
    )
    day_boundary: str = field(
        default=DEFAULT_BOUNDARY,
        metadata=_setting(
            "journal",
            "the time of day a new diary day starts: a cramp in the night before this time counts for the "
            "evening before, with that evening's drinks and runs",
        ),
    )
    timezone: str = field(
        default="",
        metadata=_setting(
            "journal",
            "the time zone new entries are logged in, as Europe/Berlin or America/Chicago; empty follows this "
            "computer's (an entry keeps the zone it was logged in)",
        ),
    )
    daily: str = field(
        default="on",
        metadata=_setting(
            "backups",
            f"a copy on the first write of each day; {DAILY_KEEP} daily and {WEEKLY_KEEP} weekly kept",
            ("on", "off"),
        ),
    )
    folder: str = field(
        default="",
        metadata=_setting(
            "backups", "folder for the daily copies, as a full path; empty means backups/daily beside the journal"
        ),
    )
    encrypt: str = field(
        default="off",
        metadata=_setting(
            "backups", "encrypt the daily copies (age; passphrase from CRAMPLOG_PASSPHRASE)", ("on", "off")
        ),
    )
    name: str = field(
        default="",
        metadata=_setting(
            "report", "your name, on the clinician report only with --identify; empty leaves a blank to fill in"
        ),
    )
    birth_date: str = field(
        default="", metadata=_setting("report", "your date of birth (YYYY-MM-DD), on the report only with --identify")
    )
    paper: str = field(
        default="auto",
        metadata=_setting(
            "report", "page size of the report (auto: Letter in the US, Canada, Mexico and a few more, else A4)", PAPERS
        ),
    )
    life_km: float = field(
        default=640.0,
        metadata=_setting(
            "shoes",
            "how far a shoe goes before it counts as worn out, unless it has a life of its own",
            low=50,
            high=5000,
            hint=f"The dashboard mentions a shoe from {WORN_NOTICE:.0%} of its life.",
        ),
    )
    new_km: float = field(
        default=50.0, metadata=_setting("shoes", "a shoe counts as new for its first N km", low=0, high=1000)
    )
    low_fluid_fraction: float = field(
        default=0.75,
        metadata=_setting("analysis", "low-fluid day: beverages below this share of target", low=0.1, high=1.5),
    )
    low_mineral_fraction: float = field(
        default=0.75,
        metadata=_setting("analysis", "low-Mg/K day: intake below this share of reference", low=0.1, high=1.5),
    )
    post_injury_days: int = field(
        default=14, metadata=_setting("analysis", "days after an injury that count as its window", low=1, high=90)
    )
    acwr_spike: float = field(
        default=1.5, metadata=_setting("analysis", "acute:chronic load ratio that counts as a spike", low=1.0, high=3.0)
    )
    distance_jump: float = field(
        default=1.3,
        metadata=_setting("analysis", "week-on-week distance ratio that counts as a jump", low=1.0, high=3.0),
    )
    new_medicine_days: int = field(
        default=90,
        metadata=_setting("analysis", "days after starting a medicine that count as its window", low=7, high=365),
    )
    diet_window_weeks: int = field(
        default=8, metadata=_setting("analysis", "weeks before/after a diet change compared", low=2, high=26)
    )
    fdr_q: float = field(
        default=0.10, metadata=_setting("analysis", "Benjamini-Hochberg false discovery rate", low=0.01, high=0.25)
    )

    @property
    def boundary(self) -> dt.time:
        return parse_clock_setting(self.day_boundary)

    @staticmethod
    def keys() -> list[str]:
        return [f"{f.metadata['section']}.{f.name}" for f in dataclasses.fields(Settings)]

    def get(self, key: str) -> Any:
        return getattr(self, _field(key).name)

    def with_value(self, key: str, raw: str, *, units: str | None = None) -> Settings:
        """A copy with `key` set from the text `raw`, validated. A volume or distance may carry its
        unit (`3000mi`, `2l`), as every amount typed elsewhere may; a bare number is in `units`'
        unit for typing it (the app: fl oz or miles for imperial), else in the unit the setting
        is stored in (`config set`: its name says which). A refusal quotes `raw` as typed."""
        f = _field(key)
        return dataclasses.replace(self, **{f.name: coerce(f, _in_stored_unit(f, raw, units), typed=raw)})


def _field(key: str) -> dataclasses.Field[Any]:
    for f in dataclasses.fields(Settings):
        if key in (f"{f.metadata['section']}.{f.name}", f.name):
            return f
    raise InvalidInput(f"unknown setting {key!r} (one of: {', '.join(Settings.keys())})", "key")


def _in_stored_unit(f: dataclasses.Field[Any], raw: str, units: str | None) -> str:
    """`raw` in the setting's stored unit (`400mi` for a km setting; a bare number in `units`'
    typing unit when given); as typed otherwise, so the setting's own rule refuses or takes it."""
    unit = stored_unit(f"{f.metadata['section']}.{f.name}")
    if unit not in ("km", "ml") or not isinstance(raw, str):
        return raw
    if units is None and not any(c.isalpha() for c in raw):
        return raw  # a bare number in the stored unit: its own rule reads it (a whole number, ...)
    from . import units as U
    from .quantities import parse_amount_ml, parse_distance_km

    try:
        if unit == "km":
            typed_in = U.distance_unit(units) if units else "km"
            return f"{parse_distance_km(raw, default_unit=typed_in, high=math.inf, allow_zero=True):g}"
        typed_in = U.volume_input_unit(units) if units else "ml"
        return str(parse_amount_ml(raw, default_unit=typed_in, high=None))
    except InvalidInput:
        return raw


def _shown(raw: Any) -> str:
    """A refused value as an error quotes it: whole when short, else how long it is."""
    from .fields import printable

    text = printable(str(raw))
    return repr(text) if len(text) <= 24 else f"a value {len(text)} characters long"


def coerce(f: dataclasses.Field[Any], raw: Any, *, typed: Any = None) -> Any:
    """Turn `raw` (text from the CLI or a TOML value) into the field's type, validated; a refusal
    quotes `typed` when `raw` is a conversion of it (`10mi` read as 16.093 km)."""
    said = raw if typed is None else typed
    from .fields import parse_float, parse_int, printable, utf8

    name, meta = f.name, f.metadata
    key = f"{meta['section']}.{name}"  # as the user types it in `config set`, and reads it in errors
    unit = f" {stored_unit(key)}" if stored_unit(key) else ""
    span = f" from {meta['low']:g} to {meta['high']:g}{unit}" if meta["low"] is not None else ""
    if f.type in ("int", int):
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        try:
            value: Any = raw if isinstance(raw, int) and not isinstance(raw, bool) else parse_int(raw, key)
        except InvalidInput:
            raise InvalidInput(f"{key} takes a whole number{span}, got {_shown(said)}", name) from None
    elif f.type in ("float", float):
        numeric = isinstance(raw, (int, float)) and not isinstance(raw, bool)
        try:
            value = float(raw) if numeric else parse_float(raw, key)
        except InvalidInput:
            raise InvalidInput(f"{key} takes a number{span}, got {_shown(said)}", name) from None
    else:
        if isinstance(raw, dt.date) and name == "birth_date":
            raw = raw.isoformat()  # a TOML date written by hand, unquoted
        if not isinstance(raw, str):
            raise InvalidInput(f"{key} must be text, got {raw!r}", name)
        value = utf8(raw, key, name).strip()
        if printable(value) != value:  # a folder with a newline, a name with an escape
            raise InvalidInput(f"{key} must be plain text, without control characters or escapes", name)
    if meta["choices"]:  # `Female`, `IMPERIAL`: a choice is a word, read as the CLI reads words
        value = next((c for c in meta["choices"] if c.casefold() == value.casefold()), value)
        if value not in meta["choices"]:
            raise InvalidInput(f"{key} must be one of {', '.join(meta['choices'])}, got {said!r}", name)
    if meta["low"] is not None and not (meta["low"] <= value <= meta["high"]):
        raise InvalidInput(
            f"{key} must be{span.replace(' from ', ' between ', 1).replace(' to ', ' and ', 1)}, got {said!r}", name
        )
    if name == "day_boundary":
        value = parse_clock_setting(value).strftime("%H:%M")
    if name == "name":
        value = _person_name(value)
    if name == "birth_date" and value:
        value = _birth_date(value).isoformat()
    if name == "timezone" and value:
        from .zones import is_zone

        if not is_zone(value):
            raise InvalidInput(f"unknown time zone {value!r} (use an IANA name like Europe/Berlin)", name)
    if name == "folder" and value and not os.path.isabs(os.path.expanduser(value)):
        raise InvalidInput(  # each day's copy would go under wherever that day's command was typed
            f"{key} must be a full path, such as ~/Backups/cramplog or /media/usb/cramplog; "
            f"{value} would depend on where each command is typed",
            name,
        )
    return value


NAME_MAX = 100


def _person_name(text: str) -> str:
    from .fields import printable

    if printable(text) != text or len(text) > NAME_MAX:
        raise InvalidInput(f"name must be plain text of at most {NAME_MAX} characters", "name")
    return text


def _birth_date(text: str) -> dt.date:
    from .fields import MIN_DATE

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"birth_date must be a date like 1970-05-31, got {text!r}", "birth_date") from None
    if day < MIN_DATE:
        raise InvalidInput(f"birth_date {day} is before {MIN_DATE} (check the year)", "birth_date")
    if day > dt.date.today():
        raise InvalidInput(f"birth_date {day} is in the future (check the year)", "birth_date")
    return day


def parse_clock_setting(text: str) -> dt.time:
    """A day boundary, `HH:MM` in ASCII digits (`days.read_boundary`), or `InvalidInput`."""
    try:
        return read_boundary(text)
    except ValueError as exc:
        message = str(exc) if str(exc).startswith("day boundary") else f"day boundary must be HH:MM, got {text!r}"
        raise InvalidInput(message, "day_boundary") from None


def from_mapping(data: dict[str, dict[str, Any]]) -> Settings:
    """Settings from the nested TOML mapping; references default by sex when not set."""
    flat: dict[str, Any] = {}
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    for f in fields.values():
        section = data.get(f.metadata["section"], {})
        if isinstance(section, dict) and f.name in section:
            if f.name == "theme" and section[f.name] not in THEMES:
                continue  # a theme this version lacks: the default, rather than a journal that won't open
            try:
                flat[f.name] = coerce(f, section[f.name])
            except InvalidInput as exc:  # a hand-edited file: name the key, as `config set` spells it
                raise InvalidInput(f"{f.metadata['section']}.{f.name}: {exc}", exc.field) from None
    sex = flat.get("sex", DEFAULT_SEX)
    for name, value in REFERENCE_BY_SEX[sex].items():
        flat.setdefault(name, value)
    return Settings(**flat)


def to_mapping(settings: Settings, only: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Nested mapping for TOML; `only` limits it to explicitly set field names."""
    out: dict[str, dict[str, Any]] = {}
    for f in dataclasses.fields(Settings):
        if only is not None and f.name not in only:
            continue
        out.setdefault(f.metadata["section"], {})[f.name] = getattr(settings, f.name)
    return out
