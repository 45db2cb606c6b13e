"""Provides the generic CSV reader driven by a column mapping (`--map`, `--kind`).

Mapping syntax: comma-separated items (put a column name that contains a comma in double
quotes):

- `FIELD=Column` fills an entry field from a column, e.g. `amount_ml=Water (ml)`;
- `FIELD=Column|MOD` converts on the way: units for `amount_ml` (`ml`, `l`, `oz`, `cup`),
  `distance_km` (`km`, `mi`, `m`), `duration_s` (`s`, `min`, `h`, `hms` for 1:02:03 or 31:00);
  for `time`/`date` a strftime format (`%d/%m/%Y %H:%M`) or `epoch` / `epoch_ms`;
- `FIELD='value'` sets a constant, e.g. `drink_kind='coffee_tea'`;
- `Column==value` keeps only rows whose column holds that value (ignoring case), e.g.
  `FeatureName==Water` for long-format exports holding every tracker in one file.

Time fields: `time` (an instant; ISO 8601, with or without offset; without one it is in the
journal's zone), or `date` (plus optional `clock` for the time of day in another column); a
date alone anchors the entry at local noon. Other names are the kind's fields as
`cramplog log KIND` knows them (runs also take `shoe`, a shoe name); words such as `drink_kind`
or `muscle` accept the same aliases.
Every row becomes one entry; rows with a blank required value are skipped and counted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..domain import vocab
from ..domain.clock import local_noon
from ..domain.entries import KINDS, field_names
from ..domain.fields import TEXT_MAX, VOCABULARIES
from ..domain.units import KM_PER, ML_PER
from ..domain.zones import zone
from ..errors import InvalidInput
from .base import Context
from .csvutil import Table, cell, number, positions
from .limits import Readable
from .records import Imported, content_ref

TIME_FIELDS = ("time", "date", "clock")
VOCAB = VOCABULARIES
UNITS = {
    "amount_ml": ML_PER,
    "distance_km": KM_PER,
    "duration_s": {"s": 1.0, "min": 60.0, "h": 3600.0, "hms": 1.0},
    "minutes": {"min": 1.0, "s": 1 / 60, "h": 60.0},
}
TRUE = {"1", "true", "yes", "y", "x", "✓"}
FALSE = {"0", "false", "no", "n", ""}


@dataclass(frozen=True)
class Column:
    field: str
    column: str | None = None
    modifier: str = ""
    constant: str | None = None


@dataclass(frozen=True)
class CsvMap:
    kind: str
    columns: tuple[Column, ...]
    filters: tuple[tuple[str, str], ...] = field(default=())

    def get(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)


def _split(text: str) -> list[str]:
    items, current, quoted = [], "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            items.append(current)
            current = ""
            continue
        current += ch
    items.append(current)
    return [i.strip() for i in items if i.strip()]


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def parse_mapping(text: str, kind: str | None) -> CsvMap:
    """Check and parse `--map TEXT --kind KIND`; raises `InvalidInput` naming the problem."""
    if not kind:
        raise InvalidInput("--map needs --kind (drink, run, food, cramp, ...)", "kind")
    kind = vocab.kind_of_word(kind)
    if kind not in KINDS:
        raise InvalidInput(f"unknown kind {kind!r} (choose from {', '.join(KINDS)})", "kind")
    allowed = (set(field_names(kind)) - {"shoe_id"}) | {"note"} | set(TIME_FIELDS)
    if kind == "run":
        allowed.add("shoe")
    columns: list[Column] = []
    filters: list[tuple[str, str]] = []
    for item in _split(text):
        if "==" in item:
            column, _, value = item.partition("==")
            filters.append((_unquote(column), _unquote(value)))
            continue
        name, eq, rhs = item.partition("=")
        name = {"at": "time"}.get(name.strip(), name.strip())
        if not eq or not rhs.strip():
            raise InvalidInput(f"--map item {item!r} is not FIELD=Column", "map")
        if name not in allowed:
            raise InvalidInput(
                f"--map: {kind} entries have no field {name!r} (fields: {', '.join(sorted(allowed))})", "map"
            )
        if any(c.field == name for c in columns):  # which one would win was nowhere said
            raise InvalidInput(f"--map names {name} twice", "map")
        rhs = rhs.strip()
        if len(rhs) >= 2 and rhs[0] == rhs[-1] == "'":
            columns.append(Column(name, constant=rhs[1:-1]))
            continue
        column, _, modifier = _unquote(rhs).partition("|")
        modifier = modifier.strip()
        if modifier and name in UNITS and modifier.lower() not in UNITS[name]:
            raise InvalidInput(
                f"--map: unknown unit {modifier!r} for {name} (choose from {', '.join(UNITS[name])})", "map"
            )
        if modifier and name not in UNITS and name not in ("time", "date", "clock"):
            raise InvalidInput(f"--map: {name} takes no conversion ({modifier!r})", "map")
        columns.append(Column(name, _unquote(column.strip()), modifier))
    mapping = CsvMap(kind, tuple(columns), tuple(filters))
    cls = KINDS[kind]
    if cls.date_field is None and not (mapping.get("time") or mapping.get("date")):
        raise InvalidInput("--map needs time=Column or date=Column", "map")
    needed = [
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
        and f.name not in ("at", cls.date_field)
    ]
    missing = [n for n in needed if not mapping.get(n)]
    if missing:
        raise InvalidInput(f"--map: {kind} entries need {missing[0]}=Column", "map")
    return mapping


SHOWN_COLUMNS = 12
SHOWN_NAME = 30


def columns_said(header: list[str]) -> str:
    """A header's columns for a message, briefly: a file that is not a CSV (`~/.pgpass`,
    `/proc/self/environ`) has one "column" holding its whole first line, which was echoed in full,
    password and all; so a single column is not shown, and each name is cut short."""
    if len(header) < 2:
        return "its first line is not a row of column names; is it a CSV file?"
    names = [h if len(h) <= SHOWN_NAME else h[: SHOWN_NAME - 1] + "…" for h in header[:SHOWN_COLUMNS]]
    more = f", … {len(header) - SHOWN_COLUMNS} more" if len(header) > SHOWN_COLUMNS else ""
    return f"columns: {', '.join(names)}{more}"


def parse(stream: Readable, name: str, ctx: Context, mapping: CsvMap) -> list[Imported]:
    table = Table(stream, name)
    header = table.header
    pos = {k: v[0] for k, v in positions(header).items()}
    wanted = [c.column for c in mapping.columns if c.column] + [f for f, _ in mapping.filters]
    for column in wanted:
        if column not in pos:
            raise InvalidInput(f"{name}: no column {column[:40]!r} ({columns_said(header)})")
    cls = KINDS[mapping.kind]
    types = {f.name: str(f.type) for f in dataclasses.fields(cls)} | {"shoe": "str"}
    out: list[Imported] = []
    seen: dict[str, int] = {}
    for line, row in table.rows():
        if any(cell(row, pos[c]).lower() != v.lower() for c, v in mapping.filters):
            continue
        values: dict[str, Any] = {}
        try:
            at = _when(mapping, row, pos, ctx)
            if at is None:
                ctx.summary.skip("rows without a time")
                continue
            blank = False
            for col in mapping.columns:
                if col.field in TIME_FIELDS:
                    continue
                raw = col.constant if col.constant is not None else cell(row, pos[col.column])  # type: ignore[index]
                if raw == "":
                    blank = blank or col.field in _required(cls)
                    continue
                values[col.field] = _value(col, raw, types[col.field])
        except InvalidInput as exc:
            raise InvalidInput(f"{name}, line {line}: {exc}") from None
        if blank:
            ctx.summary.skip("rows with blank values")
            continue
        if cls.date_field is not None:
            values.setdefault(cls.date_field, at.astimezone(zone(ctx.tz)).date())
        values["note"] = str(values.get("note", ""))[:TEXT_MAX]
        shoe = values.pop("shoe", None)
        entry = ctx.build(cls, at=at, tz=ctx.tz, **values)
        if entry is None:
            continue
        ref = content_ref(
            "csv",
            mapping.kind,
            at.astimezone(dt.timezone.utc).isoformat(),
            *(f"{k}={values[k]}" for k in sorted(values)),
            shoe,
        )
        seen[ref] = seen.get(ref, 0) + 1
        out.append(Imported(entry, "csv", ref if seen[ref] == 1 else f"{ref}#{seen[ref]}", shoe_name=shoe))
    return out


def _required(cls: type) -> set[str]:
    return {
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }


def _when(mapping: CsvMap, row: list[str], pos: dict[str, int], ctx: Context) -> dt.datetime | None:
    tz = zone(ctx.tz)
    time_col, date_col, clock_col = mapping.get("time"), mapping.get("date"), mapping.get("clock")
    if time_col is not None:
        text = time_col.constant if time_col.constant is not None else cell(row, pos[time_col.column])  # type: ignore[index]
        return _instant(text, time_col.modifier, tz) if text else None
    if date_col is None:
        return None
    text = date_col.constant if date_col.constant is not None else cell(row, pos[date_col.column])  # type: ignore[index]
    if not text:
        return None
    day = _instant(text, date_col.modifier, tz)
    if day is None:
        return None
    if clock_col is None or not cell(row, pos[clock_col.column]):  # type: ignore[index]
        return local_noon(day.date(), tz)
    clock = _clock(cell(row, pos[clock_col.column]), clock_col.modifier)  # type: ignore[index]
    return dt.datetime.combine(day.date(), clock, tzinfo=tz)


def _instant(text: str, modifier: str, tz: dt.tzinfo) -> dt.datetime:
    text = text.strip()
    try:
        if modifier in ("epoch", "epoch_ms"):
            seconds = float(text) / (1000 if modifier == "epoch_ms" else 1)
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
        if modifier:
            at = dt.datetime.strptime(text, modifier)
        else:
            at = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        raise InvalidInput(
            f"cannot read time {text!r}"
            + (f" as {modifier!r}" if modifier else " (ISO 8601 expected; give a format: time=Column|%d/%m/%Y %H:%M)")
        ) from None
    return at if at.tzinfo else at.replace(tzinfo=tz)


def _clock(text: str, modifier: str) -> dt.time:
    text = text.strip()
    for fmt in [modifier] if modifier else ["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%I%p"]:
        try:
            return dt.datetime.strptime(text.upper() if "%p" in fmt else text, fmt).time()
        except ValueError:
            continue
    raise InvalidInput(f"cannot read time of day {text!r}")


def _value(col: Column, raw: str, type_text: str) -> Any:
    name = col.field
    if name in VOCAB:
        return vocab.choose(raw, VOCAB[name], name.replace("_", " "), name)
    if name == "muscles":
        words = [m for m in re.split(r"[;|/]", raw) if m.strip()]
        return tuple(vocab.choose(m, vocab.STRETCH_MUSCLES, "muscle", name) for m in words)
    if "bool" in type_text:
        low = raw.strip().lower()
        if low in TRUE or low in FALSE:
            return low in TRUE
        raise InvalidInput(f"cannot read {name} {raw!r} (yes or no)")
    if "dt.date" in type_text:
        return _instant(raw, col.modifier, dt.timezone.utc).date()
    if name == "duration_s" and col.modifier == "hms":
        parts = raw.strip().split(":")
        if not all(p.isdigit() for p in parts) or len(parts) > 3:
            raise InvalidInput(f"cannot read duration {raw!r} (H:MM:SS or MM:SS)")
        seconds = 0
        for p in parts:
            seconds = seconds * 60 + int(p)
        return seconds
    if "int" in type_text or "float" in type_text:
        value = number(raw)
        if value is None:
            raise InvalidInput(f"cannot read {name} {raw!r} (a number)")
        value *= UNITS.get(name, {}).get(col.modifier.lower() or "", 1.0)
        return round(value) if type_text.startswith("int") else value
    return raw
