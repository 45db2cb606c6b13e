"""Provides the Cronometer reader: `dailysummary.csv` and `servings.csv`.

Each day with magnesium or potassium logged becomes one `Food` entry, "daily total from
Cronometer", at local noon. `dailysummary.csv` gives the totals directly (`Date`, `Magnesium
(mg)`, `Potassium (mg)`); `servings.csv` is summed per `Day`. Both carry the same reference
per day, so importing both counts each day once. A blank cell is "not logged", never zero: a
day with both blank adds nothing. `Water (g)` is the water inside foods, not drinks, and is
not read.
"""

from __future__ import annotations

import datetime as dt

from ..errors import InvalidInput
from .apple_health import daily_food
from .base import Context
from .csvutil import cell, number, positions, rows
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


def parse(data: bytes, name: str, ctx: Context) -> list[Imported]:
    header, table = rows(data, name)
    kind = kind_of(header)
    if kind is None:
        raise InvalidInput(f"{name}: not a Cronometer dailysummary.csv or servings.csv "
                           f"(needs Date or Day and {MG!r} or {K!r} columns)")
    pos = {k: v[0] for k, v in positions(header).items()}
    day_col = pos["Date" if kind == "daily" else "Day"]
    days: dict[dt.date, dict[str, float]] = {}
    for line, row in enumerate(table, start=2):
        text = cell(row, day_col)
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            raise InvalidInput(f"{name}, line {line}: cannot read date {text!r} (expected YYYY-MM-DD)") from None
        totals = days.setdefault(day, {})
        for column, key in ((MG, "magnesium_mg"), (K, "potassium_mg")):
            value = number(cell(row, pos.get(column)))
            if value is not None:
                totals[key] = totals.get(key, 0.0) + value
    out = []
    for day, totals in sorted(days.items()):
        if not totals:
            ctx.summary.skip("days not logged")
            continue
        entry = daily_food(day, "Cronometer", totals, ctx)
        if entry is not None:
            out.append(Imported(entry, "cronometer", f"daily|{day.isoformat()}"))
    return out
