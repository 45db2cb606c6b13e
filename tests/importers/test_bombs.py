"""Bombs: small files that unpack or parse to far more than any export. Each is read by
`read_paths` in a process of its own, whose peak resident memory (VmHWM: interpreter and
imports included, and not the test process's, which `ru_maxrss` would carry across exec) must
stay at or under 200 MB while the file is refused or skipped by name. Memory, not time, is
asserted; `bench/import --only bombs` prints the same with the time taken.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from .fitwriter import activity_file
from .healthgen import HEADER

PEAK_MB = 200
MB = 1 << 20
ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, sys
from pathlib import Path
from cramplog.domain.settings import Settings
from cramplog.errors import InvalidInput
from cramplog.importers import read_paths
try:
    batch = read_paths([Path(p) for p in sys.argv[1:]], tz="Europe/London", settings=Settings())
    said = {"line": batch.summary.line(), "unreadable": batch.summary.unreadable, "records": len(batch.records)}
except InvalidInput as exc:
    said = {"refused": str(exc)}
said["peak_mb"] = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps(said))
"""


def peak(*paths: Path) -> dict:
    """What `read_paths` said of `paths`, and its process's peak resident memory (MB)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, paths)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def repeated(unit: bytes, total: int) -> bytes:
    """`unit` repeated to `total` bytes, deflated as it goes (never all in memory)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = unit * (MB // len(unit))
    out = [packer.compress(block) for _ in range(total // len(block))]
    return b"".join(out) + packer.flush()


WATER = (
    b' <Record type="HKQuantityTypeIdentifierDietaryWater" sourceName="W" unit="mL" '
    b'startDate="2024-08-09 13:49:55 +0100" endDate="2024-08-09 13:49:55 +0100" value="250"/>\n'
)
HEART = WATER.replace(b"DietaryWater", b"HeartRate").replace(b'unit="mL"', b'unit="count/min"')


GZIP_BOMBS = {  # name: (head, the unit repeated), what stops it
    "export.xml.gz": ((HEADER.encode(), WATER), "more than 100,000 entries in one import"),
    "track.gpx.gz": (
        (b"<gpx><trk><trkseg>", b'<trkpt lat="1" lon="1"><time>2024-01-01T10:00:00Z</time></trkpt>'),
        "unpacks to more than 100 times its size (a zip bomb, not an export)",
    ),
    "activities.csv.gz": (
        (b"Activity ID,Activity Date,Activity Type,Distance,Distance\n", b'1,"May 1, 2024, 6:30:12 AM",Ride,5,5000\n'),
        "unpacks to more than 100 times its size (a zip bomb, not an export)",
    ),
    "run.fit.gz": (
        (b"\x0e\x10\x54\x08\xff\xff\xff\x7f.FIT\x00\x00", b"\x00" * 64),
        "unpacks to more than 100 times its size (a zip bomb, not an export)",
    ),
}


@pytest.mark.parametrize("name", GZIP_BOMBS)
def test_a_gzip_bomb_is_refused_by_name_within_the_memory_bound(tmp_path, name):
    (head, unit), stop = GZIP_BOMBS[name]
    path = tmp_path / name
    path.write_bytes(gzip.compress(head) + repeated(unit, 256 * MB))  # 256 MB in under 1 MB
    said = peak(path)
    assert said["refused"].startswith(f"{path}: {stop}")
    assert said["peak_mb"] <= PEAK_MB


def test_a_zip_bomb_member_is_skipped_by_name_and_the_rest_come_in(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("apple_health_export/export.xml", "w", force_zip64=True) as member:
            member.write(HEADER.encode())
            block = HEART * (MB // len(HEART))  # records no import keeps: only the ratio gives it away
            for _ in range(300):
                member.write(block)
        z.writestr("run.fit", activity_file(start=dt.datetime(2024, 7, 6, 5, 45, tzinfo=dt.timezone.utc)))
    assert path.stat().st_size < 2 * MB
    said = peak(path)
    assert said["records"] == 1 and len(said["unreadable"]) == 1
    assert said["unreadable"][0].startswith(f"{path}:apple_health_export/export.xml: unpacks to more than 100 times")
    assert said["peak_mb"] <= PEAK_MB


def test_a_plain_export_of_more_entries_than_one_import_takes_is_refused(tmp_path):
    """Not compressed, so no ratio gives it away: the cap on entries does."""
    path = tmp_path / "export.xml"
    with path.open("wb") as f:
        f.write(HEADER.encode())
        for i in range(120_000):
            f.write(
                WATER.replace(b"13:49:55", f"{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}".encode()).replace(
                    b"2024-08-09", f"2023-{1 + i // 86400 % 12:02d}-0{1 + i // 10000 % 9}".encode()
                )
            )
        f.write(b"</HealthData>\n")
    said = peak(path)
    assert said["refused"].startswith(f"{path}: more than 100,000 entries in one import")
    assert said["peak_mb"] <= PEAK_MB


ENDLESS = {
    "export.xml": lambda: HEADER.encode() + b' <Record type="x" value="' + b"9" * (40 * MB) + b'"/></HealthData>',
    "track.gpx": lambda: b"<gpx><trk><name>" + b"a" * (40 * MB) + b"</name></trk></gpx>",
}


@pytest.mark.parametrize("name", ENDLESS)
def test_one_endless_token_is_refused_within_the_memory_bound(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(ENDLESS[name]())
    said = peak(path)
    assert said["refused"] == f"{path}: more than 8 MB of XML without a tag (a value or text that long is in no export)"
    assert said["peak_mb"] <= PEAK_MB


def test_an_endless_csv_field_is_refused_at_its_line(tmp_path):
    path = tmp_path / "activities.csv"
    header = b"Activity ID,Activity Date,Activity Type,Distance\n"
    path.write_bytes(header + b'1,2024-01-01 10:00:00,Run,"' + b"x" * (40 * MB))
    said = peak(path)
    assert said["refused"].startswith(f"{path}, line 2: a field longer than 128 KB")
    assert said["peak_mb"] <= PEAK_MB


def test_a_fit_file_past_its_limit_is_refused_before_it_is_held(tmp_path):
    """Random bytes do not compress: no ratio gives the file away, its size does."""
    import os

    path = tmp_path / "big.fit.gz"
    with gzip.open(path, "wb", compresslevel=1) as f:
        f.write(b"\x0e\x10\x54\x08\xff\xff\xff\x7f.FIT\x00\x00")
        for _ in range(40):
            f.write(os.urandom(MB))
    said = peak(path)
    assert said["refused"] == f"{path}: larger than 32 MB unpacked, more than cramplog reads from one file"
    assert said["peak_mb"] <= PEAK_MB
