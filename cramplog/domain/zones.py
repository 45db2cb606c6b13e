"""Provides zones by name: which names are zones, the machine's, and the one object a name gives.

A name is one zone object (`zone`): the machine's own zone read through the C library
(`LocalZone`), any other a ZoneInfo, imported only then. Standard library only: the shell
prompt reads the machine's zone here too.

Nearly every command runs in the zone of the machine it runs on. The C library keeps local time
by that zone's tzdata file (`$TZ` naming it, else /etc/localtime linked to it), the very file
`ZoneInfo(name)` reads, so `time.localtime` answers what ZoneInfo would, and a quick log is
spared importing zoneinfo and reading the file again: 2.5 ms, 5% of it (issue 27,
`bench/quicklog`). `zone` gives a `LocalZone` only for the name the C library's zone
has (`c_library_zone`); every other zone is a ZoneInfo.

A `LocalZone` follows PEP 495 as ZoneInfo does (CPython's local-time conversions probe a day
either side of an instant): `fold` picks the earlier or later of a repeated hour, and a time in
a gap takes the offset before it (fold=0) or after it (fold=1). `tests/domain/test_zones.py`
holds offsets, folds and abbreviations equal to ZoneInfo's around every transition since 1900
of zones with odd rules. `dst()` (which only `timetuple`'s daylight flag reads here) is the
offset less the nearest standard time's, as ZoneInfo's is since 1993; ZoneInfo reads it from
the file's types, which differ for 1916-1991's double summer times. Everything is ZoneInfo's
answer once zoneinfo is loaded anyway (`LocalZone._exact`), once the C library keeps another
zone (`time.tzset()` after a changed `$TZ`: a test), and at instants the C library can't reach.

`local_zone_name` (the name an entry is stamped with) and `c_library_zone` (which name is read
through the C library) both look at `$TZ` and /etc/localtime, for different questions: they
differ where the C library's zone is not a tzdata file here (`TZ=""`, a rule, `TZDIR`), and
then no `LocalZone` is made.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from functools import lru_cache

TYPE_CHECKING = False  # `typing` would cost the shell prompt ~8 ms to import

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo

TZDATA = "/usr/share/zoneinfo"
"""Where the C library (glibc's default `TZDIR`) and ZoneInfo (the first folder of Python's
`TZPATH` on Linux builds) both read zone files."""

ONCE_LOADED = True
"""A `LocalZone` answers from ZoneInfo once zoneinfo is loaded (`LocalZone._exact`); the tests
that hold the C library's answers to ZoneInfo's set it False."""

_EPOCH = dt.datetime(1970, 1, 1)
_SECOND = dt.timedelta(seconds=1)

_seen: tuple[object, str | None] = (None, None)
"""`time.tzname` as the C library's last reading of the zone left it, and the zone's name then."""


def c_library_zone() -> str | None:
    """The IANA name of the zone the C library keeps local time in, when it reads it from the
    file ZoneInfo would read for that name; else None (not Linux, `$TZDIR` or `$PYTHONTZPATH`
    set, `$TZ` a rule rather than a name, /etc/localtime a copy rather than a link).

    Worked out once (the C library reading `$TZ` again first, so both follow the environment as
    it is then), and again whenever `time.tzset()` ran since, which gives `time.tzname` a new
    tuple: what a process does to change zone. A `$TZ` changed without it (a test) leaves the
    C library, and so this, where they were; the new name is a ZoneInfo. Every zone lookup and
    every `LocalZone` conversion asks this, so it costs one identity test."""
    global _seen
    if time.tzname is not _seen[0]:
        time.tzset()
        env = (os.environ.get("TZ"), os.environ.get("TZDIR"), os.environ.get("PYTHONTZPATH"))
        _seen = (time.tzname, _find(*env))
    return _seen[1]


def _find(tz: str | None, tzdir: str | None, tzpath: str | None) -> str | None:
    if sys.platform != "linux" or tzdir is not None or tzpath is not None or tz == "":
        return None  # ("" is UTC to the C library, not a file)
    if tz is None:
        target = os.path.realpath("/etc/localtime")
        name = target[len(TZDATA) + 1 :] if target.startswith(f"{TZDATA}/") else ""
    else:
        name = tz.removeprefix(":")
    if not name or name.startswith("/") or ".." in name.split("/") or "\x00" in name:
        return None
    try:
        with open(os.path.join(TZDATA, name), "rb") as handle:
            header = handle.read(44)
    except (OSError, ValueError):
        return None
    leap_seconds = int.from_bytes(header[28:32], "big")  # `right/...`: the C library counts them, ZoneInfo not
    return name if header[:4] == b"TZif" and len(header) == 44 and not leap_seconds else None


def local_zone_name() -> str:
    """The machine's IANA zone name: `$TZ`, else the /etc/localtime link, else UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and is_zone(name):
        return name
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if is_zone(name):
            return name
    return "UTC"


@lru_cache(maxsize=64)
def is_zone(name: str) -> bool:
    """Whether `name` is an IANA zone: a tzdata folder (`Europe`), a name too long for a file,
    bytes that are not text, or a path are not. The C library's zone is one (`c_library_zone`
    found its file)."""
    if name == c_library_zone():
        return True
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        return False
    return True


def zone(name: str) -> dt.tzinfo:
    """The zone a stored name names: the machine's own as the C library keeps it (the same
    object for every call, as ZoneInfo's are), else a ZoneInfo; unknown names fall back to UTC
    rather than failing."""
    return of(name) if name == c_library_zone() else tzdata_zone(name)


def tzdata_zone(name: str) -> ZoneInfo:
    """The ZoneInfo a stored name names (UTC for an unknown one): for pandas, which treats any
    other kind of tzinfo as a fixed offset."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(name) if is_zone(name) else ZoneInfo("UTC")


@lru_cache(maxsize=8)
def of(key: str) -> LocalZone:
    """The one `LocalZone` of that name: a datetime compares with another of the same zone object
    by wall time, as with ZoneInfo's (PEP 495)."""
    return LocalZone(key)


class LocalZone(dt.tzinfo):
    """The zone `key` as the C library keeps local time in it (see the module's docstring)."""

    __slots__ = ("key", "_tzdata")

    def __init__(self, key: str) -> None:
        self.key = key
        self._tzdata: ZoneInfo | None = None

    def __str__(self) -> str:
        return self.key

    def __repr__(self) -> str:
        return f"LocalZone({self.key!r})"

    def __reduce__(self) -> tuple[Callable[[str], LocalZone], tuple[str]]:
        """Copied or unpickled, the one object of its name (`of`), as a ZoneInfo copies to
        itself; in a process whose zone is another, it gives ZoneInfo's answers."""
        return (of, (self.key,))

    def _exact(self) -> ZoneInfo | None:
        """ZoneInfo's zone of this name, to answer instead of the C library: whenever the C
        library keeps another zone, and once zoneinfo is loaded anyway (pandas, the app, an
        import), when it is free and ten times faster per conversion than the C library through
        Python (0.25 against 2.6 µs). None while the C library answers."""
        if (not ONCE_LOADED or "zoneinfo" not in sys.modules) and c_library_zone() == self.key:
            return None
        return self._load()

    def _reading(self, when: dt.datetime) -> tuple[int, dt.datetime] | ZoneInfo:
        """The C library's reading of wall time `when` (its fold choosing): the instant in POSIX
        seconds and the wall time to the second; or the ZoneInfo to ask instead."""
        exact = self._exact()
        if exact is None:
            wall = when.replace(tzinfo=None, microsecond=0)
            try:
                return int(wall.timestamp()), wall
            except (OverflowError, OSError, ValueError):  # an instant the C library can't reach
                exact = self._load()
        return exact

    def utcoffset(self, when: dt.datetime | None) -> dt.timedelta | None:
        if when is None:
            return None
        read = self._reading(when)
        if isinstance(read, tuple):
            return _SECOND * ((read[1] - _EPOCH) // _SECOND - read[0])
        return read.utcoffset(when)

    def dst(self, when: dt.datetime | None) -> dt.timedelta | None:
        """How far the clock is ahead of the zone's standard time: the offset less that of the
        nearest standard time before (else after), as ZoneInfo reads the file's types."""
        if when is None:
            return None
        read = self._reading(when)
        return _SECOND * _daylight(read[0], time.localtime(read[0])) if isinstance(read, tuple) else read.dst(when)

    def tzname(self, when: dt.datetime | None) -> str | None:
        if when is None:
            return None
        read = self._reading(when)
        return time.localtime(read[0]).tm_zone if isinstance(read, tuple) else read.tzname(when)

    def fromutc(self, when: dt.datetime) -> dt.datetime:
        if not isinstance(when, dt.datetime) or when.tzinfo is not self:
            raise ValueError("fromutc: the datetime's tzinfo is not this zone")
        exact = self._exact()
        if exact is None:
            try:  # the naive local time, its fold set by CPython's probe of the C library
                seconds = (when.replace(tzinfo=None, microsecond=0) - _EPOCH) // _SECOND
                local = dt.datetime.fromtimestamp(seconds)
                return local.replace(microsecond=when.microsecond, tzinfo=self)
            except (OverflowError, OSError, ValueError):
                exact = self._load()
        return exact.fromutc(when.replace(tzinfo=exact)).replace(tzinfo=self)

    def _load(self) -> ZoneInfo:
        """ZoneInfo's zone of this name (also for an instant the C library can't reach)."""
        if self._tzdata is None:
            from zoneinfo import ZoneInfo

            self._tzdata = ZoneInfo(self.key)
        return self._tzdata


def _daylight(seconds: int, here: time.struct_time) -> int:
    """Seconds of daylight saving in `here` (local time at `seconds`): its offset less that of the
    standard time nearest to it with another offset (looked for a day, 2, 4 ... days either side;
    of two as near, the one nearer in offset)."""
    if here.tm_isdst <= 0:
        return 0
    step = 86_400
    while step < 4_096 * 86_400:
        found = [
            here.tm_gmtoff - other.tm_gmtoff
            for other in (time.localtime(seconds - step), time.localtime(seconds + step))
            if other.tm_isdst == 0 and other.tm_gmtoff != here.tm_gmtoff
        ]
        if found:
            return min(found, key=abs)
        step *= 2
    return 0
