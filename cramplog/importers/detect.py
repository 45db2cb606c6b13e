"""Provides walking the paths given (files, folders, zip files) and recognising each file by
its content, never by its name: gzip is looked through, FIT by its `.FIT` header, XML by its
root element (GPX, TCX, Apple Health), CSV by its header (Strava, Cronometer, else generic).

Every file is read through `limits.Bounded`. A zip member that can't be unpacked at all
(encrypted, an unknown compression method, larger than the limits) carries its `problem` from
the zip's directory, before a byte of it is read."""

from __future__ import annotations

import dataclasses
import gzip
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..errors import InvalidInput
from . import cronometer, fit, gpx, strava, tcx
from .apple_health import is_apple_health
from .csvutil import header_line
from .limits import MAX_HEALTH, Bounded, limit_for, size_text

HEAD = 64 * 1024
KINDS = ("fit", "gpx", "tcx", "strava", "apple_health", "cronometer", "csv")


@dataclass
class Source:
    """One file to read, on disk or inside a zip."""

    name: str
    """For messages: the path, or `archive.zip:member`."""
    opener: Callable[[], BinaryIO]
    explicit: bool
    """Named on the command line (an unrecognised one is an error, not a skip)."""
    container: str
    inner: PurePosixPath
    """Path inside the folder or zip it was found in."""
    size: int = 0
    """Bytes as stored (for progress)."""
    plain_size: int = 0
    """Bytes once unpacked from the zip (before any gzip), for progress within a large file."""
    problem: str | None = None
    """Why this zip member can't be read at all (None: it can be tried)."""

    def head(self) -> bytes:
        """The first bytes as stored (for recognising the file)."""
        if self.problem is not None:
            raise InvalidInput(f"{self.name}: {self.problem}")
        with Bounded(self.opener(), self.name, HEAD, self.size) as f:
            return f.read(HEAD)

    def open_plain(self, kind: str | None) -> Bounded:
        """The content, un-gzipped if it is gzipped, within the limits of a `kind` file."""
        magic = self.head()[:2]
        raw: BinaryIO = self.opener()
        if magic == b"\x1f\x8b":
            raw = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
        return Bounded(raw, self.name, limit_for(kind), self.size)

    def read(self, kind: str | None) -> bytes:
        """The whole content (a FIT file's: the others are streamed)."""
        with self.open_plain(kind) as f:
            return f.readall()


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def walk(paths: list[Path]) -> list[Source]:
    """Every file under `paths`, zip members included, in a stable order."""
    out: list[Source] = []
    for path in paths:
        if not path.exists():
            raise InvalidInput(f"{path}: no such file or folder")
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for p in files:
                out.extend(_from_file(p, explicit=False, container=str(path), inner=p.relative_to(path)))
        else:
            out.extend(_from_file(path, explicit=True, container=str(path.parent), inner=PurePosixPath(path.name)))
    return out


def _from_file(path: Path, *, explicit: bool, container: str, inner: Path | PurePosixPath) -> list[Source]:
    def opener() -> BinaryIO:
        return path.open("rb")

    size = path.stat().st_size
    plain = Source(str(path), opener, explicit, container, PurePosixPath(inner.as_posix()), size, size)
    if _is_zip(path):
        try:
            return _zip_members(path)
        except InvalidInput as exc:
            if explicit:
                raise
            return [dataclasses.replace(plain, problem=str(exc).removeprefix(f"{path}: "))]  # named when read
    return [plain]


UNPACKS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
METHODS = {9: "Deflate64", 93: "Zstandard", 95: "XZ", 97: "WavPack", 98: "PPMd", 99: "AES encryption"}


def _zip_members(path: Path) -> list[Source]:
    try:
        archive = zipfile.ZipFile(path)
        infos = {i.filename: i for i in archive.infolist() if not i.is_dir()}
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InvalidInput(f"{path}: not a readable zip file ({exc})") from None

    def opener(name: str) -> Callable[[], BinaryIO]:
        return lambda: archive.open(name)  # type: ignore[return-value]  # a ZipExtFile reads as a binary file

    return [
        Source(
            f"{path}:{n}",
            opener(n),
            False,
            str(path),
            PurePosixPath(n),
            infos[n].compress_size,
            infos[n].file_size,
            _member_problem(infos[n]),
        )
        for n in sorted(infos)
        if not any(part.startswith((".", "__MACOSX")) for part in PurePosixPath(n).parts)
    ]


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a zip member can't be unpacked, from the zip's directory alone (None: it can be)."""
    if info.flag_bits & 0x1:
        return "it is encrypted (password-protected); unzip it yourself and import the files"
    if info.compress_type not in UNPACKS:
        method = METHODS.get(info.compress_type, f"method {info.compress_type}")
        return f"compressed with {method}, which cramplog can't unpack; unzip it yourself and import the files"
    if info.file_size > MAX_HEALTH:
        return f"larger than {size_text(MAX_HEALTH)} unpacked, more than cramplog reads from one file"
    return None


def kind_of(head: bytes) -> str | None:
    """The importer for a file starting with `head`, or None ("json" for a JSON file)."""
    if head[:2] == b"\x1f\x8b":
        try:  # a streaming decompressor returns what the first bytes hold, without needing the end
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, HEAD)
        except zlib.error:
            return None
    if fit.is_fit(head):
        return "fit"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        if gpx.is_gpx(text[:4096]):
            return "gpx"
        if tcx.is_tcx(text[:4096]):
            return "tcx"
        if is_apple_health(text):
            return "apple_health"
        return None
    if text.startswith((b"{", b"[")):
        return "json"
    header = header_line(head)
    if len(header) < 2 or b"\0" in head:
        return None
    if strava.is_strava(header):
        return "strava"
    if cronometer.kind_of(header):
        return "cronometer"
    return "csv"
