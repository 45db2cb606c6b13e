"""Provides the journal's own export formats and the import of its JSON export.

Export version 2 carries each entry's stable `uid`, so an import is idempotent: an entry whose
uid the journal has is "already there", a shoe is matched by uid or by name (ignoring case),
and `import` of two journals' exports gives their union. One transaction for the whole
import; `dry_run` runs the very same adds and rolls back.
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

from ..domain import entries as E
from ..domain.fields import printable
from ..domain.summary import listed
from ..errors import InvalidInput
from .repository import Batch, JournalRepository, Saved

EXPORT_FORMAT = "cramplog-export"
EXPORT_VERSION = 2
READABLE_VERSIONS = (1, 2)


def export_document(entries: list[E.Entry], now: dt.datetime, generator: str) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now.isoformat(),
        "generator": generator,
        "entries": [E.to_dict(e) for e in entries],
    }


def csv_text(entries: list[E.Entry]) -> str:
    """One row per entry, every kind's fields as columns (for spreadsheets; not re-importable)."""
    columns = ["id", "uid", "kind", "at", "tz", "note"]
    for kind in E.KINDS:
        columns += [c for c in E.field_names(kind) if c not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        row = E.to_dict(entry)
        writer.writerow({k: (";".join(v) if isinstance(v, list) else v) for k, v in row.items()})
    return out.getvalue()


def read_export(text: str, name: str, now: dt.datetime | None = None) -> list[tuple[Any, E.Entry]]:
    """`(old ID, entry)` for every record of a cramplog JSON export; refuses the file whole
    (an entry after `now`, from the future, included)."""
    try:
        data = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})", "file") from None
    except RecursionError:
        raise InvalidInput(f"{name} is nested too deeply to be a cramplog export", "file") from None
    if isinstance(data, dict) and data.get("format") == EXPORT_FORMAT:
        version = data.get("version")
        if type(version) is not int or version not in READABLE_VERSIONS:  # `true` is not 1
            raise InvalidInput(f"{name} is export version {data.get('version')!r}; this cramplog reads "
                               f"{' and '.join(map(str, READABLE_VERSIONS))}", "file")
        data = data.get("entries")
    if not isinstance(data, list):
        raise InvalidInput(f"{name} is not a cramplog export (expected a list of entries)", "file")
    parsed = []
    for n, record in enumerate(data, 1):
        if not isinstance(record, dict) or not _flat(record):
            raise InvalidInput(f"entry {n} in {name} is not an entry record", "file")
        old_id = record.get("id")
        if old_id is not None and type(old_id) is not int:  # runs name their shoe by it
            raise InvalidInput(f"entry {n} in {name} ({printable(str(record.get('kind')))[:20]}): its id must be "
                               f"a whole number, got {printable(repr(old_id))[:40]}", "file")
        try:
            parsed.append((record.get("id"), E.from_dict({**record, "id": None}, now=now)))
        except InvalidInput as exc:
            raise InvalidInput(f"entry {n} in {name} ({record.get('kind')}): {exc}", "file") from None
        except (TypeError, ValueError, OverflowError) as exc:
            raise InvalidInput(f"entry {n} in {name} ({record.get('kind')}): {exc}", "file") from None
    return parsed


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


Keys = Callable[[E.Entry], tuple[str, ...]]
"""The match keys of an entry (`importers.records.candidate_keys`): equal keys, same thing."""
NEAR = dt.timedelta(minutes=3)


@dataclass
class ImportResult:
    added: Counter[str] = field(default_factory=Counter)
    already: int = 0
    new_shoes: list[str] = field(default_factory=list)
    no_cramps_off: list[dt.date] = field(default_factory=list)
    """Diary days whose "no cramps" check-in the import turned off (a cramp that day), oldest first."""

    def summary(self) -> str:
        added = ", ".join(f"{n} {kind}" for kind, n in self.added.items()) or "nothing new"
        return f"{sum(self.added.values())} entries ({added}); {self.already} already there"

    def no_cramps_note(self, dry_run: bool = False) -> str:
        """The line that names the days whose "no cramps" was (or would be) turned off ("" when none)."""
        days = self.no_cramps_off
        if not days:
            return ""
        named = listed([f"{d:%a %d %b %Y}" for d in days])
        return (f"\"no cramps\" {'would be ' if dry_run else ''}turned off for {len(days)} "
                f"day{'s' if len(days) > 1 else ''} with a cramp: {named}")


def import_all(repo: JournalRepository, own: list[tuple[Any, E.Entry]], other: Sequence[Record] = (),
               *, keys: Keys | None = None, dry_run: bool = False) -> ImportResult:
    """Add what the journal lacks, from cramplog exports (`own`) and other apps' files (`other`),
    in ONE transaction: all or nothing; `dry_run` makes the same adds and rolls back."""
    result = ImportResult()
    with repo.bulk(dry_run=dry_run) as batch:
        _import_own(batch, own, result)
        for record in other:
            _import_record(batch, record, keys, result)
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
    for entry in others:
        if entry.uid and entry.uid in known:
            result.already += 1
            continue
        if isinstance(entry, E.Run) and entry.shoe_id is not None:
            if entry.shoe_id not in shoe_ids:
                raise InvalidInput(f"a run refers to shoe {entry.shoe_id}, which is not in the file", "file")
            entry = entry.replace(shoe_id=shoe_ids[entry.shoe_id])
        _add(batch, entry, result)


def _import_record(batch: Batch, record: Record, keys: Keys | None, result: ImportResult) -> None:
    """One record from another app: skipped when its source ID (or the same activity, by its
    match keys, from any source) is already in the journal; its shoe found by name or added."""
    refs = [(record.source, record.source_ref), *record.also]
    if any(batch.id_of_ref(source, ref) for source, ref in refs) or _matched(batch, record.entry, keys):
        result.already += 1
        return
    entry = record.entry
    if record.shoe_name and isinstance(entry, E.Run):
        shoe_id = batch.shoe_named(record.shoe_name)
        if shoe_id is None:
            shoe = E.Shoe(name=record.shoe_name, first_used=entry.at.date(), tz=entry.tz)
            shoe_id = batch.add(shoe, source_ref=None).id
            result.new_shoes.append(shoe.name)
        entry = entry.replace(shoe_id=shoe_id)
    _counted(batch.save(entry, source_ref=record.source_ref, source=record.source), result)


def _matched(batch: Batch, entry: E.Entry, keys: Keys | None) -> bool:
    if keys is None:
        return False
    wanted = set(keys(entry))
    if not wanted:
        return False
    span = dt.timedelta(days=1) if isinstance(entry, E.Food) else NEAR
    near = batch.entries_near(entry.kind, entry.at - span, entry.at + span)
    return any(wanted & set(keys(other)[:1]) for other in near)  # a stored entry by its own key


def _add(batch: Batch, entry: E.Entry, result: ImportResult) -> E.Entry:
    return _counted(batch.save(entry), result)


def _counted(saved: Saved, result: ImportResult) -> E.Entry:
    """Count one add: imported, or already there (a check-in its day's check-in already says)."""
    if saved.unchanged:
        result.already += 1
    else:
        result.added[saved.entry.kind] += 1
    return saved.entry
