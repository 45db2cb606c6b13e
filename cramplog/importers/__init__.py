"""Provides `read_paths`: what other apps' files hold, as entries for the writer to store.

Pure: files in, `ImportBatch` (records + summary) out; nothing is written here. The whole batch
is read before anything is returned.

One rule for a file that can't be read (damaged, cut off, not what it claims, over a limit): a
file named on the command line is refused (`InvalidInput` naming it and the reason, so nothing
is imported); one found inside a folder or zip is skipped, named in `Summary.unreadable` and
counted, and the rest still come in. Each file is read in full before its records are kept, so
a file that fails half-way adds nothing of itself.

Within a Strava or Apple Health export the activity files the CSV or export.xml already speaks
for (`Filename` column, `workout-routes/`) are not imported a second time. Records of one
activity from several sources (a Strava CSV row and the FIT file it came from) are merged by
`records.candidate_keys` into one, kept from the best source (`domain.fill.SOURCES` order) and
filled in from the others (`domain.fill.gaps`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from ..domain.fill import filled, gaps, rank
from ..errors import InvalidInput
from ..paths import DOCS_HINT
from ..shapes import CSV_LEAD
from . import apple_health, cronometer, csvmap, fit, gpx, strava, tcx
from .base import Budget, Context
from .detect import KINDS, Source, kind_of, walk
from .limits import Readable
from .records import ImportBatch, Imported, Summary, candidate_keys, same_activity

__all__ = ["ImportBatch", "Imported", "Summary", "parse_mapping", "read_paths"]

parse_mapping = csvmap.parse_mapping

SLIPS = (
    ValueError,
    TypeError,
    ArithmeticError,
    LookupError,
    AttributeError,
    struct.error,
    zlib.error,
    zipfile.BadZipFile,
    EOFError,
    OSError,
    RecursionError,
    NotImplementedError,
    RuntimeError,
)
"""What a parser may trip on in a file it did not expect: the file can't be read, said so by
name like any other unreadable file (never an "unexpected error")."""


def read_paths(
    paths: list[Path],
    *,
    source: str | None = None,
    tz: str,
    settings: Any,
    mapping: str | None = None,
    kind: str | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportBatch:
    """Read every file under `paths`. `source` forces one importer (`--app`); `mapping` and
    `kind` are `--map` and `--kind` for a generic CSV; `now` bounds "in the future";
    `progress(done, total)` is called with stored bytes as files are read (for a progress bar)."""
    if source is not None and source not in KINDS:
        raise InvalidInput(f"--app knows no app {source!r} (choose from {', '.join(KINDS)})", "app")
    csv_map = csvmap.parse_mapping(mapping, kind) if mapping else None
    summary = Summary()
    ctx = Context(tz, now or dt.datetime.now(dt.timezone.utc), summary, Budget())
    units = getattr(settings, "units", "metric")
    sources = walk(paths)
    kinds: dict[int, str | None] = {}
    for s in sources:
        kinds[id(s)] = _guarded(s, functools.partial(_kind, s, source), summary, None)
    owned = _owned(sources, kinds, summary)
    by_name = {(s.container, s.inner): s for s in sources}
    records: list[Imported] = []
    total = sum(s.size for s in sources)
    done = 0
    for s in sources:
        k = kinds[id(s)]
        if id(s) not in owned:
            summary.files += 1
        if id(s) in owned or id(s) in summary.failed:  # spoken for, or already named as unreadable
            pass
        elif k is None or k == "json" or (k == "csv" and csv_map is None):
            if s.explicit:
                raise InvalidInput(_unrecognised(s, k))
            summary.skip("other files")
        else:
            within = None
            if k == "apple_health" and progress is not None and s.plain_size:

                def within(read: int, base: int = done, s: Source = s) -> None:
                    progress(base + min(s.size, s.size * read // s.plain_size), total)

            reader = _Reader(ctx, units, csv_map, by_name)
            records.extend(_guarded(s, functools.partial(reader.file, s, k, within), summary, []))
        done += s.size
        if progress is not None:
            progress(done, total)
    merged = merge(records, summary)
    for r in merged:
        summary.imported[r.entry.kind] += 1
        if r.shoe_name:
            summary.add_shoe(r.shoe_name)
    return ImportBatch(merged, summary)


def _guarded(s: Source, read: Callable[[], Any], summary: Summary, failed: Any) -> Any:
    """`read()`, under the one rule for a file that can't be read (see the module docstring):
    raised for a file named on the command line, else noted and `failed` returned."""
    try:
        return read()
    except InvalidInput as exc:
        message = str(exc)
    except SLIPS as exc:
        message = f"cannot be read ({type(exc).__name__}: {exc})"
    if not message.startswith(s.name):
        message = f"{s.name}: {message}"
    if s.explicit:
        raise InvalidInput(message) from None
    summary.unreadable_file(id(s), message)
    return failed


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
    if k == "csv" and s.head().startswith(",".join(CSV_LEAD).encode() + b","):
        return (
            f"{s.name}: cramplog's own CSV export, written for spreadsheets, is not read back; move "
            "entries between journals with the JSON export (cramplog export -o FILE.json, then "
            "cramplog import FILE.json)"
        )
    if k == "csv":
        return (
            f"{s.name}: a CSV file from an app cramplog does not know; give --map and --kind "
            f"(see docs/import.md; {DOCS_HINT})"
        )
    return f"{s.name}: not a file cramplog can import (FIT, GPX, TCX, Strava, Apple Health, Cronometer, CSV)"


def _owned(sources: list[Source], kinds: dict[int, str | None], summary: Summary) -> set[int]:
    """Files an export's index already speaks for: Strava's `Filename`s, Apple's routes."""
    owned: set[int] = set()
    for s in sources:
        k = kinds[id(s)]
        if k == "strava":
            base = s.inner.parent

            def listed(s: Source = s) -> list[str]:
                with s.open_plain("strava") as stream:
                    return strava.linked_files(stream, s.name)

            names = {(s.container, base / PurePosixPath(n)) for n in _guarded(s, listed, summary, [])}
            owned |= {id(o) for o in sources if (o.container, o.inner) in names and o is not s}
        elif k == "apple_health":
            base = s.inner.parent / "workout-routes"
            owned |= {id(o) for o in sources if o.container == s.container and base in o.inner.parents}
    return owned


@dataclasses.dataclass
class _Reader:
    """Reads one file with its importer, in a context of its own: its skips and warnings join
    the import's summary only once the whole file has been read."""

    ctx: Context
    units: str
    csv_map: csvmap.CsvMap | None
    by_name: dict[tuple[str, PurePosixPath], Source]

    def file(self, s: Source, k: str, progress: Callable[[int], None] | None = None) -> list[Imported]:
        own = self.ctx.fresh()
        left = self.ctx.budget.left
        try:
            records = self._parse(s, k, own, progress)
        except BaseException:
            self.ctx.budget.left = left  # what the file built is not kept
            raise
        self.ctx.absorb(own)
        return records

    def _parse(self, s: Source, k: str, ctx: Context, progress: Callable[[int], None] | None) -> list[Imported]:
        if k == "fit":
            return fit.parse(s.read(k), s.name, ctx)
        with s.open_plain(k) as stream:
            counted: Readable = _Counting(stream, progress) if progress is not None else stream
            if k == "apple_health":
                return apple_health.parse(counted, s.name, ctx)
            if k == "gpx":
                return gpx.parse(counted, s.name, ctx)
            if k == "tcx":
                return tcx.parse(counted, s.name, ctx)
            if k == "cronometer":
                return cronometer.parse(counted, s.name, ctx)
            if k == "csv":
                assert self.csv_map is not None
                return csvmap.parse(counted, s.name, ctx, self.csv_map)
            return strava.parse(counted, s.name, ctx, units=self.units, linked=lambda f: self._linked(s, f, ctx))

    def _linked(self, s: Source, filename: str, ctx: Context) -> list[Imported]:
        """The records of an activity file a Strava row names (for the row's gaps); one that
        can't be read is named like any unreadable file, and the row keeps what it has."""
        other = self.by_name.get((s.container, s.inner.parent / PurePosixPath(filename)))
        if other is None:
            return []
        scratch = ctx.fresh()  # its skips are the CSV row's, not counted twice
        other_kind = _guarded(other, lambda: kind_of(other.head()), ctx.summary, None)
        if other_kind not in ("fit", "gpx", "tcx"):
            return []
        records: list[Imported] = _guarded(
            other, lambda: self._parse(other, other_kind, scratch, None), ctx.summary, []
        )
        ctx.summary.warnings.extend(scratch.summary.warnings)
        return records


class _Counting:
    """A stream that reports how many bytes have been read from it."""

    def __init__(self, stream: Any, report: Callable[[int], None]) -> None:
        self.stream, self.report, self.count = stream, report, 0

    def read(self, n: int = -1) -> bytes:
        data: bytes = self.stream.read(n)
        self.count += len(data)
        self.report(self.count)
        return data


def merge(records: list[Imported], summary: Summary) -> list[Imported]:
    """One record per thing: exact repeats (same source and reference) are dropped, and
    records of one activity or day from different sources are merged (see module docstring)."""
    order = sorted(range(len(records)), key=lambda i: (rank(records[i].source), i))
    kept: list[Imported] = []
    refs: set[tuple[str, str]] = set()
    index: dict[str, list[int]] = {}
    for i in order:
        r = records[i]
        if (r.source, r.source_ref) in refs:
            summary.skip("repeated in the files given")
            continue
        refs.add((r.source, r.source_ref))
        hit = next(
            (
                j
                for k in candidate_keys(r.entry, r.origin)
                for j in index.get(k, ())
                if kept[j].source != r.source and same_activity(kept[j].entry, r.entry)
            ),
            None,
        )
        if hit is not None:
            kept[hit] = _fill(kept[hit], r)
            summary.skip("seen in another source")
            continue
        for key in candidate_keys(r.entry, r.origin, own=True):
            index.setdefault(key, []).append(len(kept))
        kept.append(r)
    return sorted(kept, key=lambda r: r.entry.at)


def _fill(primary: Imported, other: Imported) -> Imported:
    """`primary` with its gaps filled from `other` (same activity, lesser source)."""
    changes = gaps(primary.entry, primary.source, other.entry, other.source)
    entry = (filled(primary.entry, changes) or primary.entry) if changes else primary.entry
    return dataclasses.replace(
        primary,
        entry=entry,
        shoe_name=primary.shoe_name or other.shoe_name,
        also=primary.also + ((other.source, other.source_ref),) + other.also,
    )
