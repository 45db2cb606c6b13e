"""Apple Health: drinks, daily magnesium/potassium (top level only), running workouts, the
broken DTD and control characters of real exports, and refusal of a file that is not XML."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
import zipfile
from zoneinfo import ZoneInfo

import pytest

from cramplog.errors import InvalidInput

from .healthgen import HEADER, food, record, workout

TZ = dt.timezone(dt.timedelta(hours=12))
AT = dt.datetime(2024, 8, 9, 13, 49, 55, tzinfo=TZ)


def export(tmp_path, body: str, name: str = "export.xml"):
    path = tmp_path / name
    path.write_text(HEADER + body + "</HealthData>\n", encoding="utf-8")
    return path


def test_the_real_exports_dtd_is_broken_so_it_must_be_skipped():
    with pytest.raises(ET.ParseError):
        ET.fromstring(HEADER + "</HealthData>")


def test_water_becomes_drinks_in_the_records_zone(tmp_path, read):
    body = (
        record("DietaryWater", AT, 250, "mL", "WaterMinder")
        + record("DietaryWater", AT + dt.timedelta(hours=1), 0.5, "L", "WaterMinder")
        + record("DietaryWater", AT + dt.timedelta(hours=2), 8, "fl_oz_us", "WaterMinder")
    )
    batch = read(export(tmp_path, body), tz="Pacific/Auckland")
    drinks = [r.entry for r in batch.records]
    assert [d.amount_ml for d in drinks] == [250, 500, 237]
    assert drinks[0].at == AT and drinks[0].tz == "Pacific/Auckland"
    assert batch.records[0].source_ref == "HKQuantityTypeIdentifierDietaryWater|2024-08-09 13:49:55 +1200|WaterMinder"
    assert batch.summary.imported == {"drink": 3}


def test_minerals_are_daily_totals_and_food_correlations_are_not_counted_twice(tmp_path, read):
    body = (
        record("DietaryMagnesium", AT, 100, "mg", "Cronometer")
        + record("DietaryMagnesium", AT + dt.timedelta(hours=3), 80, "mg", "Cronometer")
        + record("DietaryPotassium", AT, 1400, "mg", "Cronometer")
        + food(AT, 100, 1400)
        + food(AT + dt.timedelta(hours=3), 80, 0)
    )
    [r] = read(export(tmp_path, body), tz="Pacific/Auckland").records
    meal = r.entry
    assert (meal.magnesium_mg, meal.potassium_mg, meal.servings) == (180, 1400, 1.0)
    assert meal.text == "daily total from Cronometer via Apple Health"
    assert meal.at == dt.datetime(2024, 8, 9, 12, 0, tzinfo=meal.at.tzinfo) and meal.tz == "Pacific/Auckland"
    assert r.source_ref == "daily|2024-08-09|Cronometer"


def test_a_mineral_not_logged_is_said_so(tmp_path, read):
    [r] = read(export(tmp_path, record("DietaryMagnesium", AT, 250, "mg", "Supplements"))).records
    assert (r.entry.magnesium_mg, r.entry.potassium_mg) == (250, None)
    assert r.entry.note == "potassium not logged"


def test_running_workouts_new_and_old_style_walks_skipped(tmp_path, read):
    body = (
        workout(AT, "Running", 7.5, 40)
        + workout(AT + dt.timedelta(days=1), "Running", 5.0, 30, new_style=False)
        + workout(AT + dt.timedelta(days=2), "Walking", 2.0, 25)
    )
    batch = read(export(tmp_path, body))
    runs = [r.entry for r in batch.records]
    assert [(r.distance_km, r.duration_s) for r in runs] == [(7.5, 2400), (5.0, 1800)]
    assert runs[0].surface is None
    assert batch.summary.skipped == {"walks": 1}


def test_control_characters_raw_and_as_references_are_tolerated(tmp_path, read):
    body = record("DietaryWater", AT, 250, "mL", "Jo\x0bs app") + record(
        "DietaryWater", AT + dt.timedelta(hours=1), 300, "mL", "Jo&#x1F;s app&#11;"
    )
    batch = read(export(tmp_path, body))
    assert [r.entry.amount_ml for r in batch.records] == [250, 300]
    assert batch.records[0].source_ref.endswith("|Jos app")


def test_export_zip_is_read_and_its_workout_routes_are_not_imported_again(tmp_path, read):
    xml = export(tmp_path, workout(AT, "Running", 7.5, 40))
    route = (
        '<?xml version="1.0"?><gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        '<trkpt lat="1" lon="1"><time>2024-08-09T01:49:55Z</time></trkpt>'
        '<trkpt lat="1.1" lon="1"><time>2024-08-09T02:29:55Z</time></trkpt></trkseg></trk></gpx>'
    )
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(xml, "apple_health_export/export.xml")
        z.writestr("apple_health_export/workout-routes/route_2024-08-09_1.49pm.gpx", route)
        z.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    batch = read(archive)
    assert [r.source for r in batch.records] == ["apple_health"]
    assert batch.summary.skipped == {"other files": 1}


@pytest.mark.parametrize(
    "body,problem",
    [
        (record("DietaryWater", AT, 250, "mL") + " <Record type='x' value='1'>\n", "not well-formed"),
        (' <Record type="x" value="1"/>\n <Broken attr=1/>\n', "not well-formed"),
    ],
)
def test_a_file_not_well_formed_beyond_the_known_faults_is_refused(tmp_path, read, body, problem):
    path = export(tmp_path, body)
    with pytest.raises(InvalidInput, match=rf"^{path}: {problem}"):
        read(path)


def test_a_truncated_export_is_refused_not_half_read(tmp_path, read):
    path = tmp_path / "export.xml"
    path.write_text(HEADER + record("DietaryWater", AT, 250, "mL") * 50, encoding="utf-8")
    with pytest.raises(InvalidInput, match="not well-formed"):
        read(path)


def test_a_record_made_abroad_keeps_its_offset_as_zone(tmp_path, read):
    abroad = dt.datetime(2024, 1, 10, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    home = dt.datetime(2024, 1, 11, 8, 0, tzinfo=dt.timezone.utc)
    body = record("DietaryWater", abroad, 250, "mL") + record("DietaryWater", home, 250, "mL")
    drinks = [r.entry for r in read(export(tmp_path, body), tz="Europe/London").records]
    assert [d.tz for d in drinks] == ["Etc/GMT-2", "Europe/London"]
    assert drinks[0].at == abroad


def test_gzipped_export_xml_is_read(tmp_path, read):
    import gzip

    path = export(tmp_path, record("DietaryWater", AT, 250, "mL"))
    packed = tmp_path / "export.xml.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    assert [r.entry.amount_ml for r in read(packed).records] == [250]


def test_an_indoor_running_workout_is_on_the_treadmill(tmp_path, read):
    body = workout(AT, "Running", 6.0, 35).replace('"HKIndoorWorkout" value="0"', '"HKIndoorWorkout" value="1"')
    [r] = read(export(tmp_path, body)).records
    assert r.entry.surface == "treadmill"


def _export_at(tmp_path, offset: str, body: str):
    path = tmp_path / "export.xml"
    path.write_text(
        HEADER.replace('value="2024-08-10 10:00:00 +0100"', f'value="2024-12-10 10:00:00 {offset}"')
        + body
        + "</HealthData>\n",
        encoding="utf-8",
    )
    return path


def test_hktimezone_gives_the_zone(tmp_path, read):
    """healthkit-to-sqlite's export.xml: a November run written at the July export's -0700."""
    at = dt.datetime(2016, 11, 14, 7, 25, 41, tzinfo=dt.timezone(dt.timedelta(hours=-7)))
    zone = '<MetadataEntry key="HKTimeZone" value="America/Los_Angeles"/>'
    body = workout(at, "Running", 0.8, 5.19).replace('<MetadataEntry key="HKIndoorWorkout" value="0"/>', zone)
    [r] = read(_export_at(tmp_path, "-0700", body), tz="Europe/London").records
    assert r.entry.tz == "America/Los_Angeles" and r.entry.at == at
    assert r.entry.at.astimezone(ZoneInfo("America/Los_Angeles")).hour == 6  # PST: 06:25, not 07:25


def test_the_export_time_offset_on_every_date_is_not_the_records_zone(tmp_path, read):
    """Exported in winter (+0000), a summer drink at 08:00 BST is written 07:00 +0000: it is the
    user's zone at 08:00 local, not UTC (which put half the records an hour off)."""
    summer = dt.datetime(2024, 7, 1, 7, 0, tzinfo=dt.timezone.utc)
    late = dt.datetime(2024, 7, 1, 23, 30, tzinfo=dt.timezone.utc)
    body = record("DietaryWater", summer, 250, "mL") + record("DietaryMagnesium", late, 300, "mg", "Cronometer")
    batch = read(_export_at(tmp_path, "+0000", body), tz="Europe/London")
    drink, food_entry = sorted((r.entry for r in batch.records), key=lambda e: e.kind)
    assert drink.tz == "Europe/London" and drink.at.astimezone(ZoneInfo("Europe/London")).hour == 8
    assert food_entry.at.astimezone(ZoneInfo("Europe/London")).date() == dt.date(2024, 7, 2)  # 00:30 local


def test_a_running_workout_with_distance_zero_is_a_workout_of_its_time(tmp_path, read):
    body = workout(AT, "Running", 0, 60, new_style=False)
    [r] = read(export(tmp_path, body)).records
    assert (r.entry.workout, r.entry.distance_km, r.entry.duration_s) == ("other", None, 3600)
