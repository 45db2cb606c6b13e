"""Cronometer: daily magnesium and potassium; blank is not logged; both files count once."""

from __future__ import annotations

import pytest

from cramplog.errors import InvalidInput

DAILY = (
    "Date,Energy (kcal),Water (g),Magnesium (mg),Potassium (mg),Completed\n"
    "2024-08-01,2100,2500,410.5,3100,true\n"
    "2024-08-02,1900,2300,,2800,false\n"
    "2024-08-03,,,,,false\n"
    "2024-08-04,1800,2000,0,0,true\n"
)
SERVINGS = (
    "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg),Potassium (mg)\n"
    "2024-08-01,08:00,Breakfast,Oats,1 cup,300,100,300\n"
    "2024-08-01,13:00,Lunch,Banana,1 medium,100,32,422\n"
    "2024-08-05,13:00,Lunch,Banana,1 medium,100,32,422\n"
)


def test_daily_summary_blank_is_not_logged_and_zero_is_zero(tmp_path, read):
    path = tmp_path / "dailysummary.csv"
    path.write_text(DAILY)
    batch = read(path, tz="Europe/Berlin")
    foods = {r.entry.at.date().isoformat(): r.entry for r in batch.records}
    assert sorted(foods) == ["2024-08-01", "2024-08-02", "2024-08-04"]
    assert (foods["2024-08-01"].magnesium_mg, foods["2024-08-01"].potassium_mg) == (410.5, 3100)
    assert foods["2024-08-02"].note == "magnesium not logged"
    assert foods["2024-08-04"].magnesium_mg == 0 and foods["2024-08-04"].note == ""
    assert foods["2024-08-01"].text == "daily total from Cronometer" and foods["2024-08-01"].at.hour == 12
    assert batch.summary.skipped == {"days not logged": 1}
    assert not any(r.entry.kind == "drink" for r in batch.records)  # Water (g) is water in food


def test_servings_are_summed_per_day_and_count_once_with_the_daily_summary(tmp_path, read):
    servings = tmp_path / "servings.csv"
    servings.write_text(SERVINGS)
    alone = {r.entry.at.date().isoformat(): r.entry for r in read(servings).records}
    assert (alone["2024-08-01"].magnesium_mg, alone["2024-08-01"].potassium_mg) == (132, 722)
    daily = tmp_path / "dailysummary.csv"
    daily.write_text(DAILY)
    both = read(daily, servings)
    days = [r.entry.at.date().isoformat() for r in both.records]
    assert days == ["2024-08-01", "2024-08-02", "2024-08-04", "2024-08-05"]
    assert both.summary.skipped["repeated in the files given"] == 1


def test_cronometer_and_its_apple_health_copy_are_one_day(tmp_path, read):
    import datetime as dt

    from .healthgen import HEADER, record

    at = dt.datetime(2024, 8, 1, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    health = tmp_path / "export.xml"
    health.write_text(HEADER + record("DietaryMagnesium", at, 400, "mg", "Cronometer") + "</HealthData>\n")
    daily = tmp_path / "dailysummary.csv"
    daily.write_text(DAILY)
    batch = read(daily, health, tz="Europe/Berlin")
    first = [r for r in batch.records if r.entry.at.date().isoformat() == "2024-08-01"]
    assert len(first) == 1 and first[0].source == "cronometer"


def test_a_bad_date_is_refused(tmp_path, read):
    path = tmp_path / "dailysummary.csv"
    path.write_text("Date,Magnesium (mg)\n2024-01-08,300\nyesterday,200\n")
    with pytest.raises(InvalidInput, match="cannot read date 'yesterday'"):
        read(path)


@pytest.mark.parametrize(
    "dates,days",
    [
        (("1/27/2026", "1/28/2026"), ("2026-01-27", "2026-01-28")),  # a US spreadsheet re-saved it
        (("27/01/2026", "28/01/2026"), ("2026-01-27", "2026-01-28")),  # a European one
        (("3/4/2026", "3/5/2026", "3/6/2026"), ("2026-03-04", "2026-03-05", "2026-03-06")),  # only M/D goes forward
        (("4/3/2026", "5/3/2026", "6/3/2026"), ("2026-03-04", "2026-03-05", "2026-03-06")),  # only D/M does
        (("27.01.26",), ("2026-01-27",)),
    ],
)
def test_dates_as_a_spreadsheet_re_saved_them(tmp_path, read, dates, days):
    path = tmp_path / "dailysummary.csv"
    path.write_text("Date,Magnesium (mg),Potassium (mg),Completed\n" + "".join(f"{d},300,2000,FALSE\n" for d in dates))
    batch = read(path, tz="UTC")
    assert [r.entry.at.date().isoformat() for r in batch.records] == list(days)


def test_a_date_that_reads_both_ways_is_refused(tmp_path, read):
    path = tmp_path / "dailysummary.csv"
    path.write_text("Date,Magnesium (mg)\n3/4/2026,300\n")
    with pytest.raises(InvalidInput, match="dates like '3/4/2026' could be month/day or day/month"):
        read(path)
