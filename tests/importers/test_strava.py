"""Strava bulk export: activities.csv (two Distance columns, UTC dates, gear), its activity
files, and one run when the same activity also arrives as its FIT file."""

from __future__ import annotations

import datetime as dt
import gzip
import re
import zipfile

import pytest

from cramplog.domain.settings import Settings
from cramplog.errors import InvalidInput

from .fitwriter import activity_file

UTC = dt.timezone.utc
HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,"
    "Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Perceived Exertion,"
    "Average Heart Rate\n"
)


def row(aid, date, kind="Run", display="5.02", metres="5020.5", moving="1800", gear="", filename="", rpe="", hr=""):
    return (
        f'{aid},"{date}",Morning {kind},{kind},,1900,{display},170,40,false,,"{gear}",{filename},,,1900,'
        f"{moving},{metres},4.1,2.8,{rpe},{hr}\n"
    )


def export(tmp_path, rows, files=None):
    folder = tmp_path / "strava"
    (folder / "activities").mkdir(parents=True)
    (folder / "activities.csv").write_text(HEADER + "".join(rows))
    for name, data in (files or {}).items():
        (folder / name).write_bytes(data)
    return folder


def test_runs_from_the_csv_use_metres_utc_and_gear(tmp_path, read):
    folder = export(
        tmp_path,
        [
            row(
                101,
                "May 1, 2024, 6:30:12 AM",
                display="3.12",
                metres="5020.5",
                gear="  Pegasus 40 ",
                rpe="6",
                hr="151.3",
            ),
            row(102, "May 2, 2024, 6:30:12 PM", kind="Trail Run", gear="pegasus 40"),
            row(103, "May 3, 2024, 7:00:00 AM", kind="Walk"),
            row(104, "May 4, 2024, 7:00:00 AM", kind="Ride"),
            row(105, "May 5, 2024, 7:00:00 AM", kind="Workout"),
        ],
    )
    batch = read(folder)
    first, second = batch.records
    assert first.entry.at == dt.datetime(2024, 5, 1, 6, 30, 12, tzinfo=UTC)
    assert (first.entry.distance_km, first.entry.duration_s, first.entry.effort) == (5.021, 1800, 6)
    assert first.shoe_name == "Pegasus 40" and "151" in first.entry.note
    assert (first.source, first.source_ref) == ("strava", "101")
    assert second.entry.at.hour == 18 and second.entry.surface == "trail"
    assert batch.summary.line() == "imported 2 runs, 1 shoe; skipped 1 walk, 1 ride, 1 workout; 0 already there"


def test_an_old_export_with_one_distance_column_is_in_display_units(tmp_path, read):
    csv = tmp_path / "activities.csv"
    csv.write_text(
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Activity Gear\n"
        '7,"Jan 5, 2019, 8:00:00 AM",Run,Run,1800,3.1,\n'
    )
    assert read(csv).records[0].entry.distance_km == 3.1
    imperial = read(csv, settings=Settings(units="imperial")).records[0].entry.distance_km
    assert imperial == pytest.approx(4.989, abs=0.001)


def test_the_activity_file_fills_what_the_csv_lacks_and_is_not_imported_twice(tmp_path, read):
    start = dt.datetime(2024, 5, 1, 6, 30, 12, tzinfo=UTC)
    fit = gzip.compress(activity_file(start=start, distance_m=7000, timer_s=2400))
    walk = gzip.compress(activity_file(start=start + dt.timedelta(days=1), sport="walking", serial=5))
    folder = export(
        tmp_path,
        [
            row(201, "May 1, 2024, 6:30:12 AM", metres="", display="", moving="", filename="activities/201.fit.gz"),
            row(202, "May 2, 2024, 6:30:12 AM", kind="Walk", filename="activities/202.fit.gz"),
        ],
        {"activities/201.fit.gz": fit, "activities/202.fit.gz": walk},
    )
    batch = read(folder)
    [r] = batch.records
    assert (r.source, r.entry.distance_km) == ("strava", 7.0)  # from the file
    assert r.entry.duration_s == 1900  # no Moving Time: the CSV's Elapsed Time still beats the file
    assert batch.summary.skipped == {"walks": 1}  # the walk's own file is not counted again


def test_a_run_from_strava_and_from_its_fit_file_is_one_run(tmp_path, read):
    start = dt.datetime(2024, 5, 1, 6, 30, 12, tzinfo=UTC)
    folder = export(tmp_path, [row(301, "May 1, 2024, 6:30:12 AM", metres="5040.0", gear="Clifton")])
    watch = tmp_path / "watch"
    watch.mkdir()
    (watch / "run.fit").write_bytes(
        activity_file(start=start + dt.timedelta(seconds=40), distance_m=4985, utc_offset_s=2 * 3600)
    )
    batch = read(folder, watch, tz="Europe/London")
    [r] = batch.records
    assert (r.source, r.source_ref, r.shoe_name) == ("strava", "301", "Clifton")
    assert r.also == (("fit", "3900000001:2024-05-01T06:30:52Z:0"),)
    assert r.entry.tz == "Etc/GMT-2"  # the device knew the zone; Strava's CSV does not
    assert batch.summary.skipped == {"seen in another source": 1}


def test_the_zip_is_read_like_the_folder(tmp_path, read):
    archive = tmp_path / "export_123.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("activities.csv", HEADER + row(401, "May 1, 2024, 6:30:12 AM"))
        z.writestr("profile.csv", "Athlete ID,Email\n1,a@b.c\n")
        z.writestr("media/1.jpg", b"\xff\xd8\xff\xe0")
    batch = read(archive)
    assert [r.source_ref for r in batch.records] == ["401"]
    assert batch.summary.skipped == {"other files": 2}


def test_a_csv_without_the_strava_columns_is_refused(tmp_path, read):
    csv = tmp_path / "activities.csv"
    csv.write_text("Activity ID,Activity Date,Name\n1,2024-01-01,x\n")
    with pytest.raises(InvalidInput, match=r"activities.csv: not a Strava activities.csv \(no 'Activity Type'"):
        read(csv, source="strava")


def test_an_unreadable_date_names_the_line_and_in_a_folder_the_file_is_skipped(tmp_path, read):
    folder = export(tmp_path, [row(1, "May 1, 2024, 6:30:12 AM"), row(2, "yesterday-ish")])
    message = r"activities.csv, line 3: cannot read Activity Date 'yesterday-ish'"
    with pytest.raises(InvalidInput, match=message):
        read(folder / "activities.csv")
    batch = read(folder)
    assert batch.records == [] and batch.summary.skipped == {"unreadable files": 1}
    [said] = batch.summary.unreadable
    assert said.startswith(str(folder / "activities.csv")) and re.search(message, said)


def test_the_2018_layout_has_lower_case_columns_and_metres(tmp_path, read):
    """AhmedAldahshoury/StravaData's export: `id,date,name,type,...` with the distance in metres."""
    csv = tmp_path / "activities.csv"
    csv.write_text(
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n"
        "326763668,2015-06-16 14:27:56,Afternoon Run,Run,First run =D,11094,12827.1,false,,\n"
        "202171828,2014-10-02 04:00:55,GUC Ride,Ride,,8627,34866.5,false,,activities/202171828.gpx\n"
        '1113918190,2017-08-02 15:06:30,Afternoon Run,Run,"",1320,2600.0,false,Zatona,\n'
    )
    batch = read(csv)
    first, second = (r.entry for r in batch.records)
    assert (first.at, first.distance_km, first.duration_s) == (
        dt.datetime(2015, 6, 16, 14, 27, 56, tzinfo=UTC),
        12.827,
        11094,
    )
    assert (second.distance_km, batch.records[1].shoe_name, batch.records[0].source_ref) == (2.6, "Zatona", "326763668")
    assert batch.summary.skipped == {"rides": 1}
