"""Provides the Cronometer reader: `dailysummary.csv` and `servings.csv`.

Each day with magnesium or potassium logged becomes one `Food` entry, "daily total from
Cronometer", at local noon. `dailysummary.csv` gives the totals directly (`Date`, `Magnesium
(mg)`, `Potassium (mg)`); `servings.csv` is summed per `Day`. Both carry the same reference
per day, so importing both counts each day once. A blank cell is "not logged", never zero: a
day with both blank adds nothing. `Water (g)` is the water inside foods, not drinks, and is
not read. Dates are Cronometer's `2026-01-27`, or as a spreadsheet that re-saved the file
wrote them (`1/27/2026`: see `csvutil.day_reader`).
"""

from __future__ import annotations

import datetime as dt

from ..errors import InvalidInput
from .apple_health import daily_food
from .base import Context
from .csvutil import Table, cell, day_reader, number, positions
from .limits import Readable
from .records import Imported

MG, K = "Magnesium (mg)", "Potassium (mg)"


def kind_of(header: list[str]) -> str | None:
    """'daily', 'servings' or None for a CSV header."""
    if MG not in header and K not in header:
        return None
    if "Date" in header:
        return "daily"
    if "Day" in header and "Food Name" in header:
        return "servings"
    return None


def parse(stream: Readable, name: str, ctx: Context) -> list[Imported]:
    table = Table(stream, name)
    kind = kind_of(table.header)
    if kind is None:
        raise InvalidInput(
            f"{name}: not a Cronometer dailysummary.csv or servings.csv (needs Date or Day and {MG!r} or {K!r} columns)"
        )
    pos = {k: v[0] for k, v in positions(table.header).items()}
    day_col = pos["Date" if kind == "daily" else "Day"]
    by_text: dict[str, dict[str, float]] = {}
    for _, row in table.rows():
        totals = by_text.setdefault(cell(row, day_col), {})
        for column, key in ((MG, "magnesium_mg"), (K, "potassium_mg")):
            value = number(cell(row, pos.get(column)))
            if value is not None:
                totals[key] = totals.get(key, 0.0) + value
    read_day = day_reader(by_text, name)
    days: dict[dt.date, dict[str, float]] = {}
    for text, totals in by_text.items():
        found = read_day(text)
        if found is None:
            raise InvalidInput(f"{name}: cannot read date {text!r} (expected YYYY-MM-DD)")
        merged = days.setdefault(found, {})
        for key, value in totals.items():
            merged[key] = merged.get(key, 0.0) + value
    out = []
    for day, totals in sorted(days.items()):
        if not totals:
            ctx.summary.skip("days not logged")
            continue
        entry = daily_food(day, "Cronometer", totals, ctx)
        if entry is not None:
            out.append(Imported(entry, "cronometer", f"daily|{day.isoformat()}"))
    return out
