"""Provides bulk reads of the journal as plain rows, for the analysis.

Loading tens of thousands of domain entries costs seconds; the analysis needs only a few
columns per kind, so it reads tuples (see `JournalRepository.kind_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .repository import JournalRepository


def kind_rows(repo: JournalRepository, kind: str, fields: Sequence[str], since: dt.datetime | None = None,
              until: dt.datetime | None = None) -> list[tuple[Any, ...]]:
    """Rows `(id, at_utc, tz, *fields)` of one kind in `[since, until)`, oldest first."""
    return repo.kind_rows(kind, fields, since, until)
