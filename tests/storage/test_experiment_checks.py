"""The experiment table refuses what `domain.experiment.Plan` refuses, and follows it.

Its CHECKs are built from the plan's declarations (`MINUTES`, `NIGHTS` with `BLOCK`, `STOPS`),
as a kind table's are from `domain.fields`; migration 0006 froze them. Here a journal the
migrations made is asked about every value at and around the declared bounds and blocks and
both date orders, beside the plan (what the database says, not what we think it says), and a
changed declaration is shown to change the generated CHECK.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cramplog.domain import experiment as X
from cramplog.errors import InvalidInput
from cramplog.storage import migrate
from cramplog.storage.experiments import COLUMNS

START = dt.date(2026, 12, 7)
GOOD = {"minutes": 3, "nights": 44, "start": START, "stopped": None}


def _around(*values: float | None) -> list[int]:
    return sorted({int(v) + d for v in values if v is not None for d in (-1, 0, 1)})


MINUTES, NIGHTS = X.MINUTES.bounds, X.NIGHTS.bounds
CASES = [
    *({"minutes": m} for m in _around(MINUTES.low, MINUTES.high)),
    *({"nights": n} for n in _around(NIGHTS.low, NIGHTS.high, X.BLOCK * 5, (NIGHTS.high or 0) + X.BLOCK)),
    *({"stopped": START + dt.timedelta(days=d)} for d in (-1, 0, 1)),
]


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(tmp_path_factory.mktemp("experiment")) / "journal.db"
    migrate.upgrade_file(path, "head")
    return path


def _domain_takes(values: dict) -> bool:
    try:
        X.Plan(behaviour="bedtime_stretch", outcome="cramp_nights", seed=1, **values)
    except InvalidInput:
        return False
    return True


def _journal_takes(path: Path, values: dict) -> bool:
    row = {"behaviour": "bedtime_stretch", "outcome": "cramp_nights", "seed": 1, "stop_reason": "", **values}
    row = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.execute(
            f"INSERT INTO experiment ({', '.join(COLUMNS)}, created_utc) VALUES "
            f"({', '.join('?' for _ in COLUMNS)}, '2026-12-07 00:00:00.000000')",
            [row[c] for c in COLUMNS],
        )
    except sqlite3.IntegrityError:
        return False
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    return True


@pytest.mark.parametrize("change", CASES, ids=lambda c: "-".join(f"{k}={v}" for k, v in c.items()))
def test_the_migrated_journal_refuses_exactly_what_the_plan_refuses(journal, change):
    values = {**GOOD, **change}
    assert _journal_takes(journal, values) == _domain_takes(values)


def test_the_cases_hold_values_both_sides_take_and_refuse(journal):
    """Guard against probes that cannot fail: every rule is met and broken at least once."""
    verdicts = {(next(iter(c)), _domain_takes({**GOOD, **c})) for c in CASES}
    assert verdicts == {(k, ok) for k in ("minutes", "nights", "stopped") for ok in (True, False)}


CHANGED = """
import json, sys
from cramplog.domain import experiment as X
from cramplog.domain.fields import Bounds, Field, NotBefore
X.MINUTES = Field("minutes", "int", "minutes", Bounds(2, 45))
X.NIGHTS = Field("nights", "int", "nights", Bounds(28, 56))
X.STOPS = NotBefore("stopped", "created_utc", "never before it was planned")
from sqlalchemy import CheckConstraint
from cramplog.storage.models import Base
table = Base.metadata.tables["experiment"]
print(json.dumps(sorted(str(c.sqltext) for c in table.constraints if isinstance(c, CheckConstraint))))
"""


def test_a_changed_declaration_changes_the_generated_check():
    """No bound or order of the experiment table is written in storage: changed in the domain
    (before storage is imported: a fresh process), each CHECK follows."""
    done = subprocess.run([sys.executable, "-c", CHANGED], capture_output=True, text=True, timeout=60, check=True)
    checks = json.loads(done.stdout)
    assert "minutes BETWEEN 2 AND 45" in checks
    assert f"nights BETWEEN 28 AND 56 AND nights % {X.BLOCK} = 0" in checks
    assert "stopped IS NULL OR stopped >= created_utc" in checks
