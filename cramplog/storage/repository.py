"""Provides `JournalRepository`: the one reader and writer of a journal, for every caller.

The CLI, the app, `edit` and every importer write through here, so there is one connection
policy (`db.connect`), one transaction per command (`BEGIN IMMEDIATE`, so a read-then-write
cannot race another process), one encoding of values (`rows.py`), one shoe matcher, one
check-in merge and one error translation (`errors.translated`). It runs on the standard
library's sqlite3: importing SQLAlchemy alone costs more than logging a cramp may take.
A journal on a PostgreSQL server (`paths.JournalURL`) goes through the very same code: the
few differences are one `Dialect` (how a write transaction starts, how an inserted ID comes
back), and `storage/pg.py` gives a connection with sqlite3's surface.
Methods take and return domain entries, which can cross threads; a lock serialises the
connection for the app's worker threads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

from ..domain import entries as E
from ..domain import shoes
from ..domain.clock import diary_day
from ..domain.days import DEFAULT_DAY_BOUNDARY
from ..domain.fields import printable
from ..domain.record import record
from ..domain.zones import zone
from ..errors import InvalidInput, JournalError, NotFound
from ..paths import JournalURL, ensure_private_dir, folder_of
from . import verify
from .db import connect, secure_file
from .errors import DISK_FULL, is_full, translated, unreadable
from .instants import instant, read_instant
from .migrate import prepare
from .rows import ANNOTATIONS, KEYS, TABLES, build, detail_fields, free_text, from_sql, to_sql, with_identity

if TYPE_CHECKING:
    from ..domain.experiment import Plan  # the plans' own table: imported by the methods that read it
    from ..paths import StrPath

_ENTRY_COLUMNS = ("id", "kind", "at_utc", "tz", "note", "uid")


@record
class Dialect:
    """What differs between the back ends, for the one writer."""

    write_begin: tuple[str, ...]
    """Starts a write transaction that holds the journal's one writer lock from the first read."""
    read_begin: tuple[str, ...]
    """Starts a read transaction: one consistent snapshot."""
    returning: bool
    """INSERT ... RETURNING id gives the new ID (else the cursor's `lastrowid`)."""
    sequence: bool
    """IDs come from a sequence, which an insert with an explicit ID must move past."""


SQLITE = Dialect(("BEGIN IMMEDIATE",), ("BEGIN",), returning=False, sequence=False)


def _server_dialect() -> Dialect:
    from .pg import READ_BEGIN, WRITE_BEGIN

    return Dialect(WRITE_BEGIN, READ_BEGIN, returning=True, sequence=True)


@record
class Saved:
    """What a save did: the stored entry, a shoe it created on the way, and the diary day
    whose "no cramps" check-in it turned off (if any): a new cramp's, or in an import a
    check-in's own for a day with a cramp."""

    entry: E.Entry
    new_shoe: E.Shoe | None = None
    cleared: dt.date | None = None
    before: E.Entry | None = None
    """The entry this save changed, as it was (a check-in merged into the day's; undo restores it)."""
    unchanged: bool = False
    """A check-in merged into its day's, which already said all of it: nothing was written."""


class JournalRepository:
    """The journal in one SQLite file or a PostgreSQL database. Build it with `open()`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: StrPath | JournalURL,
        dialect: Dialect = SQLITE,
        *,
        day_boundary: dt.time = DEFAULT_DAY_BOUNDARY,
        lock: threading.RLock | None = None,
    ) -> None:
        self._conn = conn
        self.path = path
        self._dialect = dialect
        self._lock = lock or threading.RLock()
        self._day_boundary = day_boundary
        self.backup_made: str | None = None
        """Path of the copy saved before a migration during `open()`, if one was made."""
        self.disk_full = False
        """Opened for reading on a full disk (`connect(exclusive=True)`): every write is refused."""

    @property
    def day_boundary(self) -> dt.time:
        """Where one diary day ends and the next (the setting), given when the journal is opened:
        the check-in merge files a cramp by it."""
        return self._day_boundary

    def with_day_boundary(self, boundary: dt.time) -> JournalRepository:
        """This journal (the same connection and lock) filing days at a new boundary: the app's
        Settings screen changes it while the journal stays open."""
        other = type(self)(self._conn, self.path, self._dialect, day_boundary=boundary, lock=self._lock)
        other.backup_made = self.backup_made
        return other

    @classmethod
    def open(
        cls,
        path: StrPath | JournalURL,
        *,
        create_folder: bool = True,
        adopt: bool = False,
        day_boundary: dt.time = DEFAULT_DAY_BOUNDARY,
    ) -> JournalRepository:
        """Open the journal at `path`, creating or upgrading it first; private to its owner.

        `day_boundary` is the setting `journal.day_boundary` (where the check-in merge ends a day).

        Its marks and schema are checked before anything is written (`verify.check_current`);
        with `adopt` (a file the user named), a file not made here is checked whole the first
        time (`verify.adopt`: every row through the domain).

        Raises `InvalidInput` for a file (or database) that isn't a journal (left untouched)
        and `JournalError` for one that cannot be used.
        """
        if isinstance(path, JournalURL):
            from . import pg

            server: Any = pg.open_journal(path)  # the sqlite3 surface the writer uses (`pg.Connection`)
            return cls(server, path, _server_dialect(), day_boundary=day_boundary)
        folder = folder_of(path)
        if create_folder:
            ensure_private_dir(folder)
        elif not os.path.isdir(folder):
            raise InvalidInput(f"cannot use journal {path}: folder {folder} does not exist", "db")
        new = not os.path.exists(path)
        backup = prepare(path)
        full = False
        with translated(path):
            try:
                conn = connect(path)
            except sqlite3.OperationalError as exc:
                if not is_full(exc, path):
                    raise
                conn, full = connect(path, exclusive=True), True  # still readable: list, export
            try:
                verify.check_current(conn, path)
                if new:
                    verify.remember(path)
                elif adopt:
                    verify.adopt(conn, path)
            except BaseException:
                conn.close()
                raise
            if new:  # ours: private; a file we did not make keeps its mode (a 0444 stays read-only)
                secure_file(path)
        repo = cls(conn, path, day_boundary=day_boundary)
        repo.backup_made = backup
        repo.disk_full = full
        return repo

    @classmethod
    @contextmanager
    def scratch(cls, day_boundary: dt.time = DEFAULT_DAY_BOUNDARY) -> Iterator[JournalRepository]:
        """An empty journal in a temporary folder, removed afterwards: what a dry run compares
        with when the journal does not exist yet (a dry run creates nothing, not even it)."""
        import shutil
        import tempfile

        folder = tempfile.mkdtemp(prefix="cramplog-dry-run-")
        try:
            path = os.path.join(folder, "journal.db")
            prepare(path)
            repo = cls(connect(path), path, day_boundary=day_boundary)
            try:
                yield repo
            finally:
                repo.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- transactions ---------------------------------------------------------------------------

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction, taken before the first read (`BEGIN IMMEDIATE` on SQLite)."""
        if self.disk_full:
            raise JournalError(DISK_FULL)
        return self._transaction(self._dialect.write_begin)

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        """One consistent snapshot for reads that take several statements."""
        return self._transaction(self._dialect.read_begin)

    @contextmanager
    def _transaction(self, begin: tuple[str, ...]) -> Iterator[sqlite3.Connection]:
        with self._lock, translated(self.path):
            for statement in begin:
                self._conn.execute(statement)
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            if self._conn.in_transaction:  # a dry run has rolled back already
                self._conn.execute("COMMIT")

    # -- writes ---------------------------------------------------------------------------------

    def add(self, entry: E.Entry, *, source: str = "cramplog", source_ref: str | None = None) -> E.Entry:
        """Insert `entry` (a check-in for a day that has one merges into it); return it stored."""
        with self._write() as conn:
            return self._add(conn, entry, _now(), source, source_ref).entry

    def save(self, entry: E.Entry) -> Saved:
        """Insert `entry`, or update the entry with its ID; say what the save did, from inside
        its own transaction (so no other writer can make the answer stale)."""
        if entry.id is None:
            with self._write() as conn:
                return self._add(conn, entry, _now(), "cramplog", None)
        changes = {f.name: getattr(entry, f.name) for f in dataclasses.fields(entry) if f.name != "id"}
        return self.edit(entry.id, **changes)

    def add_run(self, run: E.Run, shoe: str | None) -> Saved:
        """Insert a run in the shoe `shoe` names, adding that shoe first if it is new.

        A name close to an existing shoe's (case, spacing, a small typo) is refused with a
        suggestion instead, so a typo never makes a second shoe.
        """
        with self._write() as conn:
            new_shoe = None
            if shoe is not None:
                shoe_id, new_shoe = self._shoe_for(conn, shoe, run)
                run = dataclasses.replace(run, shoe_id=shoe_id)
            saved = self._add(conn, run, _now(), "cramplog", None)
            return dataclasses.replace(saved, new_shoe=new_shoe)

    def add_many(self, entries: Iterable[E.Entry], *, source: str = "cramplog") -> list[E.Entry]:
        """Insert all of `entries` in one transaction: all or nothing."""
        with self.bulk(source=source) as batch:
            return [batch.add(entry) for entry in entries]

    @contextmanager
    def bulk(self, *, source: str = "cramplog", dry_run: bool = False) -> Iterator[Batch]:
        """One transaction for many adds: `with repo.bulk() as batch: batch.add(entry)`.

        All or nothing. With `dry_run` every add runs, with every check the database makes,
        and the transaction is rolled back: a clean dry run means a clean import.
        """
        with self._write() as conn:
            yield Batch(self, conn, source, _now())
            if dry_run:
                conn.execute("ROLLBACK")

    def update(self, entry_id: int, **changes: Any) -> E.Entry:
        """Apply `changes` to entry `entry_id` (validated by the domain); return the new entry."""
        return self.edit(entry_id, **changes).entry

    def edit(self, entry_id: int, **changes: Any) -> Saved:
        """`update`, saying what else it did: a cramp moved onto a day checked in as "no cramps"
        turns that check-in off, as a cramp logged there would (`Saved.cleared`)."""
        with self._write() as conn:
            current = self._get(conn, entry_id)
            shoe = changes.pop("shoe", None)
            if shoe is not None and isinstance(current, E.Run):
                changes["shoe_id"] = self._shoe_for(conn, shoe, current)[0]
            updated = current.replace(**changes)
            if isinstance(updated, E.Shoe) and isinstance(current, E.Shoe) and updated.name != current.name:
                self._require_new_shoe_name(conn, updated.name, but=entry_id)
            if isinstance(updated, E.CheckIn) and isinstance(current, E.CheckIn) and updated.day != current.day:
                self._require_free_day(conn, updated.day)
            if isinstance(updated, E.CheckIn) and updated.no_cramps:
                self._require_no_cramp(conn, updated.day)
            cleared = self._outrank(conn, updated, _now()) if isinstance(updated, E.Cramp) else None
            self._store(conn, updated, _now(), insert=False)
            return Saved(self._get(conn, entry_id), cleared=cleared)

    def check_in(self, day: dt.date, tz: str, **values: Any) -> tuple[E.CheckIn, bool]:
        """Check in diary day `day`, merging `values` into its check-in if it has one.

        One write transaction; returns the check-in and whether it was new.
        """
        with self._write() as conn:
            if values.get("no_cramps"):
                self._require_no_cramp(conn, day)
            existing = self._checkin_on(conn, day)
            if existing is None:
                stored = self._add(conn, E.CheckIn(day=day, tz=tz, **values), _now(), "cramplog", None).entry
                return stored, True  # type: ignore[return-value]
            return self._merge_checkin(conn, existing, values, _now()), False

    def delete(self, entry_id: int, *, reopen_no_cramps: bool = False) -> E.Entry:
        """Delete entry `entry_id` and return it (for undo). A shoe with runs is refused.

        With `reopen_no_cramps` (undoing a cramp's save that turned its day's "no cramps"
        check-in off) the same transaction turns that check-in back on.
        """
        with self._write() as conn:
            entry = self._get(conn, entry_id)
            if isinstance(entry, E.Shoe):
                runs = conn.execute("SELECT count(*) FROM run WHERE shoe_id = ?", (entry_id,)).fetchone()[0]
                if runs:
                    raise InvalidInput(
                        f"shoe {entry_id} has {runs} runs; retire it instead "
                        f"(cramplog edit {entry_id} --retired today)",
                        "id",
                    )
            conn.execute("DELETE FROM entry WHERE id = ?", (entry_id,))
            if reopen_no_cramps and isinstance(entry, E.Cramp):
                checkin = self._no_cramps_checkin(conn, entry)  # unless the day has another cramp
                if checkin is not None and not checkin.no_cramps and not self._has_cramp(conn, checkin.day):
                    self._store(conn, checkin.replace(no_cramps=True), _now(), insert=False)
            return entry

    def restore(self, entry: E.Entry) -> E.Entry:
        """Put back a deleted entry under its old ID and uid (undo)."""
        return self.add(entry)

    # -- reads ----------------------------------------------------------------------------------

    def get(self, entry_id: int) -> E.Entry:
        with self._read() as conn:
            return self._get(conn, entry_id)

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
        where, args = _window(since, until)
        if kinds:
            where.append(f"e.kind IN ({', '.join('?' * len(kinds))})")
            args.extend(kinds)
        order = "DESC" if newest_first else "ASC"
        chosen = list(kinds) if kinds else list(E.KINDS)
        sql = _select(chosen)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY e.at_utc {order}, e.id {order}"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        with self._read() as conn:
            return [_entry(row, chosen) for row in conn.execute(sql, args)]

    def last(self, kind: str) -> E.Entry | None:
        found = self.entries([kind], limit=1, newest_first=True)
        return found[0] if found else None

    # -- planned experiments --------------------------------------------------------------------

    def experiments(self) -> list[Plan]:
        """Every planned self-experiment, oldest first."""
        from . import experiments

        with self._read() as conn:
            return experiments.plans(conn)

    def plan_experiment(self, new: Plan, today: dt.date) -> Plan:
        """Store `new`, fixed from now on. Its first night is `today`'s at the earliest (a plan is
        made before the nights it deals), and its nights may not overlap another experiment's
        that is running or planned."""
        if new.id is not None:
            raise InvalidInput("a planned experiment can't be changed, only stopped", "experiment")
        if new.start < today:
            raise InvalidInput(
                f"an experiment starts tonight ({today}) or later: its plan is fixed before its first night", "start"
            )
        from . import experiments

        with self._write() as conn:
            for other in experiments.plans(conn):
                if other.state(today) in ("running", "planned") and other.overlaps(new):
                    raise InvalidInput(
                        f"experiment #{other.id} runs until {other.last}: one experiment at a "
                        "time (cramplog experiment stop ends it)",
                        "start",
                    )
            experiment_id = experiments.insert(conn, new, _now(), self._dialect.returning)
        return dataclasses.replace(new, id=experiment_id)

    def stop_experiment(self, experiment_id: int, day: dt.date, reason: str) -> Plan:
        """Stop experiment `experiment_id` before diary day `day`'s night, saying why: the one
        change a plan takes, recorded and shown in its reading."""
        from . import experiments

        with self._write() as conn:
            found = experiments.plan(conn, experiment_id)
            if found is None:
                raise NotFound(f"no experiment with ID {experiment_id}", "id")
            if found.state(day) in ("complete", "stopped"):
                raise InvalidInput(f"experiment #{experiment_id} has already ended", "id")
            experiments.stop(conn, experiment_id, max(day, found.start), reason)
            stopped = experiments.plan(conn, experiment_id)
        assert stopped is not None
        return stopped

    def shoes(self) -> list[E.Shoe]:
        return [s for s in self.entries(["shoe"]) if isinstance(s, E.Shoe)]

    def contradictions(self) -> list[E.CheckIn]:
        """ "No cramps" check-ins whose diary day has a cramp, oldest first. Every save keeps the
        two apart; a new day boundary can move a cramp onto such a day (the cramp then counts)."""
        with self._read() as conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM checkin WHERE no_cramps ORDER BY day")]
            found = [self._get(conn, i) for i in ids]
            return [c for c in found if isinstance(c, E.CheckIn) and self._has_cramp(conn, c.day)]

    def shoe_names(self, entries: Iterable[E.Entry]) -> dict[int, str]:
        """Shoe ID -> name, for describing `entries` (no query when none of them is a run in a shoe)."""
        if not any(isinstance(e, E.Run) and e.shoe_id is not None for e in entries):
            return {}
        return {s.id: s.name for s in self.shoes() if s.id is not None}

    def shoe_distances(self) -> dict[int, float]:
        """Kilometres on each shoe: its starting distance plus every run logged in it."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT s.id, s.start_km, (SELECT sum(r.distance_km) FROM run r WHERE r.shoe_id = s.id) FROM shoe s"
            ).fetchall()
        return {shoe_id: round(start + (runs or 0.0), 3) for shoe_id, start, runs in rows}

    def count(self) -> int:
        with self._read() as conn:
            return int(conn.execute("SELECT count(*) FROM entry").fetchone()[0])

    def change_token(self) -> tuple[int, int, str]:
        """Cheap fingerprint that changes whenever any entry is added, edited or deleted."""
        with self._read() as conn:
            row = conn.execute("SELECT count(*), max(id), max(updated_utc) FROM entry").fetchone()
        return int(row[0]), int(row[1] or 0), str(row[2] or "")

    def kind_rows(
        self,
        kind: str,
        fields: Sequence[str],
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        oldest: int | None = None,
    ) -> list[tuple[Any, ...]]:
        """Plain rows `(id, at_utc, tz, *fields)` of one kind in `[since, until)`, oldest first
        (only the `oldest` first ones, when given).

        For the analysis, which needs a few columns of tens of thousands of entries: `at_utc`
        is a naive UTC datetime; the stretch `muscles` field stays comma-separated text.
        """
        for name in fields:
            if name not in detail_fields(kind):
                raise ValueError(f"{kind} has no column {name!r}")
        table = TABLES[kind]
        columns = ", ".join(f"d.{name}" for name in fields)
        sql = (
            f"SELECT e.id, e.at_utc, e.tz{', ' + columns if columns else ''} FROM entry e JOIN {table} d ON d.id = e.id"
        )
        where, args = _window(since, until)
        sql += " WHERE " + " AND ".join(["e.kind = ?", *where])  # walks ix_entry_kind_at_utc: no sort
        args.insert(0, kind)
        sql += " ORDER BY e.at_utc, e.id"
        if oldest is not None:
            sql += " LIMIT ?"
            args.append(int(oldest))
        parse = dt.datetime.fromisoformat
        # Only dates, flags and free text (cleaned) need decoding: REAL columns already give floats.
        decoders = [
            (i + 3, name)
            for i, name in enumerate(fields)
            if name != "muscles"
            and (not ANNOTATIONS[kind][name].startswith(("int", "str", "float")) or name in free_text(kind))
        ]
        with self._read() as conn:
            rows = conn.execute(sql, args).fetchall()
        if not decoders:
            return [(row[0], parse(row[1]), *row[2:]) for row in rows]
        out = []
        for row in rows:
            values = [row[0], parse(row[1]), *row[2:]]
            for i, name in decoders:
                values[i] = from_sql(kind, name, values[i])
            out.append(tuple(values))
        return out

    # -- the one write path ---------------------------------------------------------------------

    def _add(
        self,
        conn: sqlite3.Connection,
        entry: E.Entry,
        now: str,
        source: str,
        source_ref: str | None,
        *,
        bulk: bool = False,
    ) -> Saved:
        """The one insert. A "no cramps" check-in for a day with a cramp is refused, or in a
        `bulk` add (an import: all or nothing) comes in with that flag off, as a cramp logged
        after it would have turned it off."""
        cleared: dt.date | None = None
        if isinstance(entry, E.CheckIn) and entry.no_cramps and self._has_cramp(conn, entry.day):
            if not bulk:
                raise self._cramp_day(entry.day)
            cleared = entry.day
            entry = entry.replace(no_cramps=False)
        if isinstance(entry, E.CheckIn) and entry.id is None:
            existing = self._checkin_on(conn, entry.day)
            if existing is not None:  # a day has one check-in: a second one (an import) merges
                stated = entry.stated()
                if existing.replace(**stated) == existing:
                    return Saved(existing, unchanged=True)
                return Saved(self._merge_checkin(conn, existing, stated, now), before=existing)
        if isinstance(entry, E.Shoe):
            self._require_new_shoe_name(conn, entry.name)
        if isinstance(entry, E.Cramp):
            cleared = self._outrank(conn, entry, now)
        uid = entry.uid or str(uuid.uuid4())
        entry_id = self._store(conn, entry, now, insert=True, source=source, source_ref=source_ref, uid=uid)
        # What was written is what reading gives back (a test holds them equal), so a bulk
        # import need not read every row again; only the instant is shown in the entry's zone.
        at = entry.at if entry.date_field is not None else entry.at.astimezone(zone(entry.tz))
        return Saved(with_identity(entry, id=entry_id, uid=uid, at=at), cleared=cleared)

    def _store(
        self,
        conn: sqlite3.Connection,
        entry: E.Entry,
        now: str,
        *,
        insert: bool,
        source: str = "cramplog",
        source_ref: str | None = None,
        uid: str | None = None,
    ) -> int:
        """Write `entry`'s row and its kind's row; return its ID."""
        if (
            isinstance(entry, E.Run)
            and entry.shoe_id is not None
            and conn.execute("SELECT 1 FROM shoe WHERE id = ?", (entry.shoe_id,)).fetchone() is None
        ):
            raise NotFound(f"no shoe with ID {entry.shoe_id}", "shoe_id")
        insert_sql, update_sql = _WRITES[entry.kind]
        values = [to_sql(n, getattr(entry, n)) for n in _DETAILS[entry.kind]]
        values += [key(entry) for key in KEYS.get(entry.kind, {}).values()]
        if insert:
            params: list[Any] = [
                entry.kind,
                instant(entry.at),
                entry.tz,
                entry.note,
                uid or entry.uid,
                source,
                source_ref,
                now,
                now,
            ]
            sql = _INSERT_ENTRY
            if entry.id is not None:  # undo puts an entry back under its own ID
                sql, params = _INSERT_ENTRY_WITH_ID, [entry.id, *params]
            if self._dialect.returning:
                entry_id = int(conn.execute(sql + " RETURNING id", params).fetchone()[0])
            else:
                entry_id = int(conn.execute(sql, params).lastrowid or 0)
            if entry.id is not None and self._dialect.sequence:  # never hand this ID out again
                conn.execute(
                    "SELECT setval(pg_get_serial_sequence('entry', 'id'), ?) "
                    "WHERE ? > (SELECT last_value FROM entry_id_seq)",
                    (entry_id, entry_id),
                )
            conn.execute(insert_sql, [entry_id, *values])
            return entry_id
        entry_id = entry.id or 0
        conn.execute(
            "UPDATE entry SET at_utc = ?, tz = ?, note = ?, updated_utc = ? WHERE id = ?",
            (instant(entry.at), entry.tz, entry.note, now, entry_id),
        )
        conn.execute(update_sql, [*values, entry_id])
        return entry_id

    def _next_ids(self, conn: sqlite3.Connection, n: int) -> list[int]:
        """`n` IDs never handed out before, taken inside the write transaction."""
        if n == 0:
            return []
        if self._dialect.sequence:
            rows = conn.execute(
                "SELECT nextval(pg_get_serial_sequence('entry', 'id')) FROM generate_series(1, ?)", (n,)
            ).fetchall()
            return [int(r[0]) for r in rows]
        row = conn.execute(
            "SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM entry UNION ALL "
            "SELECT seq FROM sqlite_sequence WHERE name = 'entry')"
        ).fetchone()
        first = int(row[0] or 0) + 1
        return list(range(first, first + n))

    def _get(self, conn: sqlite3.Connection, entry_id: int) -> E.Entry:
        if not 0 < entry_id < 2**63:
            raise NotFound(f"no entry with ID {entry_id}", "id")
        row = conn.execute("SELECT kind FROM entry WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise NotFound(f"no entry with ID {entry_id}", "id")
        return _entry(conn.execute(_select([row[0]]) + " WHERE e.id = ?", (entry_id,)).fetchone(), [row[0]])

    def _merge_checkin(
        self, conn: sqlite3.Connection, existing: E.CheckIn, values: dict[str, Any], now: str
    ) -> E.CheckIn:
        """The one check-in merge: `values` over the day's existing check-in, in place."""
        self._store(conn, existing.replace(**values), now, insert=False)
        return self._get(conn, existing.id or 0)  # type: ignore[return-value]

    def _outrank(self, conn: sqlite3.Connection, cramp: E.Cramp, now: str) -> dt.date | None:
        """A cramp logged (or moved) onto a day checked in as "no cramps" turns that off in the
        same write; return that diary day (None: nothing to turn off)."""
        checkin = self._no_cramps_checkin(conn, cramp)
        if checkin is None or not checkin.no_cramps:
            return None
        self._store(conn, checkin.replace(no_cramps=False), now, insert=False)
        return checkin.day

    def _no_cramps_checkin(self, conn: sqlite3.Connection, cramp: E.Cramp) -> E.CheckIn | None:
        """The check-in of `cramp`'s diary day, whose "no cramps" flag the cramp turns off (and
        undoing its save turns back on): the one rule for which check-in a cramp touches."""
        return self._checkin_on(conn, E.entry_day(cramp, self.day_boundary))

    def _checkin_on(self, conn: sqlite3.Connection, day: dt.date) -> E.CheckIn | None:
        row = conn.execute("SELECT id FROM checkin WHERE day = ?", (day.isoformat(),)).fetchone()
        return None if row is None else self._get(conn, row[0])  # type: ignore[return-value]

    def _require_no_cramp(self, conn: sqlite3.Connection, day: dt.date) -> None:
        """A diary day with a cramp logged can't be checked in as cramp-free (the journal would
        contradict itself); a cramp logged later turns such a check-in off instead (`_add`)."""
        if self._has_cramp(conn, day):
            raise self._cramp_day(day)

    def _has_cramp(self, conn: sqlite3.Connection, day: dt.date) -> bool:
        """Whether a cramp is logged on diary day `day` (the day of the zone it was logged in)."""
        since = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(), tzinfo=dt.timezone.utc)
        rows = conn.execute(_CRAMPS_BETWEEN, (instant(since), instant(since + dt.timedelta(days=4))))
        return any(diary_day(read_instant(at), tz, self.day_boundary) == day for at, tz in rows)

    @staticmethod
    def _cramp_day(day: dt.date) -> InvalidInput:
        return InvalidInput(f"{day:%a %d %b} has a cramp logged, so it can't be checked in as cramp-free", "no_cramps")

    def _require_free_day(self, conn: sqlite3.Connection, day: dt.date) -> None:
        if self._checkin_on(conn, day) is not None:
            raise InvalidInput(f"{day} already has a check-in; edit that one instead", "day")

    def _require_new_shoe_name(self, conn: sqlite3.Connection, name: str, but: int | None = None) -> None:
        """The shoe-name rule (`shoes.check_new_name`: unique ignoring case, in any script), for a
        new shoe or a renamed one (`but`: its own ID)."""
        shoes.check_new_name(name, [(i, n) for i, n in conn.execute("SELECT id, name FROM shoe") if i != but])

    def _shoe_for(self, conn: sqlite3.Connection, text: str, run: E.Run) -> tuple[int, E.Shoe | None]:
        """The shoe `text` names (`domain.shoes.resolve`), or a new one by that name."""
        match = shoes.resolve(text, conn.execute("SELECT id, name FROM shoe").fetchall())
        if match.id is not None:
            return match.id, None
        shoe = E.Shoe(name=match.name, first_used=run.at.date(), tz=run.tz)
        stored = self._add(conn, shoe, _now(), "cramplog", None).entry
        return stored.id or 0, stored  # type: ignore[return-value]


class Batch:
    """Adds inside one write transaction (see `JournalRepository.bulk`)."""

    def __init__(self, repo: JournalRepository, conn: sqlite3.Connection, source: str, now: str) -> None:
        self._repo, self._conn, self._source, self._now = repo, conn, source, now
        self.no_cramps_off: set[dt.date] = set()
        """Diary days whose "no cramps" the batch turned off: a cramp came in for the day, or
        the check-in came in for a day with a cramp (`JournalRepository._add`)."""

    def add(self, entry: E.Entry, source_ref: str | None = None, source: str | None = None) -> E.Entry:
        return self.save(entry, source_ref, source).entry

    def save(self, entry: E.Entry, source_ref: str | None = None, source: str | None = None) -> Saved:
        """`add`, saying what the add did (`Saved`: a merge that changed nothing, a day turned off)."""
        saved = self._repo._add(self._conn, entry, self._now, source or self._source, source_ref, bulk=True)
        if saved.cleared is not None:
            self.no_cramps_off.add(saved.cleared)
        return saved

    def id_of_uid(self, uid: str) -> int | None:
        """The ID of the entry with this stable uid, if the journal has it."""
        row = self._conn.execute("SELECT id FROM entry WHERE uid = ?", (uid,)).fetchone()
        return None if row is None else int(row[0])

    def uids(self) -> set[str]:
        """Every uid the journal holds (one query, for matching a whole export at once)."""
        return {row[0] for row in self._conn.execute("SELECT uid FROM entry")}

    def id_of_ref(self, source: str, source_ref: str) -> int | None:
        """The ID of the entry an import from `source` already brought in under `source_ref`."""
        row = self._conn.execute(
            "SELECT id FROM entry WHERE source = ? AND source_ref = ?", (source, source_ref)
        ).fetchone()
        return None if row is None else int(row[0])

    def entries_near(self, kind: str, since: dt.datetime, until: dt.datetime) -> list[E.Entry]:
        """Entries of `kind` in `[since, until)`, to match an import against what is there."""
        return [entry for entry, _ in self.sourced(kind, since, until)]

    def sourced(self, kind: str, since: dt.datetime, until: dt.datetime) -> list[tuple[E.Entry, str]]:
        """(entry, the source it came from) of `kind` in `[since, until)`, in one query."""
        sql = _select([kind]).replace(" FROM entry e", ", e.source FROM entry e", 1)
        rows = self._conn.execute(
            sql + " WHERE e.kind = ? AND e.at_utc >= ? AND e.at_utc < ?", (kind, instant(since), instant(until))
        ).fetchall()
        return [(_entry(row[:-1], [kind]), str(row[-1])) for row in rows]

    def refs(self, sources: Iterable[str]) -> dict[tuple[str, str], int]:
        """(source, source_ref) -> ID of every entry imported from `sources`, in one query."""
        wanted = sorted(set(sources))
        if not wanted:
            return {}
        sql = f"SELECT source, source_ref, id FROM entry WHERE source_ref IS NOT NULL AND source IN ({_marks(wanted)})"
        return {(str(src), str(ref)): int(entry_id) for src, ref, entry_id in self._conn.execute(sql, wanted)}

    def stored(self, entry_id: int) -> tuple[E.Entry, str]:
        """The entry with this ID and the source it came from."""
        row = self._conn.execute("SELECT source FROM entry WHERE id = ?", (entry_id,)).fetchone()
        return self._repo._get(self._conn, entry_id), str(row[0])

    def fill(self, entry: E.Entry, changes: dict[str, Any]) -> E.Entry:
        """Write `changes` (validated by the domain) to a stored `entry`, in this transaction."""
        changed = entry.replace(**changes)
        self._repo._store(self._conn, changed, self._now, insert=False)
        return changed

    def add_plain(self, entries: Sequence[tuple[E.Entry, str, str | None]]) -> list[int]:
        """Insert (entry, source, source_ref) of kinds no rule of `_add` touches (not check-ins,
        cramps or shoes), with one statement per table: what an import of thousands needs.
        Return their new IDs, in order."""
        if any(entry.kind in RULED or entry.id is not None for entry, _, _ in entries):
            raise ValueError("add_plain takes new entries of kinds without rules")
        shoe_ids = {e.shoe_id for e, _, _ in entries if isinstance(e, E.Run) and e.shoe_id is not None}
        if shoe_ids:
            known = {
                int(r[0])
                for r in self._conn.execute(f"SELECT id FROM shoe WHERE id IN ({_marks(shoe_ids)})", sorted(shoe_ids))
            }
            if shoe_ids - known:
                raise NotFound(f"no shoe with ID {min(shoe_ids - known)}", "shoe_id")
        ids = self._repo._next_ids(self._conn, len(entries))
        rows: list[list[Any]] = []
        details: dict[str, list[list[Any]]] = {}
        for entry_id, (entry, source, ref) in zip(ids, entries):
            uid = entry.uid or str(uuid.uuid4())
            rows.append(
                [entry_id, entry.kind, instant(entry.at), entry.tz, entry.note, uid, source, ref, self._now, self._now]
            )
            details.setdefault(entry.kind, []).append(
                [entry_id, *(to_sql(n, getattr(entry, n)) for n in _DETAILS[entry.kind])]
            )
        if rows:
            self._conn.executemany(_INSERT_ENTRY_WITH_ID, rows)
            for kind, values in details.items():
                self._conn.executemany(_WRITES[kind][0], values)
        return ids

    def experiments(self) -> list[Plan]:
        """Every planned experiment, oldest first (to match an import's against)."""
        from . import experiments

        return experiments.plans(self._conn)

    def add_experiment(self, plan: Plan) -> Plan:
        """Insert an experiment as it stands (an export's: planned, run, maybe stopped); the
        caller has checked it overlaps none."""
        from . import experiments

        new_id = experiments.insert(self._conn, plan, self._now, self._repo._dialect.returning)
        return dataclasses.replace(plan, id=new_id)

    def shoe_named(self, name: str) -> int | None:
        """The ID of the shoe called `name` (the domain's rule: `shoes.name_key`), if there is one."""
        found = self._conn.execute("SELECT id FROM shoe WHERE name_key = ?", (shoes.name_key(name),)).fetchone()
        return None if found is None else int(found[0])


RULED = ("checkin", "cramp", "shoe")
"""Kinds whose add `JournalRepository._add` checks against what is stored (a day's one check-in,
a cramp outranking "no cramps", a shoe's unique name); the rest are plain inserts."""


def _marks(values: Iterable[object]) -> str:
    return ", ".join("?" for _ in values)


_CRAMPS_BETWEEN = "SELECT at_utc, tz FROM entry WHERE kind = 'cramp' AND at_utc >= ? AND at_utc < ?"
"""Cramps in `[since, until)`: four days around a diary day hold its cramps from any zone."""
_ENTRY_COLUMNS_WRITTEN = "kind, at_utc, tz, note, uid, source, source_ref, created_utc, updated_utc"
_INSERT_ENTRY = f"INSERT INTO entry ({_ENTRY_COLUMNS_WRITTEN}) VALUES ({', '.join('?' * 9)})"
_INSERT_ENTRY_WITH_ID = f"INSERT INTO entry (id, {_ENTRY_COLUMNS_WRITTEN}) VALUES ({', '.join('?' * 10)})"
_DETAILS = {kind: tuple(detail_fields(kind)) for kind in E.KINDS}
_WRITES = {
    kind: (
        f"INSERT INTO {TABLES[kind]} (id, {', '.join(names)}) VALUES ({', '.join('?' * (len(names) + 1))})",
        f"UPDATE {TABLES[kind]} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
    )
    for kind, names in ((kind, (*fields, *KEYS.get(kind, ()))) for kind, fields in _DETAILS.items())
}
"""Each kind's INSERT and UPDATE of its own table (its fields, then its `KEYS`), built once."""


def _window(since: dt.datetime | None, until: dt.datetime | None) -> tuple[list[str], list[object]]:
    """The conditions (and their arguments) for entries in `[since, until)`."""
    where: list[str] = []
    args: list[object] = []
    if since is not None:
        where.append("e.at_utc >= ?")
        args.append(instant(since))
    if until is not None:
        where.append("e.at_utc < ?")
        args.append(instant(until))
    return where, args


def _now() -> str:
    return instant(dt.datetime.now(dt.timezone.utc))


def _select(kinds: list[str]) -> str:
    """SELECT of the common columns plus every detail column of `kinds`, one row per entry."""
    columns = [f"e.{c}" for c in _ENTRY_COLUMNS]
    joins = []
    for kind in kinds:
        table = TABLES[kind]
        columns += [f"{table}.{n}" for n in detail_fields(kind)]
        joins.append(f"LEFT JOIN {table} ON {table}.id = e.id")
    return f"SELECT {', '.join(columns)} FROM entry e {' '.join(joins)}"


def _entry(row: Sequence[Any], kinds: Sequence[str]) -> E.Entry:
    """The entry for a row of `_select(kinds)`: its kind's columns sit at a known offset."""
    kind, offset = row[1], len(_ENTRY_COLUMNS)
    for other in kinds:
        names = detail_fields(other)
        if other == kind:
            details = dict(zip(names, row[offset : offset + len(names)], strict=True))
            try:
                return build(kind, row[0], row[2], row[3], row[4], row[5], details)
            except (TypeError, ValueError, OverflowError, AttributeError, KeyError, InvalidInput):
                raise unreadable(f"entry #{row[0]} ({kind}) with a value cramplog cannot read") from None
        offset += len(names)
    raise unreadable(f"entry #{row[0]} of a kind cramplog does not know ({printable(str(kind))[:20]!r})")
