"""Provides the FIT reader: running sessions of activity files become runs.

The file is checked first (header, sizes, the CRC-16 of the whole file), so a truncated or
corrupted file is refused rather than half-read. Decoding is fitdecode's; to keep 1,000 files
well under 20 s, the message framing is walked here and only the messages used (file_id,
session, activity and developer field descriptions) are handed to fitdecode, which would
otherwise decode every one of the thousands of per-second `record` messages. The records are
decoded only for a session without a distance.

Times in FIT are UTC; the activity message's `local_timestamp` gives the device's offset, which
chooses the entry's zone (see `base.zone_for_offset`; COROS writes it equal to UTC, which says
nothing). Running sessions are runs whether or not they have a sub_sport; a `generic` session
is one too unless it spans other sessions (a multisport file's total). Walks, rides, swims,
hikes and other sports are skipped and counted, and so are monitoring and other non-activity
files.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import struct
import warnings
from collections.abc import Iterator
from typing import Any

from ..domain.summary import plural
from ..errors import InvalidInput
from .base import Context, finite, heart_rate_note, sport_kind, zone_for_offset
from .records import Imported, content_ref

_WANTED = frozenset({0, 18, 34, 206, 207})  # file_id, session, activity, field_description, developer_data_id
_RECORD = 20
MONITORING = ("monitoring_a", "monitoring_b", "monitoring_daily", "monitoring_hr", 15, 32, 28)


WANTED = ("file_id", "session", "activity", "record")
"""The messages an activity file is read for; fitdecode decodes only these."""


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC = _crc_table()


def crc16(data: bytes | memoryview, crc: int = 0) -> int:
    """The FIT CRC (CRC-16/ARC), a byte at a time from a 256-entry table."""
    table = _CRC
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def is_fit(head: bytes) -> bool:
    return len(head) >= 12 and head[8:12] == b".FIT" and head[0] in (12, 14)


def parse(data: bytes, name: str, ctx: Context) -> list[Imported]:
    """Runs in the FIT file `data` (already un-gzipped); `name` is used in error messages."""
    out: list[Imported] = []
    for start, end in _files(data, name):
        out.extend(_one_file(data, start, end, name, ctx))
    return out


def _files(data: bytes, name: str) -> list[tuple[int, int]]:
    """(start, end) of each FIT file in a possibly chained stream, each checked."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while pos < len(data):
        head = data[pos : pos + 14]
        if not is_fit(head):
            if spans and not data[pos:].strip(b"\0"):
                break  # zero padding after the last file
            raise InvalidInput(f"{name}: not a FIT file (no .FIT header at byte {pos})")
        header_size, data_size = head[0], struct.unpack_from("<I", head, 4)[0]
        end = pos + header_size + data_size + 2
        if end > len(data):
            raise InvalidInput(f"{name}: FIT file is truncated ({len(data) - pos} of {end - pos} bytes)")
        if header_size == 14:
            header_crc = struct.unpack_from("<H", head, 12)[0]
            if header_crc and header_crc != crc16(head[:12]):
                raise InvalidInput(f"{name}: FIT header CRC does not match (file corrupted)")
        expected = struct.unpack_from("<H", data, end - 2)[0]
        if crc16(memoryview(data)[pos : end - 2]) != expected:
            raise InvalidInput(f"{name}: FIT file CRC does not match (file corrupted)")
        spans.append((pos, end))
        pos = end
    return spans


def _reduced(data: bytes, start: int, end: int, name: str, wanted: frozenset[int]) -> bytes:
    """A FIT stream with every definition but only the `wanted` data messages. A field of size
    0 carries nothing and is left out of its definition (fitdecode cannot decode one)."""
    view = memoryview(data)
    header_size = data[start]
    pos, body_end = start + header_size, end - 2
    defs: dict[int, tuple[int, int]] = {}
    kept = bytearray()
    try:
        while pos < body_end:
            h = data[pos]
            if h & 0x80:  # compressed timestamp header: a data message
                local, is_def, dev = (h >> 5) & 0x3, False, False
            else:
                local, is_def, dev = h & 0xF, bool(h & 0x40), bool(h & 0x20)
            if is_def:
                big = data[pos + 2] == 1
                global_num = struct.unpack_from(">H" if big else "<H", data, pos + 3)[0]
                n = data[pos + 5]
                fields = [bytes(view[pos + 6 + 3 * i : pos + 9 + 3 * i]) for i in range(n)]
                length = 6 + 3 * n
                dev_fields = b""
                if dev:
                    nd = data[pos + length]
                    dev_fields = bytes(view[pos + length : pos + length + 1 + 3 * nd])
                    length += 1 + 3 * nd
                if len(view[pos : pos + length]) != length:
                    raise IndexError(pos)
                size = sum(f[1] for f in fields) + sum(dev_fields[2 + 3 * i] for i in range(len(dev_fields) // 3))
                defs[local] = (global_num, size)
                sized = [f for f in fields if f[1]]
                kept += bytes(view[pos : pos + 5]) + bytes([len(sized)]) + b"".join(sized) + dev_fields
            else:
                global_num, size = defs[local]
                length = 1 + size
                if global_num in wanted:
                    kept += view[pos : pos + length]
            pos += length
    except (KeyError, IndexError, struct.error):
        raise InvalidInput(f"{name}: FIT file is malformed (bad message at byte {pos - start})") from None
    if pos != body_end:
        raise InvalidInput(f"{name}: FIT file is malformed (messages overrun the data size)")
    header = struct.pack("<BBHI4sH", 14, 0x20, struct.unpack_from("<H", data, start + 2)[0], len(kept), b".FIT", 0)
    return header + bytes(kept) + b"\0\0"


def _frames(
    stream: bytes, name: str, ctx: Context, wanted: tuple[str, ...] = WANTED
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(message name, its scalar values) of the `wanted` messages, decoded by fitdecode. A
    field whose size does not fit its type is read as fitdecode reads it (as bytes, with a
    warning): its value is then no number, and left out."""
    import fitdecode  # imported here: only FIT imports pay for it

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with fitdecode.FitReader(
                io.BytesIO(stream), check_crc=fitdecode.CrcCheck.DISABLED, error_handling=fitdecode.ErrorHandling.WARN
            ) as reader:
                for frame in reader:
                    if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name in wanted:
                        yield frame.name, {f.name: f.value for f in frame.fields if _scalar(f.value)}
        except fitdecode.FitError as exc:
            raise InvalidInput(f"{name}: FIT file cannot be decoded ({exc})") from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
            raise InvalidInput(
                f"{name}: FIT file cannot be decoded (a field holds what its type can't: {exc})"
            ) from None
    sizes = [w for w in caught if "invalid field size" in str(w.message)]
    if sizes:
        ctx.warn(
            name,
            f"{plural(len(sizes), 'field definition')} with a size that does not "
            "fit the field's type, read as bytes as fitdecode reads them",
        )


def _scalar(value: Any) -> bool:
    """Whether a decoded value is one usable value (not None, not an array, not NaN)."""
    if value is None or isinstance(value, (tuple, list, bytes)):
        return False
    return finite(value) is not None if isinstance(value, float) else True


def _messages(stream: bytes, name: str, ctx: Context) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for kind, values in _frames(stream, name, ctx):
        found.setdefault(kind, []).append(values)
    return found


def _one_file(data: bytes, start: int, end: int, name: str, ctx: Context) -> list[Imported]:
    msgs = _messages(_reduced(data, start, end, name, _WANTED), name, ctx)
    file_id = (msgs.get("file_id") or [{}])[0]
    kind = file_id.get("type")
    if kind in MONITORING:
        ctx.summary.skip("monitoring files")
        return []
    if kind not in ("activity", 4):
        ctx.summary.skip("other FIT files")
        return []
    activity = (msgs.get("activity") or [{}])[0]
    offset = _offset(activity, file_id)
    sessions = msgs.get("session") or []
    if not sessions:
        ctx.summary.skip("activity files without a session")
        return []
    serial = file_id.get("serial_number")
    created = file_id.get("time_created")
    out: list[Imported] = []
    for index, session in enumerate(sessions):
        sport = session.get("sport")
        is_run, surface_or_reason = sport_kind(sport if isinstance(sport, str) else "unknown")
        if not is_run:
            ctx.summary.skip(surface_or_reason or "workouts")
            continue
        start_time = session.get("start_time") or session.get("timestamp")
        if not isinstance(start_time, dt.datetime):
            ctx.summary.skip("activity files without a start time")
            continue
        if sport == "generic" and _overlaps(session, [s for s in sessions if s is not session]):
            ctx.summary.skip("overall sessions of multisport files")
            continue
        sub_is_run, sub_surface = sport_kind(str(session.get("sub_sport", "")))
        distance_m = finite(session.get("total_distance"))
        if not distance_m:
            distance_m = _record_distance(data, start, end, name, session, ctx)
        timer = finite(session.get("total_timer_time")) or finite(session.get("total_elapsed_time"))
        tz = zone_for_offset(offset, start_time, ctx.tz)
        note = "; ".join(
            p for p in (heart_rate_note(session.get("avg_heart_rate")), GENERIC if sport == "generic" else "") if p
        )
        entry = ctx.run(
            at=start_time,
            tz=tz,
            km=distance_m / 1000 if distance_m else None,
            seconds=timer,
            surface=(surface_or_reason or (sub_surface if sub_is_run else None)),
            note=note,
        )
        if entry is None:
            continue
        if serial is not None and isinstance(created, dt.datetime):
            ref = f"{serial}:{created.astimezone(dt.timezone.utc):%Y-%m-%dT%H:%M:%SZ}:{index}"
        else:
            ref = content_ref("fit", start_time.isoformat(), distance_m, index)
        out.append(Imported(entry, "fit", ref))
    return out


GENERIC = "sport not stated in the file (FIT sport 'generic')"


def _span(session: dict[str, Any]) -> tuple[dt.datetime, dt.datetime] | None:
    begin = session.get("start_time")
    seconds = finite(session.get("total_elapsed_time")) or finite(session.get("total_timer_time")) or 0.0
    if not isinstance(begin, dt.datetime):
        return None
    return begin, begin + dt.timedelta(seconds=seconds)


def _overlaps(session: dict[str, Any], others: list[dict[str, Any]]) -> bool:
    """Whether `session` spans the time of another session of a stated sport: a multisport
    file's overall session, whose legs are sessions of their own."""
    span = _span(session)
    if span is None:
        return False
    for other in others:
        theirs = _span(other)
        if other.get("sport") not in (None, "generic") and theirs and theirs[0] < span[1] and span[0] < theirs[1]:
            return True
    return False


UTC_AS_LOCAL = ("coros",)
"""Makers whose devices write the activity's `local_timestamp` equal to its UTC `timestamp`:
then it says nothing about the zone."""


def _offset(activity: dict[str, Any], file_id: dict[str, Any]) -> int | None:
    local, utc = activity.get("local_timestamp"), activity.get("timestamp")
    if isinstance(local, dt.datetime) and isinstance(utc, dt.datetime):
        seconds = (local.replace(tzinfo=None) - utc.replace(tzinfo=None)).total_seconds()
        if seconds == 0 and file_id.get("manufacturer") in UTC_AS_LOCAL:
            return None
        offset = round(seconds / 900) * 900  # zones are whole quarter hours
        return offset if abs(offset) <= 14 * 3600 else None
    return None


def _record_distance(
    data: bytes, start: int, end: int, name: str, session: dict[str, Any], ctx: Context
) -> float | None:
    """A session's distance from its records: the last cumulative distance, else the GPS track.
    The records are read one at a time (a long file has hundreds of thousands)."""
    span = _span(session)
    first: float | None = None
    last: float | None = None
    track = Track()
    for _, record in _frames(_reduced(data, start, end, name, _WANTED | {_RECORD}), name, ctx, ("record",)):
        at = record.get("timestamp")
        if span is not None and isinstance(at, dt.datetime) and not span[0] <= at <= span[1]:
            continue
        distance = finite(record.get("distance"))
        if distance is not None:
            first = distance if first is None else first
            last = distance if last is None else max(last, distance)
        lat, lon = record.get("position_lat"), record.get("position_long")
        if isinstance(lat, int) and isinstance(lon, int):
            track.add(lat * SEMICIRCLE, lon * SEMICIRCLE)
    if first is not None and last is not None:
        return last - first
    return track.metres or None


SEMICIRCLE = 180 / 2**31


class Track:
    """The length of a track of (lat, lon) degrees, point by point, by the haversine formula.
    Points that are not on the globe (NaN, infinite, beyond the poles) are left out."""

    def __init__(self) -> None:
        self.metres = 0.0
        self.last: tuple[float, float] | None = None

    def add(self, lat: float, lon: float) -> None:
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            return
        if self.last is not None:
            la1, lo1 = self.last
            p1, p2 = math.radians(la1), math.radians(lat)
            dp, dl = p2 - p1, math.radians(lon - lo1)
            h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
            self.metres += 2 * 6_371_000 * math.asin(min(1.0, math.sqrt(h)))
        self.last = (lat, lon)

    def gap(self) -> None:
        """A new segment starts: the distance between segments is not run."""
        self.last = None


def track_length(points: list[tuple[float, float]]) -> float:
    """Length in metres of a track of (lat, lon) degrees, by the haversine formula."""
    track = Track()
    for lat, lon in points:
        track.add(lat, lon)
    return track.metres
