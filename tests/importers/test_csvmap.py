"""Generic CSV with --map: the syntax, unit conversions, filters, zones and refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.errors import InvalidInput
from cramplog.importers import parse_mapping


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_spreadsheet_of_drinks(tmp_path, read):
    path = write(
        tmp_path,
        "Date,Water (ml),Kind,Notes\n"
        "2024-06-01 08:15,250,coffee,\n"
        "2024-06-01 12:00,500,water,lunch\n"
        "2024-06-02 09:00,,water,\n",
    )
    batch = read(
        path, tz="Europe/Berlin", mapping="time=Date, amount_ml=Water (ml), drink_kind=Kind, note=Notes", kind="drink"
    )
    drinks = [r.entry for r in batch.records]
    assert [(d.amount_ml, d.drink_kind, d.note) for d in drinks] == [(250, "coffee_tea", ""), (500, "water", "lunch")]
    assert drinks[0].at == dt.datetime(2024, 6, 1, 6, 15, tzinfo=dt.timezone.utc)  # Berlin summer time
    assert batch.summary.skipped == {"rows with blank values": 1}
    again = read(
        path, tz="Europe/Berlin", mapping="time=Date, amount_ml=Water (ml), drink_kind=Kind, note=Notes", kind="drink"
    )
    assert [r.source_ref for r in again.records] == [r.source_ref for r in batch.records]


def test_track_and_graph_long_format_with_a_filter(tmp_path, read):
    path = write(
        tmp_path,
        "FeatureName,Timestamp,Value,Label,Note\n"
        "Water,2024-06-01T08:15:00.000+02:00,0.25,,\n"
        "Mood,2024-06-01T08:20:00.000+02:00,4,,\n"
        "water,2024-06-01T12:00:00.000+02:00,0.5,,big glass\n",
    )
    batch = read(path, mapping="FeatureName==Water, time=Timestamp, amount_ml=Value|l, note=Note", kind="drink")
    assert [(r.entry.amount_ml, r.entry.note) for r in batch.records] == [(250, ""), (500, "big glass")]


def test_runs_with_miles_clock_times_a_date_format_and_shoes(tmp_path, read):
    path = write(tmp_path, "Day,Start,Miles,Time,Shoe\n03/06/2024,7:05 am,3.1,31:00,Clifton 9\n")
    batch = read(
        path,
        tz="UTC",
        kind="run",
        mapping="date=Day|%d/%m/%Y, clock=Start, distance_km=Miles|mi, duration_s=Time|hms, shoe=Shoe",
    )
    [r] = batch.records
    assert r.entry.at == dt.datetime(2024, 6, 3, 7, 5, tzinfo=dt.timezone.utc)
    assert (round(r.entry.distance_km, 2), r.entry.duration_s, r.shoe_name) == (4.99, 1860, "Clifton 9")
    assert batch.summary.shoes == {"Clifton 9"}


def test_a_date_alone_anchors_at_local_noon_and_constants_fill_fields(tmp_path, read):
    path = write(tmp_path, "date,Mg\n2024-06-01,350\n")
    [r] = read(
        path, tz="Europe/Berlin", kind="food", mapping="date=date, magnesium_mg=Mg, text='supplement tracker'"
    ).records
    assert r.entry.at.hour == 12 and r.entry.text == "supplement tracker" and r.entry.magnesium_mg == 350


def test_epoch_times(tmp_path, read):
    path = write(tmp_path, "epoch,value\n1717229700000,300\n")
    [r] = read(path, kind="drink", mapping="time=epoch|epoch_ms, amount_ml=value").records
    assert r.entry.at == dt.datetime(2024, 6, 1, 8, 15, tzinfo=dt.timezone.utc)


def test_identical_rows_are_two_entries(tmp_path, read):
    path = write(tmp_path, "t,ml\n2024-06-01 08:00,250\n2024-06-01 08:00,250\n")
    batch = read(path, kind="drink", mapping="time=t, amount_ml=ml")
    assert len(batch.records) == 2 and len({r.source_ref for r in batch.records}) == 2


@pytest.mark.parametrize(
    "mapping,kind,problem",
    [
        ("time=Date, amount_ml=Water", None, "--map needs --kind"),
        ("time=Date, amount_ml=Water", "beverage", "unknown kind 'beverage'"),
        ("time=Date, volume=Water", "drink", "drink entries have no field 'volume'"),
        ("amount_ml=Water", "drink", "needs time=Column or date=Column"),
        ("time=Date", "drink", "drink entries need amount_ml=Column"),
        ("time=Date, amount_ml=Water|gallon", "drink", "unknown unit 'gallon'"),
        ("time=Date, amount_ml", "drink", "is not FIELD=Column"),
    ],
)
def test_a_bad_mapping_is_refused_before_reading(mapping, kind, problem):
    with pytest.raises(InvalidInput, match=problem):
        parse_mapping(mapping, kind)


def test_a_missing_column_or_unreadable_value_names_the_file_and_line(tmp_path, read):
    path = write(tmp_path, "Date,Water\n2024-06-01 08:00,lots\n")
    with pytest.raises(InvalidInput, match=r"data.csv: no column 'Water \(ml\)' \(columns: Date, Water\)"):
        read(path, kind="drink", mapping="time=Date, amount_ml=Water (ml)")
    with pytest.raises(InvalidInput, match=r"data.csv, line 2: cannot read amount_ml 'lots'"):
        read(path, kind="drink", mapping="time=Date, amount_ml=Water")
    with pytest.raises(InvalidInput, match=r"data.csv, line 2: cannot read time '2024-06-01 08:00' as '%d/%m/%Y'"):
        read(path, kind="drink", mapping="time=Date|%d/%m/%Y, amount_ml=Water")


def test_an_unknown_csv_without_a_map_is_refused_with_a_hint(tmp_path, read):
    path = write(tmp_path, "a,b\n1,2\n")
    with pytest.raises(InvalidInput, match="give --map and --kind"):
        read(path)


def test_values_the_domain_refuses_are_skipped_and_counted(tmp_path, read):
    path = write(tmp_path, "t,ml\n2024-06-01 08:00,250\n2024-06-01 09:00,99999\n1850-01-01 09:00,200\n")
    batch = read(path, kind="drink", mapping="time=t, amount_ml=ml")
    assert len(batch.records) == 1
    assert batch.summary.skipped == {"with values out of range": 1, "with impossible dates": 1}


def test_the_nomie_example_of_the_docs(tmp_path, read):
    path = write(tmp_path, "epoch,tracker,value,note\n1717229700000,water,300,\n1717229800000,mood,4,\n")
    batch = read(path, kind="drink", mapping="tracker==water, time=epoch|epoch_ms, amount_ml=value, note=note")
    assert [r.entry.amount_ml for r in batch.records] == [300]


def test_the_bearable_example_of_the_docs(tmp_path, read):
    path = write(
        tmp_path,
        "date formatted,weekday,time of day,category,rating/amount,detail,notes\n"
        "2024-06-01,Saturday,pm,Symptom,6,Leg cramps,after the long run\n"
        "2024-06-01,Saturday,pm,Symptom,3,Headache,\n"
        "2024-06-02,Sunday,am,Mood,4,,\n",
    )
    batch = read(
        path,
        tz="Europe/London",
        kind="cramp",
        mapping="category==Symptom, detail==Leg cramps, "
        "date=date formatted, severity=rating/amount, muscle='calf', note=notes",
    )
    [r] = batch.records
    assert (r.entry.muscle, r.entry.severity, r.entry.note) == ("calf", 6, "after the long run")


@pytest.mark.parametrize(("unit", "typed"), [("cup", "2cup"), ("oz", "16oz"), ("l", "0.75l")])
def test_a_mapped_unit_means_what_the_same_unit_typed_means(tmp_path, read, unit, typed):
    """One units table: `drink 2cup` and a CSV column mapped `|cup` give the same millilitres
    (the CSV reader once had its own cup, 236.588 ml, against the typed 240 ml)."""
    from cramplog.domain.quantities import parse_amount_ml

    number = typed.removesuffix(unit)
    path = write(tmp_path, f"Date,Amount\n2024-06-01 08:15,{number}\n")
    [r] = read(path, tz="UTC", mapping=f"time=Date, amount_ml=Amount|{unit}", kind="drink").records
    assert r.entry.amount_ml == parse_amount_ml(typed)


def test_a_mapped_mile_is_a_typed_mile(tmp_path, read):
    from cramplog.domain.quantities import parse_distance_km

    path = write(tmp_path, "Date,Distance\n2024-06-01 08:15,26.2\n")
    [r] = read(path, tz="UTC", mapping="time=Date, distance_km=Distance|mi", kind="run").records
    assert round(r.entry.distance_km, 3) == parse_distance_km("26.2mi")


def test_shoes_written_differently_are_counted_as_the_journal_matches_them(tmp_path, read):
    """The import's count of shoes uses the journal's own rule (`shoes.name_key`: Unicode's
    caseless match, CaseFolding.txt's ß -> ss, full-width forms), not ASCII `lower()`: the
    journal stores "Straße" and "STRASSE" as one shoe, so the summary must not say two."""
    rows = "".join(
        f"2024-06-0{day},5,{shoe}\n" for day, shoe in enumerate(("Straße", "STRASSE", "Ｐｅｇａｓｕｓ", "pegasus"), 1)
    )
    path = write(tmp_path, "Day,Km,Shoe\n" + rows)
    batch = read(path, tz="UTC", kind="run", mapping="date=Day, distance_km=Km, shoe=Shoe")
    assert len(batch.records) == 4
    assert batch.summary.shoes == {"Straße", "Ｐｅｇａｓｕｓ"}
    assert "2 shoes" in batch.summary.line()
