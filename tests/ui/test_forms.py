"""The app's form fields read text with the same declarations as the command line (no Textual)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cramplog.domain import entries as E
from cramplog.domain import reading as R
from cramplog.ui.forms import FORMS, FormContext

TZ = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=TZ)
CTX = FormContext(
    now=NOW,
    tz_name="Europe/Berlin",
    tz=TZ,
    today=NOW.date(),
    shoes=(E.Shoe(id=2, name="Pegasus 40", first_used=dt.date(2026, 9, 1)),),
)


def parse(kind: str, ctx: FormContext = CTX, **texts: str):
    return FORMS[kind].parse({**FORMS[kind].defaults(ctx), **texts}, ctx)


@pytest.mark.parametrize(
    ("kind", "field", "text"),
    [
        ("run", "effort", "11"),
        ("run", "effort", "²"),
        ("run", "comfort", "6"),
        ("run", "distance_km", "0"),
        ("checkin", "sleep_hours", "25"),
        ("checkin", "soreness", "1_0"),
        ("injury", "severity", "11"),
        ("food", "servings", "51"),
        ("shoe", "life_km", "5001"),
        ("drink", "amount_ml", "5001"),
        ("cramp", "relief", "r" * 2001),
        ("med", "name", "m" * 81),
    ],
)
def test_a_form_refuses_what_the_command_line_refuses_with_the_same_words(kind, field, text):
    entry, errors = parse(
        kind,
        **{field: text},
        **({"site": "knee"} if kind == "injury" else {}),
        **({"name": "x", "start": "today"} if kind == "med" and field != "name" else {}),
        **({"name": "Nimbus"} if kind == "shoe" else {}),
    )
    assert entry is None and field in errors
    try:
        R.read(kind, field, text, R.Reading(now=NOW, tz=TZ, today=NOW.date()))
    except Exception as exc:
        assert str(exc) == errors[field]
    else:
        pytest.fail("the declaration accepted what the form refused")


def test_shoes_in_the_form_match_ignoring_case_and_suggest_close_names():
    entry, errors = parse("run", distance_km="5", shoe_id=" pegasus   40 ")
    assert errors == {} and entry.shoe_id == 2
    _, errors = parse("run", distance_km="5", shoe_id="Pegasus 41")
    assert "did you mean 'Pegasus 40'" in errors["shoe_id"]
    entry, errors = parse("run", distance_km="5", shoe_id="Nimbus")  # new: the save adds it
    assert errors == {} and entry.shoe_id is None
    submitted, _ = FORMS["run"].submit({**FORMS["run"].defaults(CTX), "distance_km": "5", "shoe_id": "Nimbus"}, CTX)
    assert submitted.new_shoe == "Nimbus"
    submitted, _ = FORMS["run"].submit({**FORMS["run"].defaults(CTX), "distance_km": "5", "shoe_id": "pegasus 40"}, CTX)
    assert (submitted.entry.shoe_id, submitted.new_shoe) == (2, None)


def test_too_many_servings_of_a_table_food_is_marked_not_a_crash():
    entry, errors = parse("food", food="banana", servings="50")
    assert entry is None and "log fewer servings" in errors["servings"]


def test_imperial_forms_read_a_bare_number_in_fl_oz_and_miles():
    imperial = dataclasses.replace(CTX, units="imperial")
    drink, _ = parse("drink", imperial, amount_ml="16")
    run, _ = parse("run", imperial, distance_km="3.1")
    shoe, _ = parse("shoe", imperial, name="Nimbus", life_km="400")
    assert drink.amount_ml == 473 and run.distance_km == pytest.approx(4.989, abs=0.001)
    assert shoe.life_km == pytest.approx(643.738, abs=0.001)
    assert FORMS["shoe"].initial(imperial, shoe)["life_km"] == "400.00 mi"


@pytest.mark.parametrize(
    ("clock", "boundary", "night"),
    [
        ("03:00", "04:00", True),
        ("21:59", "04:00", False),
        ("22:00", "04:00", True),
        ("05:59", "04:00", True),
        ("06:00", "04:00", False),
        ("06:30", "07:00", True),
        ("07:00", "07:00", False),
        ("13:00", "04:00", False),
    ],
)
def test_the_night_rule_for_a_new_cramps_context(clock, boundary, night):
    """22:00 to 06:00, or on to the day boundary when that is later."""
    from cramplog.ui.forms import at_night

    hour, minute = map(int, clock.split(":"))
    ctx = dataclasses.replace(
        CTX, now=NOW.replace(hour=hour, minute=minute), boundary=dt.time(*map(int, boundary.split(":")))
    )
    assert at_night(ctx.now, ctx) is night
    assert FORMS["cramp"].defaults(ctx)["context"] == ("night" if night else "other")


def test_a_cramp_by_day_starts_as_the_last_one_except_a_night_context():
    last = E.Cramp(
        at=NOW - dt.timedelta(days=1),
        tz="Europe/Berlin",
        muscle="hamstring",
        side="left",
        severity=4,
        context="running",
    )
    ctx = dataclasses.replace(CTX, last={"cramp": last})
    texts, notes = FORMS["cramp"].defaults(ctx), FORMS["cramp"].notes(ctx)
    assert (texts["muscle"], texts["side"], texts["context"]) == ("hamstring", "left", "running")
    assert notes == {"muscle": "last", "side": "last", "context": "last"}
    by_night = dataclasses.replace(ctx, last={"cramp": last.replace(context="night")})
    assert FORMS["cramp"].defaults(by_night)["context"] == "other"
    assert FORMS["cramp"].notes(dataclasses.replace(CTX)) == {}
