"""Provides the FIT reader: running sessions of activity files become runs.

The file is checked first (header, sizes, the CRC-16 of the whole file), so a truncated or
corrupted file is refused rather than half-read. Decoding is fitdecode's; to keep 1,000 files
well under 20 s, the message framing is walked here and only the messages used (file_id,
session, activity and developer field descriptions) are handed to fitdecode, which would
otherwise decode every one of the thousands of per-second `record` messages. The records are
decoded only for a session without a distance.

Times in FIT are UTC; the activity message's `local_timestamp` gives the device's offset, which
chooses the entry's zone (see `base.zone_for_offset`). Walks, rides, swims, hikes and other
sports are skipped and counted, and so are monitoring and other non-activity files.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import struct
from typing import Any

from ..domain.entries import Run
from ..errors import InvalidInput
from .base import Context, heart_rate_note, sport_kind, zone_for_offset
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
        head = data[pos:pos + 14]
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
        if crc16(memoryview(data)[pos:end - 2]) != expected:
            raise InvalidInput(f"{name}: FIT file CRC does not match (file corrupted)")
        spans.append((pos, end))
        pos = end
    return spans


def _reduced(data: bytes, start: int, end: int, name: str, wanted: frozenset[int]) -> bytes:
    """A FIT stream with every definition but only the `wanted` data messages."""
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
                length = 6 + 3 * n
                size = sum(data[pos + 6 + 3 * i + 1] for i in range(n))
                if dev:
                    nd = data[pos + length]
                    size += sum(data[pos + length + 1 + 3 * i + 1] for i in range(nd))
                    length += 1 + 3 * nd
                defs[local] = (global_num, size)
                kept += view[pos:pos + length]
            else:
                global_num, size = defs[local]
                length = 1 + size
                if global_num in wanted:
                    kept += view[pos:pos + length]
            pos += length
    except (KeyError, IndexError, struct.error):
        raise InvalidInput(f"{name}: FIT file is malformed (bad message at byte {pos - start})") from None
    if pos != body_end:
        raise InvalidInput(f"{name}: FIT file is malformed (messages overrun the data size)")
    header = struct.pack("<BBHI4sH", 14, 0x20, struct.unpack_from("<H", data, start + 2)[0], len(kept), b".FIT", 0)
    return header + bytes(kept) + b"\0\0"


def _messages(stream: bytes, name: str) -> dict[str, list[dict[str, Any]]]:
    import fitdecode  # imported here: only FIT imports pay for it

    found: dict[str, list[dict[str, Any]]] = {}
    try:
        with fitdecode.FitReader(io.BytesIO(stream), check_crc=fitdecode.CrcCheck.DISABLED,
                                 error_handling=fitdecode.ErrorHandling.RAISE) as reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name in WANTED:
                    found.setdefault(frame.name, []).append(
                        {f.name: f.value for f in frame.fields if f.value is not None})
    except fitdecode.FitError as exc:
        raise InvalidInput(f"{name}: FIT file cannot be decoded ({exc})") from None
    return found


def _one_file(data: bytes, start: int, end: int, name: str, ctx: Context) -> list[Imported]:
    msgs = _messages(_reduced(data, start, end, name, _WANTED), name)
    file_id = (msgs.get("file_id") or [{}])[0]
    kind = file_id.get("type")
    if kind in MONITORING:
        ctx.summary.skip("monitoring files")
        return []
    if kind not in ("activity", 4):
        ctx.summary.skip("other FIT files")
        return []
    activity = (msgs.get("activity") or [{}])[0]
    offset = _offset(activity)
    sessions = msgs.get("session") or []
    if not sessions:
        ctx.summary.skip("activity files without a session")
        return []
    serial = file_id.get("serial_number")
    created = file_id.get("time_created")
    out: list[Imported] = []
    for index, session in enumerate(sessions):
        is_run, surface_or_reason = sport_kind(str(session.get("sport", "")))
        if not is_run:
            ctx.summary.skip(surface_or_reason or "workouts")
            continue
        _, sub_surface = sport_kind(str(session.get("sub_sport", "")))
        start_time = session.get("start_time") or session.get("timestamp")
        if not isinstance(start_time, dt.datetime):
            ctx.summary.skip("activity files without a start time")
            continue
        distance_m = session.get("total_distance")
        if distance_m is None:
            distance_m = _record_distance(data, start, end, name, session)
        timer = session.get("total_timer_time") or session.get("total_elapsed_time")
        tz = zone_for_offset(offset, start_time, ctx.tz)
        entry = ctx.build(Run, at=start_time, tz=tz, distance_km=round((distance_m or 0) / 1000, 3),
                          duration_s=round(timer) if timer else None, surface=sub_surface,
                          note=heart_rate_note(session.get("avg_heart_rate")))
        if entry is None:
            continue
        if serial is not None and isinstance(created, dt.datetime):
            ref = f"{serial}:{created.astimezone(dt.timezone.utc):%Y-%m-%dT%H:%M:%SZ}:{index}"
        else:
            ref = content_ref("fit", start_time.isoformat(), distance_m, index)
        out.append(Imported(entry, "fit", ref))
    return out


def _offset(activity: dict[str, Any]) -> int | None:
    local, utc = activity.get("local_timestamp"), activity.get("timestamp")
    if isinstance(local, dt.datetime) and isinstance(utc, dt.datetime):
        seconds = (local.replace(tzinfo=None) - utc.replace(tzinfo=None)).total_seconds()
        offset = round(seconds / 900) * 900  # zones are whole quarter hours
        return offset if abs(offset) <= 14 * 3600 else None
    return None


def _record_distance(data: bytes, start: int, end: int, name: str, session: dict[str, Any]) -> float | None:
    """A session's distance from its records: the last cumulative distance, else the GPS track."""
    records = _messages(_reduced(data, start, end, name, _WANTED | {_RECORD}), name).get("record", [])
    begin, finish = session.get("start_time"), session.get("timestamp")
    if isinstance(begin, dt.datetime) and isinstance(finish, dt.datetime):
        records = [r for r in records if not isinstance(r.get("timestamp"), dt.datetime)
                   or begin <= r["timestamp"] <= finish]
    cumulative = [r["distance"] for r in records if isinstance(r.get("distance"), (int, float))]
    if cumulative:
        return max(cumulative) - cumulative[0]
    points = [(r["position_lat"], r["position_long"]) for r in records
              if isinstance(r.get("position_lat"), int) and isinstance(r.get("position_long"), int)]
    scale = 180 / 2**31
    return track_length([(la * scale, lo * scale) for la, lo in points]) if points else None


def track_length(points: list[tuple[float, float]]) -> float:
    """Length in metres of a track of (lat, lon) degrees, by the haversine formula."""
    total = 0.0
    for (la1, lo1), (la2, lo2) in zip(points, points[1:]):
        p1, p2 = math.radians(la1), math.radians(la2)
        dp, dl = p2 - p1, math.radians(lo2 - lo1)
        h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * 6_371_000 * math.asin(min(1.0, math.sqrt(h)))
    return total
