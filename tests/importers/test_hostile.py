"""Files that are damaged, hostile or simply odd: one rule for a file that can't be read (named:
refused with the reason; inside a folder or zip: skipped, named and counted, the rest still
read), numbers that are not numbers, FIT fields no encoder would write, zips cramplog can't
unpack, and CSV quoting that would swallow rows."""

from __future__ import annotations

import datetime as dt
import gzip
import struct
import zipfile

import pytest

from cramplog.errors import InvalidInput

from .fitwriter import SINT32, UINT8, UINT32, activity_file, odd_session_file
from .healthgen import HEADER, workout

UTC = dt.timezone.utc
START = dt.datetime(2024, 7, 6, 5, 45, 10, tzinfo=UTC)


def good_fit(tmp_path, name="good.fit"):
    path = tmp_path / name
    path.write_bytes(activity_file(start=START, distance_m=5000))
    return path


def test_a_named_file_that_cant_be_read_is_refused_with_its_name_and_reason(tmp_path, read):
    broken = tmp_path / "broken.fit"
    broken.write_bytes(activity_file(start=START)[:-40])
    with pytest.raises(InvalidInput, match=rf"^{broken}: FIT file is truncated"):
        read(good_fit(tmp_path), broken)


def test_inside_a_folder_it_is_skipped_named_and_counted_and_the_rest_come_in(tmp_path, read):
    folder = tmp_path / "watch"
    folder.mkdir()
    good_fit(folder)
    (folder / "broken.fit").write_bytes(activity_file(start=START + dt.timedelta(days=1), serial=2)[:-40])
    (folder / "bad.gpx").write_text("<gpx><trk><trkseg><trkpt lat='1' lon='1'></trkseg></trk></gpx>")
    batch = read(folder)
    assert [r.entry.distance_km for r in batch.records] == [5.0]
    assert batch.summary.skipped == {"unreadable files": 2}
    assert [m.split(": ")[0] for m in batch.summary.unreadable] == [str(folder / "bad.gpx"), str(folder / "broken.fit")]
    assert "not well-formed XML" in batch.summary.unreadable[0] and "truncated" in batch.summary.unreadable[1]
    assert batch.summary.files == 3
    assert "skipped 2 unreadable files" in batch.summary.line()


def test_a_file_that_fails_half_way_adds_nothing_of_itself(tmp_path, read):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "dailysummary.csv").write_text("Date,Magnesium (mg)\n2024-01-01,300\n2024-01-02,310\nnot a date,1\n")
    good_fit(folder)
    batch = read(folder)
    assert [r.source for r in batch.records] == ["fit"] and batch.summary.skipped == {"unreadable files": 1}


def test_the_cli_says_which_files_it_skipped_and_never_exits_1(cli, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    good_fit(folder)
    (folder / "broken.fit").write_bytes(activity_file(start=START, serial=2)[:-40])
    code, out, err = cli("import", str(folder))
    assert code == 0 and out.startswith("imported 1 run; skipped 1 unreadable file;")
    assert err.startswith(f"skipped {folder / 'broken.fit'}: FIT file is truncated (") and err.count("\n") == 1
    code, _, err = cli("import", str(folder / "broken.fit"))
    assert code == 2 and err.startswith(f"error: {folder / 'broken.fit'}: FIT file is truncated (")


# -- numbers that are not numbers -----------------------------------------------------------------

GPX_POINTS = """<gpx><trk><trkseg>
<trkpt lat="51.5" lon="-0.12"><time>2024-03-02T07:00:00Z</time></trkpt>
<trkpt lat="{lat}" lon="-0.12"><time>2024-03-02T07:03:00Z</time></trkpt>
<trkpt lat="51.51" lon="-0.12"><time>2024-03-02T07:05:30Z</time></trkpt>
</trkseg></trk></gpx>"""


@pytest.mark.parametrize("lat", ["inf", "-inf", "nan", "NaN", "1e999", "91", "x"])
def test_gpx_points_off_the_globe_are_left_out(tmp_path, read, lat):
    path = tmp_path / "a.gpx"
    path.write_text(GPX_POINTS.format(lat=lat))
    [r] = read(path).records
    assert r.entry.distance_km == pytest.approx(1.112, abs=0.002) and r.entry.duration_s == 330


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999"])
def test_non_finite_numbers_in_csvs_are_blanks(tmp_path, read, value):
    daily = tmp_path / "dailysummary.csv"
    daily.write_text(f"Date,Magnesium (mg),Potassium (mg)\n2024-01-01,{value},2000\n2024-01-02,{value},{value}\n")
    batch = read(daily, tz="UTC")
    assert [(r.entry.magnesium_mg, r.entry.potassium_mg) for r in batch.records] == [(None, 2000.0)]
    assert batch.summary.skipped == {"days not logged": 1}
    drinks = tmp_path / "drinks.csv"
    drinks.write_text(f"Date,Water (ml)\n2024-06-01 08:15,{value}\n2024-06-01 09:15,250\n")
    with pytest.raises(InvalidInput, match=rf"line 2: cannot read amount_ml '{value}'"):
        read(drinks, mapping="time=Date, amount_ml=Water (ml)", kind="drink")


@pytest.mark.parametrize("attr", ['duration="inf"', 'duration="nan"', 'totalDistance="nan"', 'totalDistance="inf"'])
def test_non_finite_numbers_in_apple_health_are_no_values(tmp_path, read, attr):
    at = dt.datetime(2024, 8, 9, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    run = workout(at, "Running", 5.0, 30, new_style=False)
    run = run.replace('duration="30"', 'duration="30"' if "duration" not in attr else attr)
    run = run.replace('totalDistance="5"', 'totalDistance="5"' if "Distance" not in attr else attr)
    path = tmp_path / "export.xml"
    path.write_text(HEADER + run + "</HealthData>\n")
    [r] = read(path, tz="Europe/London").records
    if "duration" in attr:
        assert (r.entry.distance_km, r.entry.duration_s) == (5.0, None)
    else:
        assert (r.entry.workout, r.entry.distance_km, r.entry.duration_s) == ("other", None, 1800)


def test_non_finite_numbers_in_tcx_and_strava_are_no_values(tmp_path, read):
    tcx = tmp_path / "a.tcx"
    tcx.write_text(
        '<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2024-03-03T18:20:05Z</Id>'
        "<Lap><TotalTimeSeconds>NaN</TotalTimeSeconds><DistanceMeters>5000</DistanceMeters>"
        "<AverageHeartRateBpm><Value>inf</Value></AverageHeartRateBpm></Lap>"
        "</Activity></Activities></TrainingCenterDatabase>"
    )
    [r] = read(tcx).records
    assert (r.entry.distance_km, r.entry.duration_s, r.entry.note) == (5.0, None, "")
    strava = tmp_path / "activities.csv"
    strava.write_text(
        "Activity ID,Activity Date,Activity Type,Distance,Distance,Moving Time,Perceived Exertion,"
        "Average Heart Rate\n1,2024-01-05 08:00:00,Run,5,5000,inf,nan,inf\n"
    )
    [r] = read(strava).records
    assert (r.entry.distance_km, r.entry.duration_s, r.entry.effort, r.entry.note) == (5.0, None, None, "")


# -- FIT fields no encoder would write ------------------------------------------------------------


def test_an_array_where_one_distance_belongs_is_no_distance(tmp_path, read):
    """fitdecode reads a uint32 field of 8 bytes as two values; a distance is one."""
    path = tmp_path / "a.fit"
    path.write_bytes(
        odd_session_file(
            START, [(9, 8, UINT32[0]), (8, 4, UINT32[0])], struct.pack("<III", 500000, 600000, 1800 * 1000)
        )
    )
    [r] = read(path).records
    assert (r.entry.workout, r.entry.distance_km, r.entry.duration_s) == ("other", None, 1800)


def test_a_start_time_that_is_an_array_refuses_the_file_by_name(tmp_path, read):
    path = tmp_path / "a.fit"
    data = odd_session_file(START, [(253, 8, UINT32[0])], struct.pack("<II", 1, 2))
    path.write_bytes(data)
    with pytest.raises(InvalidInput, match=rf"^{path}: FIT file cannot be decoded"):
        read(path)


def test_a_field_of_size_zero_carries_nothing_and_is_left_out(tmp_path, read):
    path = tmp_path / "a.fit"
    path.write_bytes(odd_session_file(START, [(16, 0, UINT8[0]), (9, 4, UINT32[0])], struct.pack("<I", 712345)))
    [r] = read(path).records
    assert r.entry.distance_km == 7.123


def test_a_field_whose_size_does_not_fit_its_type_is_read_as_fitdecode_does_with_a_warning(tmp_path, read):
    path = tmp_path / "a.fit"
    path.write_bytes(
        odd_session_file(
            START,
            [(9, 4, UINT32[0]), (7, 3, UINT32[0]), (0, 4, SINT32[0])],
            struct.pack("<I", 512300) + b"abc" + struct.pack("<i", 5),
        )
    )
    batch = read(path)
    [r] = batch.records
    assert r.entry.distance_km == 5.123
    assert batch.summary.warnings == [
        f"{path}: 1 field definition with a size that does not fit the field's type, "
        "read as bytes as fitdecode reads them"
    ]


# -- zips and gzips -------------------------------------------------------------------------------


def test_a_zip_entry_with_a_bad_crc_is_skipped_by_name(tmp_path, read):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("a.fit", activity_file(start=START))
        z.writestr("b.fit", activity_file(start=START + dt.timedelta(days=1), serial=2))
    data = bytearray(path.read_bytes())
    at = data.find(b".FIT") + 40  # a byte inside a.fit's stored data (its own CRC is checked after the zip's)
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    batch = read(path)
    assert len(batch.records) == 1
    assert batch.summary.unreadable == [
        f"{path}:a.fit: cannot unpack it (its checksum does not match: the zip file is damaged)"
    ]


def _zip_with_flags(path, *, flags=0, method=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("a.fit", activity_file(start=START))
        z.writestr("b.fit", activity_file(start=START + dt.timedelta(days=1), serial=2))
    data = bytearray(path.read_bytes())
    # the first member's local header and its central directory entry
    for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = data.find(sig)
        struct.pack_into("<H", data, at + flag_at, struct.unpack_from("<H", data, at + flag_at)[0] | flags)
        if method is not None:
            struct.pack_into("<H", data, at + method_at, method)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    "flags,method,reason",
    [
        (1, None, "it is encrypted (password-protected); unzip it yourself and import the files"),
        (0, 93, "compressed with Zstandard, which cramplog can't unpack; unzip it yourself and import the files"),
        (1, 99, "it is encrypted (password-protected); unzip it yourself and import the files"),
        (0, 77, "compressed with method 77, which cramplog can't unpack; unzip it yourself and import the files"),
    ],
)
def test_zip_entries_cramplog_cant_unpack_are_skipped_by_name(tmp_path, read, flags, method, reason):
    path = _zip_with_flags(tmp_path / "export.zip", flags=flags, method=method)
    batch = read(path)
    assert len(batch.records) == 1 and batch.summary.unreadable == [f"{path}:a.fit: {reason}"]


def test_a_cut_off_gzip_is_refused_by_name(tmp_path, read):
    path = tmp_path / "a.fit.gz"
    path.write_bytes(gzip.compress(activity_file(start=START))[:-30])
    with pytest.raises(InvalidInput, match=rf"^{path}: cannot unpack it \(the compressed data ends early"):
        read(path)


# -- CSV quoting ----------------------------------------------------------------------------------


def test_an_unterminated_quote_is_refused_at_its_line_instead_of_swallowing_the_rows(tmp_path, read):
    path = tmp_path / "drinks.csv"
    rows = [f"2024-06-01 {i:02d}:00,250,\n" for i in range(20)]
    rows[3] = '2024-06-01 11:00,250,"forgot to close\n'
    path.write_text("Date,Water (ml),Notes\n" + "".join(rows))
    with pytest.raises(InvalidInput, match=r"drinks.csv, line 5: a quoted field opens here and never closes"):
        read(path, mapping="time=Date, amount_ml=Water (ml), note=Notes", kind="drink")


def test_a_quoted_field_may_hold_line_breaks(tmp_path, read):
    path = tmp_path / "drinks.csv"
    path.write_text('Date,Water (ml),Notes\n2024-06-01 08:00,250,"two\nlines"\n2024-06-01 09:00,300,\n')
    batch = read(path, mapping="time=Date, amount_ml=Water (ml), note=Notes", kind="drink")
    assert [r.entry.amount_ml for r in batch.records] == [250, 300]


# -- XML fed in whole tokens ----------------------------------------------------------------------


def test_xml_reaches_expat_in_pieces_that_end_between_tokens():
    """What keeps parsing linear in a token's length: expat 2.5 re-scans an unfinished token at
    every feed, so no piece may end inside one (a `<` is never inside a tag or attribute)."""
    from cramplog.importers.xmlutil import _pieces

    attribute = b'<Record value="' + b"7" * 3_000_000 + b'"/>'
    text = b"<HealthData>" + b"<Record a='1'/>\n" * 1000 + attribute + b"</HealthData>"
    chunks = [text[i : i + 65536] for i in range(0, len(text), 65536)]
    pieces = list(_pieces(chunks, "x"))
    assert b"".join(pieces) == text
    assert all(next_piece.startswith(b"<") for next_piece in pieces[1:])
    assert any(len(p) > 3_000_000 for p in pieces)  # the long attribute went to expat in one piece


def test_a_long_attribute_under_the_limit_is_read(tmp_path, read):
    path = tmp_path / "export.xml"
    note = "x" * 7_000_000
    path.write_text(
        HEADER
        + f' <Record type="HKQuantityTypeIdentifierHeartRate" value="1" note="{note}"/>\n'
        + ' <Record type="HKQuantityTypeIdentifierDietaryWater" sourceName="W" unit="mL" '
        'startDate="2024-08-09 13:49:55 +0100" endDate="2024-08-09 13:49:55 +0100" value="250"/>\n' + "</HealthData>\n"
    )
    assert [r.entry.amount_ml for r in read(path).records] == [250]


def test_a_damaged_zip_inside_a_folder_is_skipped_by_name(tmp_path, read):
    folder = tmp_path / "downloads"
    folder.mkdir()
    good_fit(folder)
    (folder / "export.zip").write_bytes(b"PK\x03\x04" + bytes(60))
    batch = read(folder)
    assert len(batch.records) == 1
    assert batch.summary.unreadable == [f"{folder / 'export.zip'}: not a readable zip file (File is not a zip file)"]
    with pytest.raises(InvalidInput, match="export.zip: not a readable zip file"):
        read(folder / "export.zip")
