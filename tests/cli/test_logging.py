"""The logging commands of the issue, exactly as written, through the real entry point."""

from __future__ import annotations

import datetime as dt

import pytest


def only(entries: list[dict], kind: str) -> list[dict]:
    return [e for e in entries if e["kind"] == kind]


def test_cramp_with_every_option_is_stored_as_typed(cli):
    code, out, err = cli(
        "cramp", "calf", "--side", "left", "--severity", "7", "--context", "stretching", "--at", "20 min ago"
    )
    assert code == 0, err
    assert out.startswith("logged cramp #1 13:40")
    [cramp] = cli.entries()
    assert cramp["kind"] == "cramp" and cramp["id"] == 1
    assert (cramp["muscle"], cramp["side"], cramp["severity"], cramp["context"]) == ("calf", "left", 7, "stretching")
    assert dt.datetime.fromisoformat(cramp["at"]) == dt.datetime(2026, 11, 24, 12, 40, tzinfo=dt.timezone.utc)
    assert cramp["tz"] == "Europe/Berlin"


def test_short_severity_flag_and_defaults(cli):
    assert cli("cramp", "calf", "-s", "7")[0] == 0
    [cramp] = cli.entries()
    assert (cramp["severity"], cramp["side"], cramp["context"], cramp["swelling"]) == (7, "both", "other", "none")


@pytest.mark.parametrize(
    ("args", "ml", "kind", "local_time"),
    [
        (("drink", "500"), 500, "water", "14:00"),
        (("drink", "16oz", "--kind", "water", "--at", "08:30"), 473, "water", "08:30"),
        (("drink", "0.5l"), 500, "water", "14:00"),
        (("drink", "330ml", "--kind", "coffee"), 330, "coffee_tea", "14:00"),
    ],
)
def test_drink_amounts_and_units(cli, args, ml, kind, local_time):
    code, _, err = cli(*args)
    assert code == 0, err
    [drink] = cli.entries()
    assert (drink["amount_ml"], drink["drink_kind"]) == (ml, kind)
    assert dt.datetime.fromisoformat(drink["at"]).strftime("%H:%M") == local_time


def test_stretch_with_muscles(cli):
    assert cli("stretch", "10", "--muscles", "calf,hamstring")[0] == 0
    [stretch] = cli.entries()
    assert stretch["minutes"] == 10 and stretch["muscles"] == ["calf", "hamstring"]


def test_run_in_a_named_shoe_adds_to_its_distance(cli):
    assert cli("shoe", "Pegasus 40", "--start", "100")[0] == 0
    code, _, err = cli("run", "5.2", "--time", "31:00", "--effort", "6", "--shoe", "Pegasus 40")
    assert code == 0, err
    [run] = only(cli.entries(), "run")
    [shoe] = only(cli.entries(), "shoe")
    assert (run["distance_km"], run["duration_s"], run["effort"], run["shoe_id"]) == (5.2, 1860, 6, shoe["id"])
    code, out, _ = cli("shoe")
    assert "105.2 km of 640.0 km" in out


def test_run_in_miles(cli):
    assert cli("run", "3.1mi")[0] == 0
    [run] = cli.entries()
    assert run["distance_km"] == pytest.approx(4.989, abs=0.001)


def test_checkin_yesterday_and_update_merges(cli):
    assert cli("checkin", "--no-cramps", "--date", "yesterday")[0] == 0
    assert cli("checkin", "--date", "yesterday", "--hot-day", "--sleep", "7.5")[0] == 0
    [checkin] = cli.entries()
    assert checkin["day"] == "2026-11-23"
    assert (checkin["no_cramps"], checkin["hot_day"], checkin["sleep_hours"]) == (True, True, 7.5)


@pytest.mark.parametrize(
    "args",
    [
        ("food", "banana", "--servings", "2"),
        ("food", "--text", "lentil soup"),
        ("diet", "plant_based", "--date", "2026-10-01", "--b12"),
        ("med", "atorvastatin", "--class", "statin", "--start", "2026-10-01", "--dose", "20 mg"),
        ("injury", "ankle", "--severity", "4", "--date", "yesterday"),
        ("symptom", "tingling", "--side", "left"),
    ],
)
def test_other_kinds_are_logged(cli, args):
    code, out, err = cli(*args)
    assert code == 0, err
    [entry] = cli.entries()
    assert (
        entry["kind"]
        == {"food": "food", "diet": "diet", "med": "med", "injury": "injury", "symptom": "symptom"}[args[0]]
    )


def test_food_from_the_table_carries_its_minerals(cli):
    cli("food", "banana", "--servings", "2")
    [food] = cli.entries()
    assert (food["magnesium_mg"], food["potassium_mg"]) == (64, 844)


def test_edit_keeps_a_foods_own_minerals_scales_them_with_the_amount_and_a_new_food_takes_the_table(cli):
    from cramplog.domain import entries as E
    from cramplog.storage.repository import JournalRepository

    repo = JournalRepository.open(cli.db)  # a banana as an import stored it: its own figures
    repo.add(
        E.Food(
            at=dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc),
            tz="UTC",
            food="banana",
            magnesium_mg=40,
            potassium_mg=500,
        )
    )
    repo.close()

    def figures() -> tuple[float, float]:
        [food] = cli.entries()
        return food["magnesium_mg"], food["potassium_mg"]

    assert cli("edit", "1", "--text", "ripe")[0] == 0
    assert figures() == (40, 500)
    assert cli("edit", "1", "--servings", "2")[0] == 0
    assert figures() == (80, 1000)
    assert cli("edit", "1", "--food", "almonds")[0] == 0
    assert figures() == (160, 416)  # 2 servings of almonds, from the table


def test_edit_and_delete_work_on_any_kind(cli):
    cli("cramp", "calf", "-s", "7")
    cli("drink", "500")
    cli("shoe", "Old")
    code, out, err = cli("edit", "1", "--severity", "5")
    assert code == 0, err
    assert cli("edit", "2", "--amount", "16oz")[0] == 0
    assert cli("edit", "3", "--retired", "today")[0] == 0
    by_id = {e["id"]: e for e in cli.entries()}
    assert by_id[1]["severity"] == 5 and by_id[2]["amount_ml"] == 473 and by_id[3]["retired"] == "2026-11-24"
    code, out, _ = cli("delete", "2")
    assert code == 0 and out.startswith("deleted drink #2")
    assert [e["id"] for e in cli.entries()] == [3, 1]  # shoe anchored at noon, cramp at 14:00


def test_list_json_has_id_kind_and_fields(cli):
    cli("cramp", "toes", "-s", "3")
    cli("drink", "250")
    entries = cli.entries()
    assert [e["kind"] for e in entries] == ["cramp", "drink"]
    assert all({"id", "kind", "at", "tz"} <= set(e) for e in entries)


def test_list_filters_by_kind_and_day(cli):
    cli("drink", "250", "--at", "yesterday 20:00")
    cli("drink", "300")
    cli("cramp", "calf", "-s", "4")
    code, out, _ = cli("list", "--kind", "drink", "--from", "today")
    assert code == 0
    assert "300 ml" in out and "250 ml" not in out and "cramp" not in out


def test_list_gives_the_clock_date_and_names_a_night_entrys_diary_day(cli):
    cli("cramp", "calf", "-s", "4", "--at", "03:10")  # before the 04:00 boundary
    cli("drink", "300", "--at", "09:00")
    out = cli("list")[1].splitlines()
    assert out[0].split()[1:3] == ["Tue", "2026-11-24"] and out[0].split()[3] == "03:10"
    assert out[0].endswith("(diary day Mon 23 Nov)") and "diary day" not in out[1]


def test_today_prints_one_line(cli):
    cli("drink", "900")
    cli("stretch", "10")
    cli("cramp", "calf", "-s", "4", "--at", "03:10")  # before the 04:00 boundary: yesterday's diary day
    code, out, _ = cli("today")
    assert code == 0
    assert out.count("\n") == 1
    assert "beverages 900 ml of 1.8 L (50%)" in out
    assert "stretching 10 min" in out and "cramps today 0" in out


def test_night_cramp_before_the_boundary_belongs_to_the_evening(cli):
    code, out, _ = cli("cramp", "calf", "-s", "6", "--at", "last night 3:10")
    assert "diary day Mon 23 Nov" in out


def test_db_option_and_environment_select_the_journal(tmp_path, capsys, monkeypatch):
    from cramplog.cli import main

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert main(["--db", str(a), "drink", "250"]) == 0
    monkeypatch.setenv("CRAMPLOG_DB", str(b))
    assert main(["drink", "300"]) == 0
    assert main(["where"]) == 0
    out = capsys.readouterr().out
    assert f"journal: {b}" in out
    assert a.exists() and b.exists()


def test_config_set_and_get(cli):
    assert cli("config", "set", "targets.sex", "female")[0] == 0
    assert cli("config", "get", "targets.beverage_ml")[1].strip() == "1600"
    assert cli("config", "set", "targets.beverage_ml", "2200")[0] == 0
    assert cli("config", "get", "beverage_ml")[1].strip() == "2200"
    code, _, err = cli("config", "set", "display.units", "furlongs")
    assert code == 2 and err.startswith("error:")
    assert cli("config", "get", "display.units")[1].strip() == "metric"


def test_export_and_import_round_trip(cli, tmp_path):
    cli("shoe", "Pegasus")
    cli("run", "5", "--shoe", "Pegasus")
    cli("cramp", "calf", "-s", "5")
    out_file = tmp_path / "export.json"
    assert cli("export", "-o", str(out_file))[0] == 0
    before = cli.entries()
    other = tmp_path / "other.db"
    cli.db = other
    code, out, err = cli("import", str(out_file))
    assert code == 0, err
    after = cli.entries()
    strip = lambda es: [{k: v for k, v in e.items() if k not in ("id", "shoe_id")} for e in es]  # noqa: E731
    assert strip(after) == strip(before)
    [run] = only(after, "run")
    [shoe] = only(after, "shoe")
    assert run["shoe_id"] == shoe["id"]


def test_backup_and_restore(cli, tmp_path):
    cli("cramp", "calf", "-s", "5")
    code, out, _ = cli("backup", "-o", str(tmp_path / "copy.db"))
    assert code == 0
    cli("cramp", "toes", "-s", "2")
    assert len(cli.entries()) == 2
    code, out, err = cli("restore", str(tmp_path / "copy.db"), "--yes")
    assert code == 0, err
    assert [e["muscle"] for e in cli.entries()] == ["calf"]


def test_before_the_boundary_today_means_the_evening_just_gone(cli, monkeypatch):
    """At 02:30 a check-in is for the diary day that began yesterday (as `n` in the app)."""
    import datetime as dt

    from cramplog.cli.context import AppContext
    from cramplog.domain.clock import FixedClock

    small_hours = FixedClock(tz_name="Europe/Berlin", at=dt.datetime(2026, 11, 24, 1, 30, tzinfo=dt.timezone.utc))
    monkeypatch.setattr(AppContext, "clock", property(lambda self: small_hours))
    assert cli("checkin", "--no-cramps")[0] == 0
    assert cli("injury", "calf", "--date", "2026-11-24")[0] == 0  # the calendar date is not the future
    checkin, injury = sorted(cli.entries(), key=lambda e: e["kind"])
    assert checkin["day"] == "2026-11-23"
    assert injury["day"] == "2026-11-24"


def test_list_shows_the_warning_signs_logged_with_a_cramp(cli):
    cli("cramp", "calf", "-s", "5", "--swelling", "one_leg", "--tingling", "--persistent-pain")
    code, out, _ = cli("list")
    assert code == 0
    assert "swelling (one leg), tingling or numbness, pain that persisted afterwards" in out


def test_list_names_a_runs_shoe_and_reads_drink_kinds_as_in_the_vocabulary(cli):
    code, out, err = cli("run", "8.5", "--shoe", "Pegasus 40")
    assert code == 0 and out.rstrip().endswith("run 8.5 km, shoe 'Pegasus 40'"), out + err
    cli("drink", "330", "--kind", "coffee/tea")  # the label as shown reads back as the word
    code, out, err = cli("list")
    assert code == 0, err
    assert "run 8.5 km, shoe 'Pegasus 40'" in out and "shoe #" not in out
    assert "330 ml coffee/tea" in out
    assert cli.entries()[-1]["drink_kind"] == "coffee_tea"


def test_edit_help_says_where_its_options_come_from(cli):
    code, out, _ = cli("edit", "--help")
    assert code == 0 and "with the options used to log its kind (listed below)" in " ".join(out.split())
    import json

    drink = json.loads(cli("drink", "300", "--json")[1])["entry"]
    code, _, err = cli("edit", str(drink["id"]), "--severity", "5")
    assert code == 2 and err.startswith("error: drink entries have no option --severity (use ")


def test_edit_moving_a_cramp_onto_a_no_cramps_day_turns_it_off_and_says_so(cli):
    cli("cramp", "calf", "-s", "5", "--at", "2026-11-20 18:00")
    cli("checkin", "--no-cramps", "--date", "2026-11-19", "--sleep", "7")
    code, out, err = cli("edit", "1", "--at", "2026-11-19 18:00")
    assert code == 0 and out.startswith("updated cramp #1")
    assert err.strip() == 'the "no cramps" check-in for Thu 19 Nov is turned off'
    [checkin] = [e for e in cli.entries() if e["kind"] == "checkin"]
    assert (checkin["no_cramps"], checkin["sleep_hours"]) == (False, 7.0)


def test_a_dated_entry_has_no_time_to_edit(cli):
    """A check-in is placed by its day: `edit --at` was accepted and changed nothing."""
    cli("checkin", "--sleep", "7", "--date", "2026-11-19")
    before = cli.entries()
    code, _, err = cli("edit", "1", "--at", "2026-11-18 10:00")
    assert code == 2 and err.startswith("error: checkin entries have no option --at (use --date")
    assert cli.entries() == before


def test_a_vegan_diet_without_saying_b12_asks_the_question_once(cli):
    code, _, err = cli("diet", "vegan")
    assert code == 0 and "Do you take a vitamin B12 supplement?" in err and "cramplog edit 1 --b12" in err
    for args in (("diet", "vegan", "--b12"), ("diet", "vegan", "--no-b12"), ("diet", "omnivore")):
        assert "B12 supplement?" not in cli(*args)[2]
