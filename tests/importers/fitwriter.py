"""Provides a tiny FIT encoder for test fixtures and the import benchmark.

Written from the FIT protocol (Garmin FIT SDK, "FIT Protocol" document): a 14-byte file header
(size, protocol version, profile version, data size, ".FIT", header CRC), then definition and
data messages, then the CRC-16 of everything before it. Only the fields the importer reads are
encoded; fitdecode must decode what this writes, which the tests check.
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass, field

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.timezone.utc)

CRC_TABLE = (
    0x0000,
    0xCC01,
    0xD801,
    0x1400,
    0xF001,
    0x3C00,
    0x2800,
    0xE401,
    0xA001,
    0x6C00,
    0x7800,
    0xB401,
    0x5000,
    0x9C01,
    0x8801,
    0x4400,
)

# base types: (number, struct code, invalid value)
ENUM, UINT8, UINT16, SINT32, UINT32, UINT32Z = (
    (0x00, "B", 0xFF),
    (0x02, "B", 0xFF),
    (0x84, "H", 0xFFFF),
    (0x85, "i", 0x7FFFFFFF),
    (0x86, "I", 0xFFFFFFFF),
    (0x8C, "I", 0),
)

FILE_ACTIVITY, FILE_MONITORING_B, FILE_SETTINGS = 4, 32, 2
SPORT = {
    "generic": 0,
    "running": 1,
    "cycling": 2,
    "transition": 3,
    "swimming": 5,
    "walking": 11,
    "hiking": 17,
    "training": 10,
}
MANUFACTURER = {"garmin": 1, "coros": 294}
SUB_SPORT = {"generic": 0, "treadmill": 1, "street": 2, "trail": 3, "track": 4}


def crc16(data: bytes, crc: int = 0) -> int:
    for byte in data:
        tmp = CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ CRC_TABLE[byte & 0xF]
        tmp = CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ CRC_TABLE[(byte >> 4) & 0xF]
    return crc


def fit_time(at: dt.datetime) -> int:
    return int((at - FIT_EPOCH).total_seconds())


class FitWriter:
    """Collects messages; `bytes()` gives the whole file. Local message numbers are reused per
    global message, so a definition is written once and every data message after it is short."""

    def __init__(self) -> None:
        self.body = bytearray()
        self.defined: dict[tuple, int] = {}

    def message(self, global_num: int, fields: list[tuple[int, tuple, object]]) -> None:
        """`fields`: (field number, base type, value or None for invalid)."""
        layout = (global_num, tuple((num, base) for num, base, _ in fields))
        local = self.defined.get(layout)
        if local is None:
            local = len(self.defined) % 16
            self.defined = {k: v for k, v in self.defined.items() if v != local}
            self.defined[layout] = local
            self.body += struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(fields))
            for num, base, _ in fields:
                self.body += struct.pack("<BBB", num, struct.calcsize("<" + base[1]), base[0])
        self.body.append(local)
        for _, base, value in fields:
            self.body += struct.pack("<" + base[1], base[2] if value is None else value)

    def raw(self, global_num: int, fields: list[tuple[int, int, int]], payload: bytes) -> None:
        """A definition and one data message written as given: (field number, size in bytes,
        base type byte) and the data bytes, so a test can write what no encoder would (a field
        of size 0, a uint32 of 3 bytes, an array where one value belongs)."""
        local = 15
        self.defined = {k: v for k, v in self.defined.items() if v != local}
        self.body += struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(fields))
        for num, size, base in fields:
            self.body += struct.pack("<BBB", num, size, base)
        self.body.append(local)
        self.body += payload

    def bytes(self) -> bytes:
        header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(self.body), b".FIT")
        header += struct.pack("<H", crc16(header))
        data = header + bytes(self.body)
        return data + struct.pack("<H", crc16(data))


@dataclass
class Activity:
    """A run (or other sport) to encode as a FIT activity file."""

    start: dt.datetime
    distance_m: float | None = 5000.0
    timer_s: float = 1800.0
    elapsed_s: float | None = None
    sport: str = "running"
    sub_sport: str | None = "generic"
    """None: the session has no sub_sport field at all (COROS, the fenix 2)."""
    avg_hr: int | None = 150
    utc_offset_s: int | None = 3600
    serial: int = 3_900_000_001
    records: int = 60
    record_distance: bool = True
    file_type: int = FILE_ACTIVITY
    extra_sessions: list[Activity] = field(default_factory=list)
    manufacturer: str = "garmin"


def encode_activity(a: Activity) -> bytes:
    w = FitWriter()
    t0 = fit_time(a.start)
    w.message(
        0,
        [
            (0, ENUM, a.file_type),
            (1, UINT16, MANUFACTURER[a.manufacturer]),
            (2, UINT16, 3121),
            (3, UINT32Z, a.serial),
            (4, UINT32, t0),
        ],
    )
    for session in [a, *a.extra_sessions]:
        _records(w, session)
    end = t0
    for session in [a, *a.extra_sessions]:
        s0 = fit_time(session.start)
        elapsed = session.elapsed_s if session.elapsed_s is not None else session.timer_s
        end = max(end, s0 + int(elapsed))
        sub = [] if session.sub_sport is None else [(6, ENUM, SUB_SPORT[session.sub_sport])]
        w.message(
            18,
            [
                (253, UINT32, s0 + int(elapsed)),
                (2, UINT32, s0),
                (5, ENUM, SPORT[session.sport]),
                *sub,
                (7, UINT32, int(elapsed * 1000)),
                (8, UINT32, int(session.timer_s * 1000)),
                (9, UINT32, None if session.distance_m is None else int(session.distance_m * 100)),
                (16, UINT8, session.avg_hr),
            ],
        )
    if a.file_type == FILE_ACTIVITY:
        local = None if a.utc_offset_s is None else end + a.utc_offset_s
        w.message(
            34,
            [
                (253, UINT32, end),
                (0, UINT32, int(a.timer_s * 1000)),
                (1, UINT16, 1 + len(a.extra_sessions)),
                (5, UINT32, local),
            ],
        )
    return w.bytes()


def _records(w: FitWriter, a: Activity) -> None:
    if not a.records:
        return
    s0 = fit_time(a.start)
    total = a.distance_m or 5000.0
    lat0, lon0 = 51.5 / 180 * 2**31, -0.12 / 180 * 2**31
    for i in range(a.records):
        frac = i / max(a.records - 1, 1)
        w.message(
            20,
            [
                (253, UINT32, s0 + int(a.timer_s * frac)),
                (0, SINT32, int(lat0 + frac * 0.04 / 180 * 2**31)),
                (1, SINT32, int(lon0)),
                (5, UINT32, int(total * frac * 100) if a.record_distance else None),
                (3, UINT8, 140 + i % 20),
            ],
        )


def activity_file(**kwargs) -> bytes:
    return encode_activity(Activity(**kwargs))


def odd_session_file(start: dt.datetime, fields: list[tuple[int, int, int]], payload: bytes) -> bytes:
    """An activity file whose one running session is written raw (see `FitWriter.raw`); its
    payload follows `fields` after the start time (field 2) and the sport (field 5, running)."""
    w = FitWriter()
    t0 = fit_time(start)
    w.message(0, [(0, ENUM, FILE_ACTIVITY), (1, UINT16, 1), (2, UINT16, 3121), (3, UINT32Z, 77), (4, UINT32, t0)])
    w.raw(18, [(2, 4, UINT32[0]), (5, 1, ENUM[0]), *fields], struct.pack("<IB", t0, SPORT["running"]) + payload)
    w.message(34, [(253, UINT32, t0 + 1800), (5, UINT32, t0 + 1800 + 3600)])
    return w.bytes()
