"""Provides `JournalRepository`: every read and write of the journal, one transaction each.

Methods take and return domain entries (`cramplog.domain.entries`), never ORM rows, so objects
can cross from a worker thread to the UI thread safely. Conversion is generic over the
dataclass fields: a new field needs a column, not new code here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker, with_polymorphic

from ..domain import entries as E
from ..errors import InvalidInput, JournalError, NotFound
from ..paths import ensure_private_dir
from .db import make_engine, secure_file
from .migrate import ensure_current
from .models import RECORDS, CheckInRecord, EntryRecord, RunRecord, ShoeRecord
from .rows import build, detail_fields, encode, utc_naive

def to_entry(record: EntryRecord) -> E.Entry:
    """The domain entry for an ORM record."""
    details = {name: getattr(record, name) for name in detail_fields(record.kind)}
    return build(record.kind, record.id, record.at_utc, record.tz, record.note, details)


def _fill(record: EntryRecord, entry: E.Entry, now: dt.datetime) -> EntryRecord:
    record.at_utc = utc_naive(entry.at)
    record.tz = entry.tz
    record.note = entry.note
    record.updated_utc = now
    for name in detail_fields(entry.kind):
        setattr(record, name, encode(name, getattr(entry, name)))
    return record


class JournalRepository:
    """The journal on one SQLite file. Build it with `open()`; tests may pass an engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.backup_made: str | None = None
        """Path of the copy saved before a migration during `open()`, if one was made."""

    @classmethod
    def open(cls, path: Path) -> JournalRepository:
        """Open (creating or migrating as needed) the journal at `path`, private to its owner."""
        ensure_private_dir(path.parent)
        is_new = not path.exists()
        try:
            engine = make_engine(path)
            backup = ensure_current(engine, path)
        except JournalError:
            raise
        except Exception as exc:  # noqa: BLE001 - sqlite3 errors: not a database, locked, ...
            raise JournalError(f"cannot open journal {path}: {exc}") from None
        if is_new:
            secure_file(path)
        repo = cls(engine)
        repo.backup_made = backup
        return repo

    def close(self) -> None:
        self.engine.dispose()

    # -- writes ---------------------------------------------------------------------------------

    def add(self, entry: E.Entry, *, source: str = "cramplog") -> E.Entry:
        """Insert `entry` (a check-in for a day that has one updates it); return it with its ID."""
        now = utc_naive(dt.datetime.now(dt.timezone.utc))
        with self._sessions.begin() as s:
            return self._add(s, entry, now, source)

    def add_many(self, entries: Iterable[E.Entry], *, source: str = "cramplog") -> list[E.Entry]:
        """Insert all of `entries` in one transaction: all or nothing."""
        with self.bulk(source=source) as add:
            return [add(entry) for entry in entries]

    def _add(self, s: Session, entry: E.Entry, now: dt.datetime, source: str) -> E.Entry:
        if isinstance(entry, E.CheckIn) and entry.id is None:
            existing = s.scalar(select(CheckInRecord).where(CheckInRecord.day == entry.day))
            if existing is not None:
                _fill(existing, entry, now)
                s.flush()
                return to_entry(existing)
        if isinstance(entry, E.Run) and entry.shoe_id is not None:
            self._require_shoe(s, entry.shoe_id)
        record = RECORDS[entry.kind](id=entry.id, created_utc=now, source=source)
        _fill(record, entry, now)
        s.add(record)
        try:
            s.flush()
        except IntegrityError as exc:
            raise _integrity(exc, entry) from None
        return to_entry(record)

    @contextmanager
    def bulk(self, *, source: str = "cramplog") -> Iterator[Callable[[E.Entry], E.Entry]]:
        """One transaction for many adds: `with repo.bulk() as add: add(entry)`; all or nothing."""
        now = utc_naive(dt.datetime.now(dt.timezone.utc))
        with self._sessions.begin() as s:
            yield lambda entry: self._add(s, entry, now, source)

    def update(self, entry_id: int, **changes: Any) -> E.Entry:
        """Apply `changes` to entry `entry_id` (validated by the domain); return the new entry."""
        now = utc_naive(dt.datetime.now(dt.timezone.utc))
        with self._sessions.begin() as s:
            record = self._record(s, entry_id)
            updated = to_entry(record).replace(**changes)
            if isinstance(updated, E.Run) and updated.shoe_id is not None:
                self._require_shoe(s, updated.shoe_id)
            _fill(record, updated, now)
            try:
                s.flush()
            except IntegrityError as exc:
                raise _integrity(exc, updated) from None
            return to_entry(record)

    def check_in(self, day: dt.date, tz: str, **values: Any) -> tuple[E.CheckIn, bool]:
        """Check in diary day `day`, merging `values` into its check-in if it has one.

        One transaction; returns the check-in and whether it was new.
        """
        now = utc_naive(dt.datetime.now(dt.timezone.utc))
        with self._sessions.begin() as s:
            record = s.scalar(select(CheckInRecord).where(CheckInRecord.day == day))
            if record is None:
                return self._add(s, E.CheckIn(day=day, tz=tz, **values), now, "cramplog"), True  # type: ignore[return-value]
            _fill(record, to_entry(record).replace(**values), now)
            s.flush()
            return to_entry(record), False  # type: ignore[return-value]

    def delete(self, entry_id: int) -> E.Entry:
        """Delete entry `entry_id` and return it (for undo). A shoe with runs is refused."""
        with self._sessions.begin() as s:
            record = self._record(s, entry_id)
            entry = to_entry(record)
            if isinstance(record, ShoeRecord):
                runs = s.scalar(select(func.count()).select_from(RunRecord).where(RunRecord.shoe_id == entry_id))
                if runs:
                    raise InvalidInput(
                        f"shoe {entry_id} has {runs} runs; retire it instead "
                        f"(cramplog edit {entry_id} --retired today)", "id")
            s.delete(record)
            return entry

    def restore(self, entry: E.Entry) -> E.Entry:
        """Put back a deleted entry under its old ID (undo)."""
        return self.add(entry)

    # -- reads ----------------------------------------------------------------------------------

    def get(self, entry_id: int) -> E.Entry:
        with self._sessions() as s:
            return to_entry(self._record(s, entry_id))

    def entries(
        self,
        kinds: Sequence[str] | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        *,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[E.Entry]:
        """Entries in `[since, until)` of the given kinds, ordered by time (then ID)."""
        classes = [RECORDS[k] for k in kinds] if kinds else list(RECORDS.values())
        poly = with_polymorphic(EntryRecord, classes)
        query = select(poly)
        if kinds:
            query = query.where(poly.kind.in_(list(kinds)))
        if since is not None:
            query = query.where(poly.at_utc >= utc_naive(since))
        if until is not None:
            query = query.where(poly.at_utc < utc_naive(until))
        order = (poly.at_utc.desc(), poly.id.desc()) if newest_first else (poly.at_utc, poly.id)
        query = query.order_by(*order)
        if limit is not None:
            query = query.limit(limit)
        with self._sessions() as s:
            return [to_entry(r) for r in s.scalars(query)]

    def last(self, kind: str) -> E.Entry | None:
        found = self.entries([kind], limit=1, newest_first=True)
        return found[0] if found else None

    def shoe_distances(self) -> dict[int, float]:
        """Kilometres on each shoe: its starting distance plus every run logged in it."""
        with self._sessions() as s:
            starts = dict(s.execute(select(ShoeRecord.id, ShoeRecord.start_km)).all())
            runs = dict(s.execute(
                select(RunRecord.shoe_id, func.sum(RunRecord.distance_km))
                .where(RunRecord.shoe_id.is_not(None)).group_by(RunRecord.shoe_id)).all())
        return {shoe_id: round(start + (runs.get(shoe_id) or 0.0), 3) for shoe_id, start in starts.items()}

    def count(self) -> int:
        with self._sessions() as s:
            return s.scalar(select(func.count()).select_from(EntryRecord)) or 0

    def change_token(self) -> tuple[int, int, str]:
        """Cheap fingerprint that changes whenever any entry is added, edited or deleted."""
        with self._sessions() as s:
            row = s.execute(select(func.count(), func.max(EntryRecord.id),
                                   func.max(EntryRecord.updated_utc))).one()
        return int(row[0]), int(row[1] or 0), str(row[2] or "")

    # -- helpers --------------------------------------------------------------------------------

    def _record(self, s: Session, entry_id: int) -> EntryRecord:
        poly = with_polymorphic(EntryRecord, "*")
        record = s.scalar(select(poly).where(poly.id == entry_id))
        if record is None:
            raise NotFound(f"no entry with ID {entry_id}", "id")
        return record

    @staticmethod
    def _require_shoe(s: Session, shoe_id: int) -> None:
        if s.get(ShoeRecord, shoe_id) is None:
            raise NotFound(f"no shoe with ID {shoe_id}", "shoe_id")


def _integrity(exc: IntegrityError, entry: E.Entry) -> InvalidInput:
    message = str(exc.orig)
    if "UNIQUE" in message and isinstance(entry, E.Shoe):
        return InvalidInput(f"a shoe called {entry.name!r} already exists", "name")
    if "UNIQUE" in message and "entry.id" in message:
        return InvalidInput(f"an entry with ID {entry.id} already exists", "id")
    if "CHECK" in message:
        return InvalidInput(f"{entry.kind} refused by the journal: {message}")
    return InvalidInput(f"{entry.kind} refused by the journal: {message}")
