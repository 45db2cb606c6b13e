"""Damaged files, generated: valid files of every format with bytes overwritten, cut or
inserted at random. Whatever the damage, reading either gives entries or refuses the file by
name (`InvalidInput`, exit 2): never another exception (exit 1, "unexpected")."""

from __future__ import annotations

import datetime as dt
import gzip
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramplog.errors import InvalidInput

from .fitwriter import Activity, activity_file, encode_activity
from .healthgen import HEADER, food, record, workout
from .test_tracks import GPX, TCX

AT = dt.datetime(2024, 8, 9, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
SAMPLES = {
    "run.fit": activity_file(start=AT, records=20),
    "multi.fit": encode_activity(
        Activity(
            start=AT,
            records=5,
            sub_sport=None,
            extra_sessions=[Activity(start=AT + dt.timedelta(hours=1), sport="generic", records=3)],
        )
    ),
    "track.gpx": GPX.format(kind="running").encode(),
    "lap.tcx": TCX.format(sport="Running").encode(),
    "export.xml": (
        HEADER
        + record("DietaryWater", AT, 250, "mL")
        + food(AT, 100, 1400)
        + workout(AT, "Running", 5.0, 30)
        + "</HealthData>\n"
    ).encode(),
    "activities.csv": (
        b"Activity ID,Activity Date,Activity Type,Distance,Moving Time,Distance,Activity Gear\n"
        b'1,"May 1, 2024, 6:30:12 AM",Run,5.0,1800,5020.5,Pegasus\n'
        b"2,2024-05-02 06:30:12,Trail Run,3.1,1200,3100,\n"
    ),
    "dailysummary.csv": b"Date,Magnesium (mg),Potassium (mg)\n2024-01-01,300,2000\n1/2/2024,310,\n",
}


def damage(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for kind, where, text in edits:
        at = where % (len(data) + 1)
        if kind == 0:
            data = data[:at] + text + data[at + len(text) :]  # overwrite
        elif kind == 1:
            data = data[:at] + text + data[at:]  # insert
        else:
            data = data[:at] + data[at + len(text) + 1 :]  # cut
    return data


edits = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.integers(0, 10**6),
        st.binary(min_size=1, max_size=8)
        | st.sampled_from(
            [
                b"nan",
                b"inf",
                b"-1e999",
                b'"',
                b"<",
                b">",
                b"\x00",
                b"\xff\xff\xff\xff",
                b"&#1;",
                b"</trk>",
                b",,,",
                b"\n",
            ]
        ),
    ),
    min_size=1,
    max_size=4,
)


@pytest.mark.parametrize("name", SAMPLES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=edits, packed=st.sampled_from(["plain", "gzip", "zip"]))
def test_damage_gives_entries_or_a_refusal_by_name(tmp_path, read, name, edits, packed):
    data = damage(SAMPLES[name], edits)
    path = tmp_path / name
    if packed == "gzip":
        path = tmp_path / f"{name}.gz"
        path.write_bytes(gzip.compress(data))
    elif packed == "zip":
        path = tmp_path / "export.zip"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr(name, data)
    else:
        path.write_bytes(data)
    try:
        batch = read(path, mapping=None)
    except InvalidInput as exc:
        assert str(exc).startswith(str(path)), exc
        assert "\n" not in str(exc)
        return
    for said in batch.summary.unreadable:
        assert said.startswith(f"{path}:"), said
