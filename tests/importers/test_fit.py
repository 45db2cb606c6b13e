"""FIT files: runs from sessions, the device's zone, skipped sports and files, corrupt files."""

from __future__ import annotations

import datetime as dt
import gzip
import io

import fitdecode
import pytest

from cramplog.errors import InvalidInput
from cramplog.importers import fit

from .fitwriter import FILE_MONITORING_B, FILE_SETTINGS, Activity, activity_file, crc16, encode_activity

UTC = dt.timezone.utc
START = dt.datetime(2024, 7, 6, 5, 45, 10, tzinfo=UTC)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_encoder_writes_what_fitdecode_reads():
    data = activity_file(start=START, distance_m=8123.4, timer_s=2950, records=5)
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        frames = [f for f in reader if f.frame_type == fitdecode.FIT_FRAME_DATA]
    session = next(f for f in frames if f.name == "session")
    assert session.get_value("start_time") == START
    assert session.get_value("total_distance") == pytest.approx(8123.4)
    assert crc16(b"123456789") == 0xBB3D  # CRC-16/ARC check value, as FIT uses
    assert fit.crc16(b"123456789") == 0xBB3D


def test_a_running_session_becomes_a_run_in_the_devices_zone(tmp_path, read):
    path = write(
        tmp_path,
        "run.fit",
        activity_file(start=START, distance_m=8123.4, timer_s=2950, elapsed_s=3100, avg_hr=148, utc_offset_s=2 * 3600),
    )
    batch = read(path, tz="Europe/London")
    [r] = batch.records
    run = r.entry
    assert (run.kind, run.at, run.distance_km, run.duration_s) == ("run", START, 8.123, 2950)
    assert run.tz == "Etc/GMT-2"  # UTC+2 on the device, not the user's London summer time
    assert "148" in run.note
    assert (r.source, r.source_ref) == ("fit", "3900000001:2024-07-06T05:45:10Z:0")
    assert batch.summary.imported == {"run": 1}


def test_the_users_zone_is_kept_when_the_device_agrees_and_used_when_the_offset_is_unknown(tmp_path, read):
    same = write(tmp_path, "a.fit", activity_file(start=START, utc_offset_s=3600, serial=1))
    unknown = write(tmp_path, "b.fit", activity_file(start=START + dt.timedelta(days=1), utc_offset_s=None, serial=2))
    runs = [r.entry for r in read(same, unknown, tz="Europe/London").records]
    assert [r.tz for r in runs] == ["Europe/London", "Europe/London"]


def test_gzipped_fit_and_treadmill_surface(tmp_path, read):
    path = write(tmp_path, "x.fit.gz", gzip.compress(activity_file(start=START, sub_sport="treadmill")))
    [r] = read(path).records
    assert r.entry.surface == "treadmill"


def test_a_session_without_distance_takes_it_from_the_records(tmp_path, read):
    cumulative = write(tmp_path, "c.fit", activity_file(start=START, distance_m=None, records=30, serial=1))
    gps_only = write(
        tmp_path,
        "g.fit",
        activity_file(start=START + dt.timedelta(days=1), distance_m=None, records=30, record_distance=False, serial=2),
    )
    runs = [r.entry for r in read(cumulative, gps_only).records]
    assert runs[0].distance_km == pytest.approx(5.0, abs=0.01)  # the writer's default track length
    assert runs[1].distance_km == pytest.approx(4.448, abs=0.01)  # 0.04 degrees of latitude


@pytest.mark.parametrize(
    "sport,reason",
    [("walking", "walks"), ("cycling", "rides"), ("swimming", "swims"), ("hiking", "hikes"), ("training", "workouts")],
)
def test_other_sports_are_skipped_and_counted(tmp_path, read, sport, reason):
    batch = read(write(tmp_path, "o.fit", activity_file(start=START, sport=sport)))
    assert batch.records == []
    assert batch.summary.skipped == {reason: 1}


def test_monitoring_and_settings_files_are_skipped_and_counted(tmp_path, read):
    mon = write(tmp_path, "m.fit", activity_file(start=START, file_type=FILE_MONITORING_B, records=0))
    settings = write(tmp_path, "s.fit", activity_file(start=START, file_type=FILE_SETTINGS, records=0, serial=9))
    batch = read(mon, settings)
    assert batch.records == []
    assert batch.summary.skipped == {"monitoring files": 1, "other FIT files": 1}


def test_a_multisport_file_keeps_only_the_run(tmp_path, read):
    ride = Activity(start=START + dt.timedelta(hours=1), sport="cycling", records=3)
    data = encode_activity(Activity(start=START, records=3, extra_sessions=[ride]))
    batch = read(write(tmp_path, "tri.fit", data))
    assert len(batch.records) == 1 and batch.summary.skipped == {"rides": 1}


def test_impossible_dates_are_skipped_not_fatal(tmp_path, read):
    future = write(tmp_path, "f.fit", activity_file(start=dt.datetime(2030, 1, 1, tzinfo=UTC), serial=1))
    fine = write(tmp_path, "ok.fit", activity_file(start=START, serial=2))
    batch = read(future, fine)
    assert len(batch.records) == 1
    assert batch.summary.skipped == {"with impossible dates": 1}
    assert "skipped 1 with impossible dates" in batch.summary.line()


@pytest.mark.parametrize(
    "damage,problem",
    [
        (lambda d: d[:-1], "truncated"),
        (lambda d: d[: len(d) // 2], "truncated"),
        (lambda d: d[:40] + bytes([d[40] ^ 0xFF]) + d[41:], "CRC does not match"),
        (lambda d: d[:-2] + bytes([d[-2] ^ 1, d[-1]]), "CRC does not match"),
        (lambda d: d[:4] + b"\xff\xff\xff\x00" + d[8:], "truncated"),
    ],
)
def test_a_corrupt_fit_file_is_refused_naming_the_file(tmp_path, read, damage, problem):
    path = write(tmp_path, "broken.fit", damage(activity_file(start=START)))
    with pytest.raises(InvalidInput) as err:
        read(path)
    message = str(err.value)
    assert message.startswith(f"{path}:") and problem in message and "\n" not in message


def test_a_corrupt_file_named_refuses_the_whole_batch(tmp_path, read):
    good = write(tmp_path, "good.fit", activity_file(start=START, serial=1))
    bad = write(tmp_path, "bad.fit", activity_file(start=START, serial=2)[:-5])
    with pytest.raises(InvalidInput, match="bad.fit"):
        read(good, bad)


def test_a_running_session_without_a_sub_sport_is_a_run(tmp_path, read):
    """COROS watches and the fenix 2 write no sub_sport: the run was skipped as out of range."""
    batch = read(write(tmp_path, "coros.fit", activity_file(start=START, distance_m=10743.6, sub_sport=None)))
    [r] = batch.records
    assert (r.entry.distance_km, r.entry.surface, batch.summary.skipped) == (10.744, None, {})


def test_a_generic_session_spanning_the_legs_of_a_multisport_file_is_not_a_run(tmp_path, read):
    """A multisport file's overall session (sport generic, 25 km) covers its two running legs."""
    legs = [
        Activity(start=START + dt.timedelta(minutes=40), distance_m=2245, timer_s=2295, sub_sport=None),
        Activity(start=START + dt.timedelta(minutes=80), distance_m=12740, timer_s=3600, sub_sport=None),
        Activity(start=START + dt.timedelta(minutes=150), sport="cycling", sub_sport=None, timer_s=600),
    ]
    data = encode_activity(
        Activity(
            start=START,
            sport="generic",
            sub_sport=None,
            distance_m=25072,
            timer_s=11738,
            records=0,
            extra_sessions=legs,
        )
    )
    batch = read(write(tmp_path, "multi.fit", data))
    assert [r.entry.distance_km for r in batch.records] == [2.245, 12.74]
    assert batch.summary.skipped == {"overall sessions of multisport files": 1, "rides": 1}


def test_a_lone_generic_session_is_a_run_and_says_its_sport_was_not_stated(tmp_path, read):
    [r] = read(write(tmp_path, "g.fit", activity_file(start=START, sport="generic", sub_sport=None))).records
    assert r.entry.distance_km == 5.0 and "sport not stated" in r.entry.note


def test_coros_local_time_equal_to_utc_says_nothing_of_the_zone(tmp_path, read):
    coros = write(tmp_path, "c.fit", activity_file(start=START, manufacturer="coros", utc_offset_s=0, serial=1))
    garmin = write(tmp_path, "g.fit", activity_file(start=START + dt.timedelta(days=1), utc_offset_s=0, serial=2))
    runs = [r.entry for r in read(coros, garmin, tz="Europe/Berlin").records]
    assert [r.tz for r in runs] == ["Europe/Berlin", "UTC"]  # a Garmin at UTC+0 in July was in UTC+0


def test_a_running_session_without_any_distance_is_a_workout_of_its_time(tmp_path, read):
    path = write(tmp_path, "t.fit", activity_file(start=START, distance_m=None, records=0, sub_sport="treadmill"))
    [r] = read(path).records
    assert (r.entry.workout, r.entry.distance_km, r.entry.duration_s, r.entry.surface) == (
        "other",
        None,
        1800,
        "treadmill",
    )
    assert r.entry.note.startswith("run without a distance")


def test_an_impossible_pace_is_skipped_with_its_reason(tmp_path, read):
    batch = read(write(tmp_path, "p.fit", activity_file(start=START, distance_m=5500, timer_s=341)))
    assert batch.records == [] and batch.summary.skipped == {"with an impossible pace": 1}
    assert "skipped 1 with an impossible pace" in batch.summary.line()
