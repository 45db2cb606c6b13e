"""Provides bulk reads of the journal as plain rows (SQLAlchemy Core), for the analysis.

Loading tens of thousands of ORM objects and domain entries costs seconds; the analysis needs
only a few columns per kind, so it reads tuples here and builds its tables from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine, select

from .models import RECORDS


def kind_rows(engine: Engine, kind: str, fields: Sequence[str], since: dt.datetime | None = None,
              until: dt.datetime | None = None) -> list[tuple]:
    """Rows `(id, at_utc, tz, *fields)` of one kind in `[since, until)`, oldest first.

    `at_utc` is a naive UTC datetime, as stored. The stretch `muscles` field comes back as its
    stored comma-separated text.
    """
    record = RECORDS[kind]
    query = select(record.id, record.at_utc, record.tz, *(getattr(record, f) for f in fields))
    if since is not None:
        query = query.where(record.at_utc >= since.astimezone(dt.timezone.utc).replace(tzinfo=None))
    if until is not None:
        query = query.where(record.at_utc < until.astimezone(dt.timezone.utc).replace(tzinfo=None))
    query = query.order_by(record.at_utc, record.id)
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]
