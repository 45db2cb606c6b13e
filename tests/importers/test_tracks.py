"""GPX and TCX: start, distance and duration of running tracks; other sports; malformed XML."""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.errors import InvalidInput

UTC = dt.timezone.utc

GPX = """
  <?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1">
 <metadata><time>2024-03-02T07:00:00Z</time></metadata>
 <trk>
  <name>Morning Run</name>
  <type>{kind}</type>
  <trkseg>
   <trkpt lat="51.5000000" lon="-0.1200000"><ele>10</ele><time>2024-03-02T07:00:00Z</time></trkpt>
   <trkpt lat="51.5100000" lon="-0.1200000"><ele>11</ele><time>2024-03-02T07:05:30Z</time></trkpt>
   <trkpt lat="51.5200000" lon="-0.1200000"><ele>12</ele><time>2024-03-02T07:11:00Z</time></trkpt>
  </trkseg>
 </trk>
</gpx>
"""

TCX = """ <?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities>
  <Activity Sport="{sport}">
   <Id>2024-03-03T18:20:05.000Z</Id>
   <Lap StartTime="2024-03-03T18:20:05.000Z">
    <TotalTimeSeconds>1500.0</TotalTimeSeconds><DistanceMeters>5000.0</DistanceMeters>
    <AverageHeartRateBpm><Value>150</Value></AverageHeartRateBpm>
   </Lap>
   <Lap StartTime="2024-03-03T18:45:05.000Z">
    <TotalTimeSeconds>300.5</TotalTimeSeconds><DistanceMeters>1000.0</DistanceMeters>
    <AverageHeartRateBpm><Value>160</Value></AverageHeartRateBpm>
   </Lap>
  </Activity>
 </Activities>
</TrainingCenterDatabase>
"""


def test_a_strava_gpx_with_leading_whitespace_becomes_a_run(tmp_path, read):
    path = tmp_path / "1.gpx"
    path.write_text(GPX.format(kind="running"))
    [r] = read(path, tz="Europe/London").records
    assert r.entry.at == dt.datetime(2024, 3, 2, 7, 0, tzinfo=UTC)
    assert r.entry.duration_s == 660
    assert r.entry.distance_km == pytest.approx(2.224, abs=0.005)  # 0.02 degrees of latitude
    assert r.entry.tz == "Europe/London" and r.source == "gpx" and r.source_ref.startswith("sha256:")


def test_the_same_gpx_twice_has_the_same_reference(tmp_path, read):
    a, b = tmp_path / "a.gpx", tmp_path / "b.gpx"
    a.write_text(GPX.format(kind="running"))
    b.write_text(GPX.format(kind="running").replace("  <name>Morning Run</name>\n", ""))
    batch = read(a, b)
    assert len(batch.records) == 1 and batch.summary.skipped == {"repeated in the files given": 1}


@pytest.mark.parametrize("kind,reason", [("walking", "walks"), ("cycling", "rides"), ("10", "walks")])
def test_gpx_of_other_sports_is_skipped(tmp_path, read, kind, reason):
    path = tmp_path / "w.gpx"
    path.write_text(GPX.format(kind=kind))
    batch = read(path)
    assert batch.records == [] and batch.summary.skipped == {reason: 1}


def test_tcx_laps_are_summed(tmp_path, read):
    path = tmp_path / "t.tcx"
    path.write_text(TCX.format(sport="Running"))
    [r] = read(path).records
    assert r.entry.at == dt.datetime(2024, 3, 3, 18, 20, 5, tzinfo=UTC)
    assert (r.entry.distance_km, r.entry.duration_s) == (6.0, 1800)
    assert "155" in r.entry.note


def test_tcx_biking_is_skipped(tmp_path, read):
    path = tmp_path / "t.tcx"
    path.write_text(TCX.format(sport="Biking"))
    assert read(path).summary.skipped == {"rides": 1}


@pytest.mark.parametrize(
    "name,text",
    [("bad.gpx", GPX.format(kind="running")[:-30]), ("bad.tcx", TCX.format(sport="Running").replace("</Lap>", "", 1))],
)
def test_malformed_xml_is_refused(tmp_path, read, name, text):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InvalidInput, match=rf"^{path}: not well-formed XML"):
        read(path)


def test_strava_style_gzipped_tcx_and_gpx(tmp_path, read):
    import gzip

    (tmp_path / "1.tcx.gz").write_bytes(gzip.compress(TCX.format(sport="Running").encode()))
    (tmp_path / "2.gpx.gz").write_bytes(gzip.compress(GPX.format(kind="9").encode()))
    assert sorted(r.source for r in read(tmp_path).records) == ["gpx", "tcx"]


def test_tcx_trackpoints_reaching_further_than_the_laps_give_the_distance(tmp_path, read):
    """Movescount's TCX: laps totalling 2.0 km, trackpoints reaching 2.9 km."""
    points = "".join(
        f"<Trackpoint><Time>2024-03-03T18:{20 + i:02d}:05Z</Time><DistanceMeters>{i * 290.0}"
        "</DistanceMeters></Trackpoint>"
        for i in range(11)
    )
    path = tmp_path / "a.tcx"
    path.write_text(
        '<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2024-03-03T18:20:05Z</Id>'
        "<Lap><TotalTimeSeconds>625</TotalTimeSeconds><DistanceMeters>1999</DistanceMeters>"
        f"<Track>{points}</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
    )
    [r] = read(path).records
    assert (r.entry.distance_km, r.entry.duration_s) == (2.9, 625)
