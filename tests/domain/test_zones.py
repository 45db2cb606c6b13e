"""`LocalZone` (the machine's zone through the C library) answers as ZoneInfo does.

The comparison runs in a process of its own (`python -m tests.domain.test_zones ZONE...`):
it sets `$TZ` zone after zone, which resets the C library's local time for the whole process.
Its zones are the ones with odd rules: 30- and 45-minute offsets and steps (Lord Howe, Chatham,
St John's, Kolkata, Tehran), a skipped day (Apia, 2011), DST below standard time (Dublin) or
suspended for Ramadan (Casablanca), two hours of it (Troll), double summer time (London),
years without DST and back (Moscow, Santiago, Sao Paulo).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import time

import pytest

from cramplog.domain import zones
from cramplog.domain.zones import TZDATA, LocalZone, c_library_zone

ZONES = (
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Apia",
    "America/Sao_Paulo",
    "Africa/Casablanca",
    "Europe/Dublin",
    "Antarctica/Troll",
    "Pacific/Chatham",
    "America/St_Johns",
    "Asia/Tehran",
    "Europe/Moscow",
    "Pacific/Kiritimati",
    "America/Santiago",
    "Etc/UTC",
    "Etc/GMT+5",
)
UTC = dt.timezone.utc
EXACT_DST_FROM = dt.datetime(1993, 1, 1, tzinfo=UTC)
"""Before this, `dst()` differs where ZoneInfo's types disagree with the instants (see zones)."""

needs_tzdata = pytest.mark.skipif(
    sys.platform != "linux" or not os.path.exists(os.path.join(TZDATA, "Europe", "London")),
    reason="the C library's zone is read through it on Linux with the system's tzdata only",
)


def compare(name: str) -> tuple[int, list[str]]:
    """Transitions of zone `name` from 1900 to 2045, and what a `LocalZone` answered otherwise
    than ZoneInfo around each of them (a second, half an hour, hours and a day either side, in
    both directions: instant to wall time, and wall time with either fold to instant) and at
    3,000 random instants."""
    from zoneinfo import ZoneInfo

    os.environ["TZ"] = name
    time.tzset()  # the process changes zone
    local, exact = zones.zone(name), ZoneInfo(name)
    if not isinstance(local, LocalZone):
        return 0, [f"{name}: {local!r} is not a LocalZone"]
    wrong: list[str] = []

    def seen(at: dt.datetime, zone: dt.tzinfo) -> tuple[object, ...]:
        return (at.replace(tzinfo=None), at.fold, at.utcoffset(), at.tzname(), at.astimezone(UTC))

    def check(u: dt.datetime) -> None:
        mine, theirs = u.astimezone(local), u.astimezone(exact)
        walls = [(mine, theirs)] + [
            (theirs.replace(tzinfo=local, fold=f), theirs.replace(tzinfo=exact, fold=f)) for f in (0, 1)
        ]
        for a, b in walls:
            if seen(a, local) != seen(b, exact):
                wrong.append(f"{a.replace(tzinfo=None)} fold {a.fold} ({u}): {seen(a, local)} != {seen(b, exact)}")
            if u >= EXACT_DST_FROM and a.dst() != b.dst():
                wrong.append(f"{a.replace(tzinfo=None)} fold {a.fold}: dst {a.dst()} != {b.dst()}")

    def state(u: dt.datetime) -> tuple[object, ...]:
        at = u.astimezone(exact)
        return at.utcoffset(), at.tzname(), bool(at.dst())

    transitions = 0
    u, end = dt.datetime(1900, 1, 1, tzinfo=UTC), dt.datetime(2045, 1, 1, tzinfo=UTC)
    before = state(u)
    while u < end:
        later = u + dt.timedelta(hours=12)
        after = state(later)
        if after != before:
            low, high = u, later
            while high - low > dt.timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                low, high = (middle, high) if state(middle) == before else (low, middle)
            transitions += 1
            for seconds in (-90_000, -7_200, -3_600, -1_801, -1, 0, 1, 1_799, 3_600, 5_400, 7_200, 90_000):
                check(high + dt.timedelta(seconds=seconds))
        before, u = after, later
    rnd = random.Random(name)
    for _ in range(3_000):
        check(dt.datetime(1900, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=rnd.randrange(200 * 365 * 86_400)))
    return transitions, wrong


@needs_tzdata
def test_the_c_librarys_zone_answers_as_zoneinfo_does():
    result = subprocess.run(
        [sys.executable, "-m", "tests.domain.test_zones", *ZONES],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {name: wrong[:3] for name, (_, wrong) in found.items() if wrong} == {}
    assert found["Europe/London"][0] > 200 and found["Pacific/Apia"][0] > 20  # the scan saw them


@pytest.fixture
def tz(monkeypatch: pytest.MonkeyPatch):
    """Change the process's zone for one test, as a process does (`$TZ`, then `time.tzset()`),
    and back afterwards."""

    def change(value: str) -> None:
        monkeypatch.setenv("TZ", value)
        time.tzset()

    yield change
    monkeypatch.undo()
    time.tzset()


@needs_tzdata
def test_a_zone_keeps_its_rules_when_the_process_changes_zone(tz):
    tz("America/New_York")
    new_york = zones.zone("America/New_York")
    assert isinstance(new_york, LocalZone)
    winter = dt.datetime(2026, 1, 15, 12, tzinfo=UTC)
    assert winter.astimezone(new_york).hour == 7
    tz("Asia/Tokyo")
    assert winter.astimezone(new_york).hour == 7  # ZoneInfo's answer now: the C library is in Tokyo
    assert dt.datetime(2026, 7, 1, 12, tzinfo=new_york).utcoffset() == dt.timedelta(hours=-4)
    assert winter.astimezone(zones.zone("Asia/Tokyo")).hour == 21
    assert zones.zone("Asia/Tokyo") is zones.zone("Asia/Tokyo")  # one object per zone, as ZoneInfo's


@needs_tzdata
def test_a_tz_changed_without_tzset_leaves_the_c_library_and_the_zones_where_they_were(tz, monkeypatch):
    """`$TZ` set without `time.tzset()`: the C library still keeps Tokyo's time, so Tokyo is the
    one zone read through it, and New York is a ZoneInfo, right either way."""
    tz("Asia/Tokyo")
    assert c_library_zone() == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "America/New_York")
    assert c_library_zone() == "Asia/Tokyo" and time.localtime(0).tm_hour == 9
    new_york = zones.zone("America/New_York")
    assert not isinstance(new_york, LocalZone)
    assert dt.datetime(2026, 1, 15, 12, tzinfo=new_york).utcoffset() == dt.timedelta(hours=-5)
    assert isinstance(zones.zone("Asia/Tokyo"), LocalZone)


@needs_tzdata
@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("Europe/Paris", "Europe/Paris"),
        (":Europe/Paris", "Europe/Paris"),  # the C library's "implementation-defined" form
        ("CET-1CEST,M3.5.0,M10.5.0/3", None),  # a rule, not a file: ZoneInfo can't read it
        ("", None),  # UTC to the C library, but no file
        ("Europe", None),  # a folder
        ("../../etc/passwd", None),
        ("/usr/share/zoneinfo/Europe/Paris", None),  # a path, not a zone's name
        ("Not/AZone", None),
        ("right/Europe/Paris", None),  # leap seconds: the C library counts them, ZoneInfo does not
    ],
)
def test_only_a_zone_the_c_library_reads_from_tzdata_is_read_through_it(tz, value, read):
    tz(value)
    assert c_library_zone() == read
    assert isinstance(zones.zone("Europe/Paris"), LocalZone) == (read == "Europe/Paris")


@needs_tzdata
def test_a_moved_tzdata_folder_keeps_zoneinfo(tz, monkeypatch):
    tz("Europe/Paris")
    monkeypatch.setenv("TZDIR", "/elsewhere")
    assert c_library_zone() is None and not isinstance(zones.zone("Europe/Paris"), LocalZone)


@needs_tzdata
def test_a_datetime_in_the_local_zone_copies_and_pickles_to_the_same_zone(tz):
    import copy
    import pickle

    tz("Europe/Berlin")
    at = dt.datetime(2026, 3, 29, 1, 30, tzinfo=zones.zone("Europe/Berlin"))
    for again in (copy.deepcopy(at), pickle.loads(pickle.dumps(at))):
        assert again == at and again.tzinfo is at.tzinfo


if __name__ == "__main__":
    zones.ONCE_LOADED = False  # the C library answers, as on a quick log, beside the ZoneInfo it is compared with
    print(json.dumps({name: compare(name) for name in sys.argv[1:]}, default=str))
