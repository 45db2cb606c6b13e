"""Provides the journal's own export formats and the import of its JSON export and of
other apps' records.

Export version 2 carries each entry's stable `uid`, so an import is idempotent: an entry whose
uid the journal has is "already there", a shoe is matched by uid or by name (ignoring case),
and `import` of two journals' exports gives their union. Version 3 adds the planned experiments
(each with its seed, so its nights are dealt again as they were): one the journal has (the same
plan from the same seed) is already there, one whose nights overlap another's is skipped. One transaction for the whole
import; `dry_run` runs the very same adds and rolls back. Entries of kinds without rules
(drinks, runs, food, ...) are written with one statement per table (`Batch.add_plain`);
check-ins and cramps go one at a time through the rules that keep the journal from saying
both. An app's record already in the journal is filled in where the stored entry has gaps.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .. import __version__
from ..domain import entries as E
from ..domain import experiment as X
from ..domain.fields import printable
from ..domain.fill import filled, gaps
from ..domain.summary import listed, plural
from ..errors import InvalidInput
from ..shapes import CSV_LEAD, EXPORT_FORMAT, VERSIONS
from .repository import RULED, Batch, JournalRepository, Saved

EXPORT_VERSION = VERSIONS["export"]
READABLE_VERSIONS = tuple(range(1, EXPORT_VERSION + 1))
"""Every export version this cramplog has written: a new one is read as soon as it is written."""


EXPORT_FORMATS = ("json", "csv")


def export_document(entries: list[E.Entry], now: dt.datetime, plans: Sequence[X.Plan] = ()) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now.isoformat(),
        "generator": f"cramplog {__version__}",
        "entries": [E.to_dict(e) for e in entries],
        "experiments": [X.to_dict(p) for p in plans],
    }


def export_bytes(repo: JournalRepository, now: dt.datetime, fmt: str = "json") -> bytes:
    """The journal's export, for the CLI and the app alike: the JSON document (complete,
    re-importable: every entry and every planned experiment) or the wide CSV (entries only,
    for spreadsheets)."""
    if fmt == "csv":
        return csv_text(repo.entries()).encode("utf-8")
    document = export_document(repo.entries(), now, repo.experiments())
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


CSV_LEAVES_OUT = "planned experiments (the JSON export carries them)"
"""What the CSV export does not hold, said when it is written."""


def csv_text(entries: list[E.Entry]) -> str:
    """One row per entry, every kind's fields as columns (for spreadsheets; not re-importable)."""
    columns = list(CSV_LEAD)
    for kind in E.KINDS:
        columns += [c for c in E.field_names(kind) if c not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        row = E.to_dict(entry)
        writer.writerow({k: (";".join(v) if isinstance(v, list) else v) for k, v in row.items()})
    return out.getvalue()


@dataclass
class Export:
    """A cramplog JSON export as read: `(old ID, entry)` for every entry, and the experiments."""

    entries: list[tuple[Any, E.Entry]]
    plans: list[X.Plan]


def read_export(text: str, name: str, now: dt.datetime | None = None) -> Export:
    """Every record of a cramplog JSON export; refuses the file whole (an entry after `now`,
    from the future, included)."""
    try:
        data = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})", "file") from None
    except RecursionError:
        raise InvalidInput(f"{name} is nested too deeply to be a cramplog export", "file") from None
    if isinstance(data, dict) and data.get("format") == EXPORT_FORMAT:
        version = data.get("version")
        if type(version) is not int or version not in READABLE_VERSIONS:  # `true` is not 1
            raise InvalidInput(
                f"{name} is export version {data.get('version')!r}; this cramplog reads "
                f"{', '.join(map(str, READABLE_VERSIONS))}",
                "file",
            )
        plans = _plans(data.get("experiments", []), name)
        data = data.get("entries")
    else:
        plans = []
    if not isinstance(data, list):
        raise InvalidInput(f"{name} is not a cramplog export (expected a list of entries)", "file")
    parsed = []
    for n, record in enumerate(data, 1):
        if not isinstance(record, dict) or not _flat(record):
            raise InvalidInput(f"entry {n} in {name} is not an entry record", "file")
        old_id = record.get("id")
        if old_id is not None and type(old_id) is not int:  # runs name their shoe by it
            raise InvalidInput(
                f"entry {n} in {name} ({printable(str(record.get('kind')))[:20]}): its id must be "
                f"a whole number, got {printable(repr(old_id))[:40]}",
                "file",
            )
        try:
            parsed.append((record.get("id"), E.from_dict({**record, "id": None}, now=now)))
        except InvalidInput as exc:
            raise InvalidInput(f"entry {n} in {name} ({record.get('kind')}): {exc}", "file") from None
        except (TypeError, ValueError, OverflowError) as exc:
            raise InvalidInput(f"entry {n} in {name} ({record.get('kind')}): {exc}", "file") from None
    return Export(parsed, plans)


def _plans(data: Any, name: str) -> list[X.Plan]:
    if not isinstance(data, list):
        raise InvalidInput(f"{name}: its experiments are not a list", "file")
    plans = []
    for n, record in enumerate(data, 1):
        if not isinstance(record, dict):
            raise InvalidInput(f"experiment {n} in {name} is not an experiment record", "file")
        try:
            plans.append(X.from_dict(record))
        except InvalidInput as exc:
            raise InvalidInput(f"experiment {n} in {name}: {exc}", "file") from None
    return plans


def _json_int(digits: str) -> int | float:
    """A JSON integer; one of more than 30 digits (beyond every bound, and past the 4,300 Python
    reads) is infinite, so the field it fills refuses it like any other out-of-range number."""
    if len(digits.lstrip("-").lstrip("0")) > 30:
        return float("-inf") if digits.startswith("-") else float("inf")
    return int(digits)


def _flat(record: dict[str, Any]) -> bool:
    """An entry record holds values and lists of words, nothing nested deeper."""
    for value in record.values():
        if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
            return False
    return True


class Record(Protocol):
    """An entry read from another app's file (`cramplog.importers.Imported` has this shape)."""

    @property
    def entry(self) -> E.Entry: ...
    @property
    def source(self) -> str: ...
    @property
    def source_ref(self) -> str: ...
    @property
    def shoe_name(self) -> str | None: ...
    @property
    def also(self) -> tuple[tuple[str, str], ...]: ...


Match = Callable[[E.Entry, E.Entry], bool]
"""Whether two entries from different sources are records of one thing
(`importers.records.matches`)."""
NEAR = dt.timedelta(minutes=3)


@dataclass
class ImportResult:
    added: Counter[str] = field(default_factory=Counter)
    already: int = 0
    new_shoes: list[str] = field(default_factory=list)
    no_cramps_off: list[dt.date] = field(default_factory=list)
    """Diary days whose "no cramps" check-in the import turned off (a cramp that day), oldest first."""
    filled: Counter[str] = field(default_factory=Counter)
    """Fields a later source filled in on entries already there, with how many entries each."""
    filled_entries: int = 0
    """Entries already there that a later source filled in."""
    experiments: int = 0
    """Planned experiments added."""
    overlapping: list[X.Plan] = field(default_factory=list)
    """Experiments skipped: their nights overlap one the journal has (plans never overlap)."""

    def no_cramps_note(self, dry_run: bool = False) -> str:
        """The line that names the days whose "no cramps" was (or would be) turned off ("" when none)."""
        days = self.no_cramps_off
        if not days:
            return ""
        named = listed([f"{d:%a %d %b %Y}" for d in days])
        return (
            f'"no cramps" {"would be " if dry_run else ""}turned off for {plural(len(days), "day")} '
            f"with a cramp: {named}"
        )


def import_all(
    repo: JournalRepository,
    own: list[tuple[Any, E.Entry]],
    other: Sequence[Record] = (),
    *,
    plans: Sequence[X.Plan] = (),
    match: Match | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Add what the journal lacks, from cramplog exports (`own` entries, `plans`) and other apps'
    files (`other`), in ONE transaction: all or nothing; `dry_run` makes the same adds and rolls back."""
    result = ImportResult()
    with repo.bulk(dry_run=dry_run) as batch:
        _import_own(batch, own, result)
        _import_plans(batch, plans, result)
        _import_records(batch, other, match, result)
        result.no_cramps_off = sorted(batch.no_cramps_off)
    return result


def _import_own(batch: Batch, records: list[tuple[Any, E.Entry]], result: ImportResult) -> None:
    shoes = [(old, e) for old, e in records if isinstance(e, E.Shoe)]
    others = [e for _, e in records if not isinstance(e, E.Shoe)]
    shoe_ids: dict[Any, int] = {}
    for old, shoe in shoes:
        existing = (shoe.uid and batch.id_of_uid(shoe.uid)) or batch.shoe_named(shoe.name)
        shoe_ids[old] = existing or _add(batch, shoe, result).id or 0
        result.already += bool(existing)
    known = batch.uids()
    plain = _Plain(batch, result)
    for entry in others:
        if entry.uid and entry.uid in known:
            result.already += 1
            continue
        if isinstance(entry, E.Run) and entry.shoe_id is not None:
            if entry.shoe_id not in shoe_ids:
                raise InvalidInput(f"a run refers to shoe {entry.shoe_id}, which is not in the file", "file")
            entry = entry.replace(shoe_id=shoe_ids[entry.shoe_id])
        if entry.kind in RULED:  # check-ins and cramps: one at a time, through the rules
            plain.before(entry)
            _add(batch, entry, result)
        else:
            plain.add(entry, "cramplog", None)
    plain.flush()


def _import_plans(batch: Batch, plans: Sequence[X.Plan], result: ImportResult) -> None:
    """Experiments from exports: one the journal has is already there; one that overlaps another
    is skipped (never stored beside it: one experiment at a time); the rest added as they stand."""
    stored = batch.experiments()
    for plan in plans:
        if any(plan.same(s) for s in stored):
            result.already += 1
        elif any(plan.overlaps(s) for s in stored):
            result.overlapping.append(plan)
        else:
            stored.append(batch.add_experiment(plan))
            result.experiments += 1


def _import_records(batch: Batch, records: Sequence[Record], match: Match | None, result: ImportResult) -> None:
    """Records from other apps: one already in the journal (by its source ID, or, from another
    source, by `match`) is filled in where it has gaps (`domain.fill`) and counted as already
    there; the rest are added, shoes found by name or added."""
    known = batch.refs({src for r in records for src, _ in [(r.source, r.source_ref), *r.also]})
    near = _Near(batch, records) if match is not None else None
    plain = _Plain(batch, result)
    for record in records:
        refs = [(record.source, record.source_ref), *record.also]
        hit = next((known[ref] for ref in refs if ref in known), None)
        stored = batch.stored(hit) if hit is not None else None
        if stored is None and near is not None and match is not None:
            stored = near.find(record, match)
        if stored is not None:
            result.already += 1
            _fill_in(batch, stored, record, result)
            continue
        entry = record.entry
        if record.shoe_name and isinstance(entry, E.Run):
            entry = entry.replace(shoe_id=_shoe(batch, record.shoe_name, entry, result))
        if entry.kind in RULED:
            plain.before(entry)
            _counted(batch.save(entry, source_ref=record.source_ref, source=record.source), result)
        else:
            plain.add(entry, record.source, record.source_ref)
    plain.flush()


class _Near:
    """The stored entries an import's records may match, read once per kind for the span the
    records cover and found by the minute (or day) they fall in."""

    def __init__(self, batch: Batch, records: Sequence[Record]) -> None:
        self.by_bucket: dict[tuple[str, int], list[tuple[E.Entry, str]]] = {}
        spans: dict[str, list[dt.datetime]] = {}
        for r in records:
            spans.setdefault(r.entry.kind, []).append(r.entry.at)
        for kind, times in spans.items():
            if kind not in ("run", "drink", "food"):
                continue
            for entry, source in batch.sourced(kind, min(times) - _span(kind), max(times) + _span(kind)):
                self.by_bucket.setdefault((kind, _bucket(entry)), []).append((entry, source))

    def find(self, record: Record, match: Match) -> tuple[E.Entry, str] | None:
        """A stored entry of another source that is this record's thing (never one of its own
        source: two records of one source are never one thing)."""
        entry = record.entry
        here = _bucket(entry)
        for bucket in (here - 1, here, here + 1):
            for stored, source in self.by_bucket.get((entry.kind, bucket), ()):
                if source != record.source and match(entry, stored):
                    return stored, source
        return None


def _span(kind: str) -> dt.timedelta:
    return dt.timedelta(days=1) if kind == "food" else NEAR


def _bucket(entry: E.Entry) -> int:
    """The day (food) or the 3-minute slot (runs, drinks) an entry's instant falls in."""
    seconds = int(entry.at.timestamp())
    return seconds // (86400 if isinstance(entry, E.Food) else int(NEAR.total_seconds()))


def _fill_in(batch: Batch, stored: tuple[E.Entry, str], record: Record, result: ImportResult) -> None:
    """A later source adds what the stored entry lacks (`domain.fill`) and its shoe; never a
    value that is there."""
    entry, source = stored
    changes = gaps(entry, source, record.entry, record.source)
    if record.shoe_name and isinstance(entry, E.Run) and entry.shoe_id is None:
        changes["shoe_id"] = _shoe(batch, record.shoe_name, entry, result)
    if not changes or filled(entry, changes) is None:
        return
    batch.fill(entry, changes)
    result.filled_entries += 1
    result.filled.update("shoe" if name == "shoe_id" else "zone" if name == "tz" else name for name in changes)


def _shoe(batch: Batch, name: str, run: E.Entry, result: ImportResult) -> int:
    """The ID of the shoe called `name`, added if the journal has none by that name."""
    shoe_id = batch.shoe_named(name)
    if shoe_id is None:
        shoe = E.Shoe(name=name, first_used=run.at.date(), tz=run.tz)
        shoe_id = batch.add(shoe, source_ref=None).id or 0
        result.new_shoes.append(shoe.name)
    return shoe_id


class _Plain:
    """Entries of kinds without rules, held to be written together (`Batch.add_plain`). Those
    held at the instant of a check-in or cramp about to be added are written first, so entries
    of one instant keep the order of the file (the journal lists them by instant, then ID)."""

    def __init__(self, batch: Batch, result: ImportResult) -> None:
        self.batch, self.result = batch, result
        self.held: list[tuple[E.Entry, str, str | None]] = []
        self.instants: set[dt.datetime] = set()

    def add(self, entry: E.Entry, source: str, ref: str | None) -> None:
        self.held.append((entry, source, ref))
        self.instants.add(entry.at)

    def before(self, entry: E.Entry) -> None:
        if entry.at in self.instants:
            self.flush()

    def flush(self) -> None:
        self.batch.add_plain(self.held)
        self.result.added.update(entry.kind for entry, _, _ in self.held)
        self.held, self.instants = [], set()


def _add(batch: Batch, entry: E.Entry, result: ImportResult) -> E.Entry:
    return _counted(batch.save(entry), result)


def _counted(saved: Saved, result: ImportResult) -> E.Entry:
    """Count one add: imported, or already there (a check-in its day's check-in already says)."""
    if saved.unchanged:
        result.already += 1
    else:
        result.added[saved.entry.kind] += 1
    return saved.entry
