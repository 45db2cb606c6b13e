"""Provides `read_paths`: what other apps' files hold, as entries for the writer to store.

Pure: files in, `ImportBatch` (records + summary) out; nothing is written here. The whole batch
is read before anything is returned, so a corrupt file raises `InvalidInput` (naming the file
and the problem) before the writer has seen a single record.

Within a Strava or Apple Health export the activity files the CSV or export.xml already speaks
for (`Filename` column, `workout-routes/`) are not imported a second time. Records of one
activity from several sources (a Strava CSV row and the FIT file it came from) are merged by
`records.candidate_keys` into one, kept from the best source (`records.SOURCES` order) and
filled in from the others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import InvalidInput
from . import apple_health, cronometer, csvmap, fit, gpx, strava, tcx
from .base import Context
from .detect import KINDS, Source, kind_of, walk
from .records import SOURCES, ImportBatch, Imported, Summary, candidate_keys

__all__ = ["ImportBatch", "Imported", "Summary", "parse_mapping", "read_paths"]

parse_mapping = csvmap.parse_mapping

PRIORITY = SOURCES
ZONED = ("fit", "apple_health")
"""Sources whose times carry the local offset, so their zone beats a guessed one."""


def read_paths(paths: list[Path], *, source: str | None = None, tz: str, settings: Any,
               mapping: str | None = None, kind: str | None = None, now: dt.datetime | None = None,
               progress: Callable[[int, int], None] | None = None) -> ImportBatch:
    """Read every file under `paths`. `source` forces one importer (`--from`); `mapping` and
    `kind` are `--map` and `--kind` for a generic CSV; `now` bounds "in the future";
    `progress(done, total)` is called with stored bytes as files are read (for a progress bar)."""
    if source is not None and source not in KINDS:
        raise InvalidInput(f"unknown source {source!r} (choose from {', '.join(KINDS)})", "from")
    csv_map = csvmap.parse_mapping(mapping, kind) if mapping else None
    summary = Summary()
    ctx = Context(tz, now or dt.datetime.now(dt.timezone.utc), summary)
    units = getattr(settings, "units", "metric")
    sources = walk(paths)
    kinds = {id(s): _kind(s, source) for s in sources}
    owned = _owned(sources, kinds)
    by_name = {(s.container, s.inner): s for s in sources}
    records: list[Imported] = []
    total = sum(s.size for s in sources)
    done = 0
    for s in sources:
        k = kinds[id(s)]
        if id(s) not in owned:
            summary.files += 1
            if k is None or k == "json" or (k == "csv" and csv_map is None):
                if s.explicit:
                    raise InvalidInput(_unrecognised(s, k))
                summary.skip("other files")
            else:
                within = None
                if k == "apple_health" and progress is not None and s.plain_size:
                    def within(read: int, base: int = done, s: Source = s) -> None:
                        progress(base + min(s.size, s.size * read // s.plain_size), total)
                records.extend(_read(s, k, ctx, units, csv_map, by_name, within))
        done += s.size
        if progress is not None:
            progress(done, total)
    merged = merge(records, summary)
    for r in merged:
        summary.imported[r.entry.kind] += 1
        if r.shoe_name:
            summary.add_shoe(r.shoe_name)
    return ImportBatch(merged, summary)


def _kind(s: Source, forced: str | None) -> str | None:
    detected = kind_of(s.head())
    if forced is None:
        return detected
    if s.explicit:
        return forced
    return detected if detected == forced else None


def _unrecognised(s: Source, k: str | None) -> str:
    if k == "json":
        return f"{s.name}: a JSON file, but not one from another app (cramplog's own export is imported as is)"
    if k == "csv":
        return f"{s.name}: a CSV file from an app cramplog does not know; give --map and --kind (see docs/import.md)"
    return f"{s.name}: not a file cramplog can import (FIT, GPX, TCX, Strava, Apple Health, Cronometer, CSV)"


def _owned(sources: list[Source], kinds: dict[int, str | None]) -> set[int]:
    """Files an export's index already speaks for: Strava's `Filename`s, Apple's routes."""
    owned: set[int] = set()
    for s in sources:
        k = kinds[id(s)]
        if k == "strava":
            base = s.inner.parent
            names = {(s.container, base / PurePosixPath(n)) for n in strava.linked_files(s.read(), s.name)}
            owned |= {id(o) for o in sources if (o.container, o.inner) in names and o is not s}
        elif k == "apple_health":
            base = s.inner.parent / "workout-routes"
            owned |= {id(o) for o in sources if o.container == s.container and base in o.inner.parents}
    return owned


def _read(s: Source, k: str, ctx: Context, units: str, csv_map: csvmap.CsvMap | None,
          by_name: dict[tuple[str, PurePosixPath], Source],
          progress: Callable[[int], None] | None = None) -> list[Imported]:
    if k == "apple_health":
        try:
            with s.open_plain() as stream:
                counted = _Counting(stream, progress) if progress is not None else stream
                return apple_health.parse(counted, s.name, ctx)  # type: ignore[arg-type]
        except (OSError, EOFError) as exc:
            raise InvalidInput(f"{s.name}: cannot read ({exc})") from None
    data = s.read()
    if k == "fit":
        return fit.parse(data, s.name, ctx)
    if k == "gpx":
        return gpx.parse(data, s.name, ctx)
    if k == "tcx":
        return tcx.parse(data, s.name, ctx)
    if k == "cronometer":
        return cronometer.parse(data, s.name, ctx)
    if k == "csv":
        assert csv_map is not None
        return csvmap.parse(data, s.name, ctx, csv_map)

    def linked(filename: str) -> list[Imported]:
        other = by_name.get((s.container, s.inner.parent / PurePosixPath(filename)))
        if other is None:
            return []
        scratch = Context(ctx.tz, ctx.now, Summary())  # its skips are the CSV row's, not counted twice
        other_kind = kind_of(other.head())
        if other_kind in ("fit", "gpx", "tcx"):
            return _read(other, other_kind, scratch, units, None, by_name)
        return []

    return strava.parse(data, s.name, ctx, units=units, linked=linked)


class _Counting:
    """A stream that reports how many bytes have been read from it."""

    def __init__(self, stream: Any, report: Callable[[int], None]) -> None:
        self.stream, self.report, self.count = stream, report, 0

    def read(self, n: int = -1) -> bytes:
        data = self.stream.read(n)
        self.count += len(data)
        self.report(self.count)
        return data


def merge(records: list[Imported], summary: Summary) -> list[Imported]:
    """One record per thing: exact repeats (same source and reference) are dropped, and
    records of one activity or day from different sources are merged (see module docstring)."""
    order = sorted(range(len(records)), key=lambda i: (PRIORITY.index(records[i].source)
                                                        if records[i].source in PRIORITY else len(PRIORITY), i))
    kept: list[Imported] = []
    refs: set[tuple[str, str]] = set()
    index: dict[str, int] = {}
    for i in order:
        r = records[i]
        if (r.source, r.source_ref) in refs:
            summary.skip("repeated in the files given")
            continue
        refs.add((r.source, r.source_ref))
        hit = next((index[k] for k in candidate_keys(r.entry, r.origin) if k in index
                    and kept[index[k]].source != r.source), None)
        if hit is not None:
            kept[hit] = _fill(kept[hit], r)
            summary.skip("seen in another source")
            continue
        key = r.match_key
        if key is not None:
            index.setdefault(key, len(kept))
        kept.append(r)
    return sorted(kept, key=lambda r: r.entry.at)


def _fill(primary: Imported, other: Imported) -> Imported:
    """`primary` with its gaps filled from `other` (same activity, lesser source)."""
    changes: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(primary.entry)}
    for name in ("duration_s", "effort", "surface"):
        if name in names and getattr(primary.entry, name) is None and getattr(other.entry, name, None) is not None:
            changes[name] = getattr(other.entry, name)
    if other.source in ZONED and primary.source not in ZONED and other.entry.tz != primary.entry.tz:
        changes["tz"] = other.entry.tz
    if not primary.entry.note and other.entry.note:
        changes["note"] = other.entry.note
    entry = primary.entry.replace(**changes) if changes else primary.entry
    return dataclasses.replace(primary, entry=entry, shoe_name=primary.shoe_name or other.shoe_name,
                               also=primary.also + ((other.source, other.source_ref),) + other.also)
