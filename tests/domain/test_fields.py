"""The field declarations: the figures storage builds CHECKs from, and the rules every path shares."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cramplog.domain import entries as E
from cramplog.domain import fields as F
from cramplog.domain import reading as R
from cramplog.domain import units, vocab
from cramplog.errors import InvalidInput

TZ = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=TZ)
CTX = R.Reading(now=NOW, tz=TZ, today=NOW.date())
IMPERIAL = dataclasses.replace(CTX, units="imperial")
AT = dt.datetime(2026, 11, 20, 10, 0, tzinfo=TZ)


def test_every_entry_field_is_declared_once_and_every_declaration_is_a_field():
    for kind, cls in E.KINDS.items():
        names = {f.name for f in dataclasses.fields(cls)}
        assert names == set(F.COMMON) | set(F.FIELDS[kind]), kind


@pytest.mark.parametrize(
    ("kind", "field", "low", "high", "low_inclusive", "nullable"),
    [
        ("cramp", "severity", 1, 10, True, False),
        ("cramp", "duration_s", 1, 172800, True, True),
        ("drink", "amount_ml", 1, 5000, True, False),
        ("stretch", "minutes", 1, 600, True, False),
        ("run", "distance_km", 0, 400, False, True),
        ("run", "duration_s", 1, 172800, True, True),
        ("run", "effort", 0, 10, True, True),
        ("run", "comfort", 1, 5, True, True),
        ("shoe", "start_km", 0, 5000, True, False),
        ("shoe", "life_km", 0, 5000, False, True),
        ("food", "servings", 0.1, 50, True, False),
        ("food", "magnesium_mg", 0, 5000, True, True),
        ("food", "potassium_mg", 0, 20000, True, True),
        ("injury", "severity", 0, 10, True, False),
        ("checkin", "sleep_hours", 0, 24, True, True),
        ("checkin", "soreness", 0, 10, True, True),
    ],
)
def test_the_bounds_storage_checks_are_the_agreed_figures(kind, field, low, high, low_inclusive, nullable):
    bounds = F.CHECKS[kind][field]
    assert (bounds.low, bounds.high, bounds.low_inclusive, bounds.high_inclusive, bounds.nullable) == (
        low,
        high,
        low_inclusive,
        True,
        nullable,
    )


def test_text_limits_dates_and_words_in_checks():
    assert F.CHECKS["shoe"]["name"].max_length == F.CHECKS["med"]["name"].max_length == 80
    assert F.CHECKS["shoe"]["name"].min_length == 1
    for kind, field in (("entry", "note"), ("cramp", "relief"), ("med", "dose"), ("food", "text")):
        assert F.CHECKS[kind][field].max_length == 2000
    assert F.CHECKS["entry"]["at"].earliest == F.CHECKS["checkin"]["day"].earliest == dt.date(1900, 1, 1)
    assert F.CHECKS["cramp"]["muscle"].words == vocab.MUSCLES
    assert dt.datetime(1899, 12, 31, 10, tzinfo=dt.timezone.utc) == F.MIN_AT_UTC


@pytest.mark.parametrize("text", ["²", "1_0", "١", "５", "1e1", "0x5", "nan", "inf", "", " ", "+-1", "1.5"])
def test_only_ascii_digits_make_a_whole_number(text):
    with pytest.raises(InvalidInput):
        F.parse_int(text, "severity")


@pytest.mark.parametrize("text", ["0", "-1", "²", str(2**63), "#", "1.0", "abc"])
def test_ids_are_ascii_from_1_below_2_to_the_63(text):
    with pytest.raises(InvalidInput):
        F.parse_id(text)
    assert F.parse_id("#12") == 12 and F.parse_id(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  stood up ", "stood up"),
        ("\x1b]0;pwned\x07title", "title"),
        ("\x1b[2J\x1b[31mred\x1b[0m", "red"),
        ("a\nb\tc", "a b c"),
        ("nul\x00bell\x07del\x7fc1\x9b31m", "nulbelldelc1"),
        ("rtl\u202eevil", "rtlevil"),
        ("ok 👟 é", "ok 👟 é"),
    ],
)
def test_text_is_trimmed_and_loses_everything_that_drives_a_terminal(raw, clean):
    assert F.clean_text(raw) == clean


@given(st.text())
def test_cleaned_text_is_always_printable(text):
    cleaned = F.clean_text(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert cleaned == cleaned.strip()


def test_entries_clean_their_text_and_refuse_text_over_the_limit():
    cramp = E.Cramp(at=AT, muscle="calf", severity=5, relief=" \x1b[2Jstood\n", note="\x07 fine ")
    assert (cramp.relief, cramp.note) == ("stood", "fine")
    assert E.Shoe(name="  Pegasus \t 40 ", first_used=AT.date()).name == "Pegasus 40"
    for kwargs, field in (({"relief": "r" * 2001}, "relief"), ({"note": "n" * 2001}, "note")):
        with pytest.raises(InvalidInput) as info:
            E.Cramp(at=AT, muscle="calf", severity=5, **kwargs)
        assert info.value.field == field
    with pytest.raises(InvalidInput):
        E.Medicine(name="\x1b[2J", start=AT.date())


@pytest.mark.parametrize("severity", ["5", 5.0, True, None, 11, 0])
def test_entries_refuse_values_of_the_wrong_type_or_out_of_bounds(severity):
    with pytest.raises(InvalidInput) as info:
        E.Cramp(at=AT, muscle="calf", severity=severity)
    assert info.value.field == "severity"


def test_times_and_dates_start_in_1900():
    with pytest.raises(InvalidInput, match="1900"):
        E.CheckIn(day=dt.date(1899, 12, 31))
    with pytest.raises(InvalidInput, match="1900"):
        E.Drink(at=dt.datetime(226, 11, 20, 22, 30, tzinfo=dt.timezone.utc), amount_ml=250)
    assert E.CheckIn(day=dt.date(1900, 1, 1), tz="Pacific/Kiritimati").day == dt.date(1900, 1, 1)


def test_a_run_needs_a_distance_and_other_workouts_may_leave_it_out():
    with pytest.raises(InvalidInput, match="needs a distance"):
        E.Run(at=AT)
    assert E.Run(at=AT, workout="jump_rope").distance_km is None
    with pytest.raises(InvalidInput):
        E.Run(at=AT, distance_km=0.0)


def test_uid_round_trips_and_to_dict_keeps_its_shape():
    drink = E.Drink(at=AT, tz="Europe/Berlin", amount_ml=250, uid="0b9c6a1e-3f4d-4c8e-9a51-2d7f0e6b8c11")
    data = E.to_dict(drink)
    assert list(data)[:7] == ["id", "kind", "at", "tz", "note", "uid", "amount_ml"]
    assert E.from_dict(data) == drink
    with pytest.raises(InvalidInput):
        E.Drink(at=AT, amount_ml=250, uid="\x1b[2J")


def test_an_import_record_is_read_by_the_same_rules():
    assert (
        E.from_dict(
            {"kind": "food", "at": "2026-11-20T10:00:00Z", "text": "soup", "magnesium_mg": None, "potassium_mg": None}
        ).magnesium_mg
        is None
    )
    for record in (
        {"kind": "drink", "at": "0226-11-20T22:30:00+00:00", "amount_ml": 250},
        {"kind": "drink", "at": "yesterday", "amount_ml": 250},
        {"kind": "checkin", "day": "2026-02-30"},
        {"kind": "drink", "at": "2026-11-20T10:00:00Z", "amount_ml": "250"},
        {"kind": "cramp", "at": "2026-11-20T10:00:00Z", "muscle": "calf"},
        {"kind": 3},
        ["not", "a", "record"],
    ):
        with pytest.raises(InvalidInput):
            E.from_dict(record)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="future"):
        E.from_dict({"kind": "drink", "at": "2026-11-25T10:00:00Z", "amount_ml": 250}, now=NOW)


def test_a_bare_number_takes_the_users_unit():
    assert R.read("drink", "amount_ml", "16", IMPERIAL) == 473
    assert R.read("drink", "amount_ml", "16", CTX) == 16
    assert R.read("run", "distance_km", "3.1", IMPERIAL) == pytest.approx(4.989, abs=0.001)
    assert R.read("shoe", "life_km", "400", IMPERIAL) == pytest.approx(643.738, abs=0.001)
    assert R.read("run", "distance_km", "-", CTX) is None


def test_one_conversion_layer_formats_both_systems():
    assert units.format_volume(473, "imperial") == "16 fl oz"
    assert units.format_volume(1400) == "1.4 L" and units.format_volume(350) == "350 ml"
    assert units.format_distance(5, "imperial") == "3.1 mi" and units.format_distance(5) == "5.0 km"
    assert units.chart_volume(1000, "metric") == 1.0
    assert units.chart_volume(473, "imperial") == pytest.approx(16, abs=0.01)


def test_the_analysis_reads_only_declared_fields():
    from cramplog.analysis.tables import FIELDS

    for kind, names in FIELDS.items():
        assert set(names) <= set(F.FIELDS[kind]), kind


@pytest.mark.parametrize(
    ("key", "raw", "words"),
    [
        ("targets.beverage_ml", "lots", "targets.beverage_ml takes a whole number from 500 to 6000 ml, got 'lots'"),
        ("targets.beverage_ml", "1_0", "targets.beverage_ml takes a whole number from 500 to 6000 ml, got '1_0'"),
        ("targets.beverage_ml", str(10**30), "from 500 to 6000 ml, got a value 31 characters long"),
        ("targets.beverage_ml", "-1", "targets.beverage_ml must be between 500 and 6000 ml, got '-1'"),
        ("analysis.fdr_q", "nan", "analysis.fdr_q takes a number from 0.01 to 0.25, got 'nan'"),
        ("display.theme", "no-such-theme", "display.theme must be one of textual-dark"),
        ("shoes.life_km", "9000mi", "shoes.life_km must be between 50 and 5000 km, got '9000mi'"),  # as typed
        ("targets.beverage_ml", "2floz", "got '2floz'"),
    ],
)
def test_settings_are_refused_in_plain_words(key, raw, words):
    from cramplog.domain.settings import Settings

    with pytest.raises(InvalidInput, match=re.escape(words)):
        Settings().with_value(key, raw)


def test_a_config_file_with_a_theme_this_version_lacks_still_loads():
    from cramplog.domain.settings import from_mapping

    assert from_mapping({"display": {"theme": "gone-theme"}}).theme == "textual-dark"


def test_a_table_foods_minerals_are_worked_out_once_and_kept_in_bounds():
    from cramplog.domain.foods import minerals

    assert minerals("banana", 2) == {"magnesium_mg": 64.0, "potassium_mg": 844.0}
    assert minerals("", 3) == {}
    with pytest.raises(InvalidInput, match="50 servings of banana come to 21100 mg potassium") as info:
        minerals("banana", 50)
    assert info.value.field == "servings"


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [
        ("targets.sex", "Female", "female"),  # a choice is a word, read as the CLI reads words
        ("display.units", "IMPERIAL", "imperial"),
        ("shoes.life_km", "400mi", pytest.approx(643.738, abs=1e-3)),  # as `shoe --life 400mi` takes it
        ("targets.beverage_ml", "2l", 2000),
        ("targets.beverage_ml", "2000", 2000),  # a bare number: the stored unit its name says
    ],
)
def test_settings_take_what_the_rest_of_cramplog_takes(key, raw, value):
    from cramplog.domain.settings import Settings

    assert Settings().with_value(key, raw).get(key) == value


def test_a_bare_number_is_in_the_users_units_when_they_are_given():
    """The app's Settings reads 68 as fl oz for an imperial user, `config set` as the stored ml:
    one reading (`Settings.with_value`), where the app had its own copy of it."""
    from cramplog.domain.settings import Settings

    assert Settings().with_value("targets.beverage_ml", "68", units="imperial").beverage_ml == 2011
    assert Settings().with_value("targets.beverage_ml", "2000").beverage_ml == 2000
    assert Settings().with_value("shoes.life_km", "400", units="imperial").life_km == pytest.approx(643.738, abs=1e-3)
