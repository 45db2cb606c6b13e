"""The migrations' CHECK constraints are the ones generated from the field declarations.

Storage builds every kind table's CHECKs from `domain.fields` (`models.field_checks`); the
migrations that made them are frozen history. A freshly migrated journal must hold a constraint
of the same name for every generated one, and each must accept exactly what the generated one
accepts: the same text, or (where old text differs) the same verdict on every probe value at
and around the declared bounds, every word and every date order, evaluated by SQLite itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import CheckConstraint, Date, Float, Integer

from cramplog.domain import fields as F
from cramplog.errors import InvalidInput
from cramplog.storage import migrate
from cramplog.storage.models import Base
from cramplog.storage.rows import TABLES

CONSTRAINT = re.compile(r"^\s*CONSTRAINT (\w+) CHECK \((.*)\),?$")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Constraint name -> CHECK text, as the migrations left them in a new journal."""
    path = Path(tmp_path_factory.mktemp("checks")) / "journal.db"
    migrate.upgrade_file(path, "head")
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
    sql = "\n".join(r[0] for r in rows)
    conn.close()
    return {m.group(1): m.group(2) for line in sql.splitlines() if (m := CONSTRAINT.match(line.rstrip()))}


GENERATED = {
    c.name: (table, str(c.sqltext))
    for table in Base.metadata.tables.values()
    for c in table.constraints
    if isinstance(c, CheckConstraint)
}

_NUMBERS = sorted(
    {
        v
        for bounds in F.CHECKS.values()
        for b in bounds.values()
        for x in (b.low, b.high)
        if x is not None
        for v in (x - 1, x - 0.01, x, x + 0.01, x + 1)
    }
    | {-1, 0, 0.5, 3, 4, 14, 16, 184, 188, 200}
)
_WORDS = sorted(
    {w for bounds in F.CHECKS.values() for b in bounds.values() for w in b.words or ()}
    | {
        "",
        " ",
        "x",
        "X" * 80,
        "X" * 81,
        "  a  ",
        "bedtime_stretch",
        "cramp_nights",
        "cramp_days",
        "cramp",
        "run",
        "nope",
    }
)
_DATES = ["1900-01-01", "2026-01-01", "2026-01-02", "2026-06-30"]


def probes(column) -> list[object]:
    values: list[object] = (
        _DATES if isinstance(column.type, Date) else _NUMBERS if isinstance(column.type, (Integer, Float)) else _WORDS
    )
    return [*values, None] if column.nullable else list(values)


def verdicts(conn: sqlite3.Connection, text: str, columns: list, rows: list[tuple]) -> list[bool]:
    names = ", ".join(f"? AS {c.name}" for c in columns)
    query = f"SELECT coalesce(({text}) <> 0, 1) FROM (SELECT {names})"  # a CHECK fails only when false
    return [bool(conn.execute(query, row).fetchone()[0]) for row in rows]


def test_the_migrations_made_every_generated_check_and_no_other(migrated):
    assert sorted(migrated) == sorted(GENERATED)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_a_migrated_check_accepts_exactly_what_the_generated_one_accepts(migrated, name):
    table, generated = GENERATED[name]
    old = migrated[name]
    if old == generated:
        return
    columns = [c for c in table.columns if re.search(rf"\b{c.name}\b", generated + " " + old)]
    rows = list(itertools.product(*(probes(c) for c in columns)))
    conn = sqlite3.connect(":memory:")
    assert verdicts(conn, old, columns, rows) == verdicts(conn, generated, columns, rows), (old, generated)


def test_only_two_old_checks_read_differently_and_both_on_columns_that_refuse_null(migrated):
    """0001 wrote `x IS NULL OR (...)` for two columns that are NOT NULL: the same rule, in
    other words (the test above proves the same verdicts)."""
    differ = sorted(n for n, (_, text) in GENERATED.items() if migrated[n] != text)
    assert differ == ["ck_food_servings_range", "ck_shoe_start_km_range"]
    assert all(not GENERATED[n][0].columns[n.split("_", 2)[2].removesuffix("_range")].nullable for n in differ)


def test_the_probe_tells_a_changed_bound_apart(migrated):
    """Guard against a probe that cannot fail: one step past a declared bound is caught."""
    table, generated = GENERATED["ck_drink_amount_ml_range"]
    column = [table.columns["amount_ml"]]
    rows = [(v,) for v in probes(column[0])]
    conn = sqlite3.connect(":memory:")
    assert verdicts(conn, generated, column, rows) != verdicts(conn, "amount_ml BETWEEN 1 AND 5001", column, rows)


@pytest.mark.parametrize("kind", list(F.ORDERS))
def test_a_date_order_is_refused_by_the_entry_and_by_the_database_alike(kind, migrated):
    rule = F.ORDERS[kind][0]
    table = Base.metadata.tables[TABLES[kind]]
    with pytest.raises(InvalidInput) as refused:
        F.check_orders(kind, {rule.later: dt.date(2026, 1, 1), rule.earlier: dt.date(2026, 1, 2)}.get)
    assert refused.value.field == rule.later
    name = f"ck_{table.name}_{rule.later}_after_{rule.earlier}"
    assert name in migrated
    conn = sqlite3.connect(":memory:")
    cols = [table.columns[rule.later], table.columns[rule.earlier]]
    assert verdicts(conn, migrated[name], cols, [("2026-01-01", "2026-01-02"), ("2026-01-02", "2026-01-01")]) == [
        False,
        True,
    ]
