"""Provides the SQL of planned experiments (`domain.experiment.Plan`): their one writer and reader.

`JournalRepository` calls these inside its own transactions. A plan is inserted whole and never
updated, except for the stop (an import brings a plan in with its stop): the order of the nights
was fixed before the first one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from ..domain.experiment import Plan

COLUMNS = ("behaviour", "minutes", "outcome", "nights", "start", "seed", "stopped", "stop_reason")
_SELECT = f"SELECT id, {', '.join(COLUMNS)} FROM experiment"


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _plan(row: Any) -> Plan:
    eid, behaviour, minutes, outcome, nights, start, seed, stopped, reason = row
    start_day = _date(start)
    assert start_day is not None
    return Plan(
        id=int(eid),
        behaviour=behaviour,
        minutes=int(minutes),
        outcome=outcome,
        nights=int(nights),
        start=start_day,
        seed=int(seed),
        stopped=_date(stopped),
        stop_reason=reason or "",
    )


def plans(conn: sqlite3.Connection) -> list[Plan]:
    """Every experiment, oldest first."""
    return [_plan(row) for row in conn.execute(f"{_SELECT} ORDER BY start, id").fetchall()]


def plan(conn: sqlite3.Connection, experiment_id: int) -> Plan | None:
    row = conn.execute(f"{_SELECT} WHERE id = ?", (experiment_id,)).fetchone()
    return None if row is None else _plan(row)


def insert(conn: sqlite3.Connection, new: Plan, now: str, returning: bool) -> int:
    stopped = None if new.stopped is None else new.stopped.isoformat()
    values = [
        new.behaviour,
        new.minutes,
        new.outcome,
        new.nights,
        new.start.isoformat(),
        new.seed,
        stopped,
        new.stop_reason,
        now,
    ]
    sql = f"INSERT INTO experiment ({', '.join(COLUMNS)}, created_utc) VALUES ({', '.join('?' for _ in values)})"
    if returning:
        return int(conn.execute(sql + " RETURNING id", values).fetchone()[0])
    return int(conn.execute(sql, values).lastrowid or 0)


def stop(conn: sqlite3.Connection, experiment_id: int, day: dt.date, reason: str) -> None:
    conn.execute(
        "UPDATE experiment SET stopped = ?, stop_reason = ? WHERE id = ? AND stopped IS NULL",
        (day.isoformat(), reason, experiment_id),
    )
