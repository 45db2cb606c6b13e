"""The dashboard on a wide terminal adds the last 7 days, those days beside the 7 before, a
calendar heat map of as many weeks as fit, today's and yesterday's entries and the latest cramps;
at 80 columns none of it is built. The check-in row says what was checked in, toasts leave the
today panel visible, and the first-run box names the drink in the user's units."""

from __future__ import annotations

import pytest
from textual.widgets import Static
from textual.widgets._toast import Toast

from cramplog.domain import entries as E
from cramplog.domain.settings import Settings
from cramplog.ui.screens.dashboard import HeatMap, WidePanel, heat_map
from cramplog.ui.widgets.packed import Packed

from .conftest import TZ_NAME, at, entries_in, settle, today_row


def _journal() -> list[E.Entry]:
    shoe = E.Shoe(name="Pegasus 40", first_used=at(200).date(), tz=TZ_NAME, start_km=600, life_km=640)
    return [
        shoe,
        E.Cramp(at=at(1, 21), tz=TZ_NAME, muscle="calf", side="left", severity=6, context="rest"),
        E.Cramp(at=at(1, 23), tz=TZ_NAME, muscle="calf", side="left", severity=4, context="night"),
        E.Cramp(at=at(20, 3), tz=TZ_NAME, muscle="foot_arch", side="right", severity=3, context="night"),
        E.Cramp(at=at(300, 22), tz=TZ_NAME, muscle="toes", side="left", severity=2, context="night"),
        E.Drink(at=at(1, 9), tz=TZ_NAME, amount_ml=500, drink_kind="water"),
        E.Drink(at=at(9, 9), tz=TZ_NAME, amount_ml=750, drink_kind="water"),
        E.Stretch(at=at(0, 7), tz=TZ_NAME, minutes=10),
        E.Run(at=at(3, 8), tz=TZ_NAME, distance_km=8.0, shoe_id=1),
        E.CheckIn(day=at(2).date(), tz=TZ_NAME, no_cramps=True),
        E.CheckIn(day=at(1).date(), tz=TZ_NAME, sleep_hours=6),
    ]


def _lines(screen, selector: str) -> list[str]:
    return str(screen.query_one(selector, Static).render()).splitlines()


async def test_wide_dashboard_shows_the_week_the_weeks_before_and_the_days_entries(make, seed):
    seed(_journal())
    app = make()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(WidePanel).display
        strip = _lines(screen, "#week-strip")
        assert len(strip) == 8 and "Cramps" in strip[0] and "Check-in" in strip[0]
        assert strip[-1].startswith("Sat 14 Mar") and "not yet (n)" in strip[-1]
        # Friday: two cramps (and a sleep check-in): the day is logged, and says what the top card would.
        assert strip[-2].split()[3:6] == ["2", "2", "cramps"] and "500 ml" in strip[-2]
        assert "no cramps" in strip[-3]  # Thursday's check-in
        assert "8.0 km" in strip[-4]
        compare = _lines(screen, "#week-compare")
        assert compare[0].split() == ["08", "Mar–14", "Mar", "01", "Mar–07", "Mar"]
        rows = {line[:12].strip(): line[12:].split() for line in compare[1:]}
        assert rows["Cramps"] == ["2", "0"] and rows["Cramp days"] == ["1", "0"]
        assert rows["Drinks"] == ["500", "ml", "750", "ml"]
        assert rows["Check-ins"] == ["2", "0"]
        recent = _lines(screen, "#recent")
        assert recent[0].split()[:3] == ["Sat", "07:00", "stretch"]
        assert any("check-in" in line and "slept 6 h" in line for line in recent)
        assert not any("Thu" in line for line in recent)  # today and yesterday only
        cramps = _lines(screen, "#last-cramps")
        assert cramps[0].startswith("Fri 13 Mar 23:00") and "calf (left), severity 4" in cramps[0]
        # The 03:00 cramp on Sunday 22 Feb reads Sunday (it counts for Saturday's diary: marked).
        assert cramps[2].startswith("Sun 22 Feb 03:00* foot arch") and cramps[3].startswith("Sun 18 May 22:00 ")
        assert len(cramps) == 5 and cramps[4] == "* before 04:00: in the diary of the day before"
        notice = str(screen.query_one("#shoe-notice", Static).render())
        assert "Pegasus 40" in notice and "640.0 km" in notice
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not screen.query_one(WidePanel).display


@pytest.mark.parametrize(("width", "weeks"), [(200, 95), (120, 55)])
async def test_the_heat_map_shows_as_many_weeks_as_fit_with_month_names(make, seed, width, weeks):
    seed(_journal())
    app = make()
    async with app.run_test(size=(width, 60)) as pilot:
        await settle(pilot)
        heat = app.screen.query_one(HeatMap)
        assert heat.border_title == f"Cramp days, last {weeks} weeks"
        lines = str(heat.render()).splitlines()
        assert max(len(line) for line in lines) <= heat.size.width  # nothing cut or wrapped
        years, months, days, legend = lines[0], lines[1], lines[2:9], lines[9]
        assert [d[:3] for d in days] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        assert len(days[0]) == 4 + 2 * weeks - 1  # a year or more
        assert all(name in months.split() for name in ("Mar", "Jan", "Jun", "Dec"))
        assert years.split()[-1] == "2026" and years.index("2026") == months.rindex("Jan")
        assert "· not logged  ○ no cramp  ▒ 1 cramp  █ 2 or more" in legend
        assert "4 cramps on 3 days" in legend  # the shown weeks' counts
        col = 4 + 2 * (weeks - 1)  # this week's column
        assert days[4][col] == "█" and days[3][col] == "○" and days[5][col] == "·"  # checked in, not yet
        assert len(days[6]) < col + 1  # Sunday is still ahead


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
async def test_the_wide_panel_fits_its_width_and_leaves_the_key_lines_in_place(make, seed, size):
    seed(_journal())
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#keys").region.bottom <= size[1] - 1  # above the footer
        assert screen.query_one(WidePanel).region.y > screen.query_one("#keys").region.y
        for selector in ("#week-strip", "#week-compare", "#recent", "#last-cramps"):
            widget = screen.query_one(selector, Static)
            width = max(len(line) for line in str(widget.render()).splitlines())
            assert width <= widget.size.width, selector  # nothing cut or wrapped


async def test_the_wide_panel_speaks_the_users_units_in_aligned_columns(make, seed):
    seed([*_journal(), E.Drink(at=at(2, 9), tz=TZ_NAME, amount_ml=1200)])
    app = make(Settings(theme="textual-dark", units="imperial"))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        strip = _lines(app.screen, "#week-strip")
        compare = _lines(app.screen, "#week-compare")
    end = strip[0].index("Drinks") + len("Drinks")
    assert [line[end - 5 : end] for line in strip[1:]] == ["fl oz"] * 7  # 41 fl oz fits too
    assert "41 fl oz" in strip[-3] and "5.0 mi" in strip[-4]
    assert any(line.startswith("Runs") and "1 · 5.0 mi" in line for line in compare)


def test_month_names_sit_on_the_week_holding_the_first_and_never_overlap():
    import datetime as dt

    lines = heat_map({}, dt.date(2026, 3, 14), 14).splitlines()
    months = lines[1]
    # 14 weeks from Mon 08 Dec 2025: December names the first column, then the week holding
    # 1 Jan (29 Dec-04 Jan), 1 Feb (26 Jan-01 Feb) and 1 Mar (23 Feb-01 Mar).
    assert [(months.index(m) - 4) // 2 for m in ("Dec", "Jan", "Feb", "Mar")] == [0, 3, 7, 11]
    assert lines[-1].endswith("0 cramps on 0 days since Mon 08 Dec 2025")


async def test_an_80_column_dashboard_builds_no_wide_panel(make, seed):
    seed(_journal())
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query(WidePanel)
        assert app.screen.query_one("#keys").region.bottom <= 23  # the keys stay on screen
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert app.screen.query_one(WidePanel).display
        assert _lines(app.screen, "#week-strip")[-1].startswith("Sat 14 Mar")


def test_wide_dashboard_snapshot(snap_compare, make, seed):
    seed(_journal())

    async def ready(pilot):
        await pilot.pause()
        await settle(pilot)

    assert snap_compare(make(), terminal_size=(200, 60), run_before=ready)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_the_check_in_row_says_what_was_checked_in(make, seed, size):
    seed([E.CheckIn(day=at(1).date(), tz=TZ_NAME, sleep_hours=7), E.Drink(at=at(0, 9), tz=TZ_NAME, amount_ml=250)])
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        row = today_row(app, "checkin")
        assert row == "today: not yet (n) · yesterday: checked in"
        await pilot.press("n")
        await settle(pilot)
        row = today_row(app, "checkin")
        assert row == "today: no cramps · yesterday: checked in"
        await pilot.press("c", "5", "enter")  # a cramp now turns "no cramps" off
        await settle(pilot)
        row = today_row(app, "checkin")
        assert row == "today: 1 cramp · yesterday: checked in"


@pytest.mark.parametrize(("size", "banner"), [((80, 24), False), ((80, 24), True), ((200, 60), False)])
async def test_a_burst_of_saves_leaves_the_today_panel_visible(make, seed, db_path, size, banner):
    """Five toasts at once, under a three-line red-flag banner too: the panel's numbers show."""
    flag = [E.Symptom(at=at(0, 9), tz=TZ_NAME, symptom="swelling_one_leg", side="left")] if banner else []
    seed([*_journal(), *flag])
    app = make()
    app.NOTIFICATION_TIMEOUT = 60  # all five still up however slowly the machine runs them
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        for _ in range(5):
            await pilot.press("w", "enter")
        await settle(pilot)
        assert len(app._notifications) == 5
        screen = app.screen
        panel = screen.query_one("#today-panel").region
        under = {
            type(screen.get_widget_at(x, y)[0])
            for y in range(panel.y, panel.bottom)
            for x in range(panel.x, panel.right)
        }
        assert Toast not in under  # every cell of the panel shows
        width, height = size
        assert type(screen.get_widget_at(width - 5, height - 4)[0]) is Toast  # the newest toast
        assert today_row(app, "beverages").startswith("1.2 L of")
        assert screen.query_one("#red-flag-banner").display is banner
    assert len(entries_in(db_path, "drink")) == 2 + 5


@pytest.mark.parametrize(("units", "cup", "saved"), [("metric", "250 ml", 250), ("imperial", "8 fl oz", 237)])
async def test_the_first_run_box_names_the_drink_enter_saves_in_the_users_units(make, db_path, units, cup, saved):
    app = make(Settings(theme="textual-dark", units=units))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = app.screen.query_one("#first-run", Packed).text
        assert f"w a drink (Enter saves {cup})" in text
        await pilot.press("w", "enter")
        await settle(pilot)
    assert [d.amount_ml for d in entries_in(db_path, "drink")] == [saved]  # type: ignore[attr-defined]


def test_entries_show_their_true_time_and_mark_the_diary_day_they_count_for():
    """A drink at 00:40 on Saturday is Friday's (the 04:00 boundary): it reads Saturday 00:40,
    the moment it happened, marked as counted in the day before's diary (issue 24: not "Fri 00:40")."""
    from cramplog.ui.screens.dashboard import entry_lines

    drink = E.Drink(at=at(0, 0, 40), tz=TZ_NAME, amount_ml=250)  # Sat 14 Mar, 00:40
    boundary = Settings().boundary
    line = entry_lines([drink], "metric", {}, boundary, 5).splitlines()
    assert line[0].startswith("Sat 00:40* drink") and line[1] == "* before 04:00: in the diary of the day before"
    dated = entry_lines([drink], "metric", {}, boundary, 5, date=True).splitlines()
    assert dated[0].startswith("Sat 14 Mar 00:40* ") and dated[1].startswith("* before 04:00")
    evening = E.Drink(at=at(0, 22, 0), tz=TZ_NAME, amount_ml=250)  # Sat 14 Mar, 22:00
    assert entry_lines([evening], "metric", {}, boundary, 5, date=True) == "Sat 14 Mar 22:00  250 ml water"


def test_the_heat_map_starts_weeks_on_the_configured_day_and_tells_unlogged_days_apart():
    """Weeks started on Monday whatever `display.week_start` said, and a day never logged read
    "no cramp logged" like a day checked in."""
    import datetime as dt

    today = dt.date(2026, 3, 14)  # a Saturday
    friday, thursday = today - dt.timedelta(days=1), today - dt.timedelta(days=2)
    lines = heat_map({friday: 1}, today, 3, logged={thursday}, week_start="sunday").splitlines()
    days = lines[2:9]
    assert [d[:3] for d in days] == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    col = 4 + 2 * 2  # this week, from Sun 8 Mar
    assert (days[4][col], days[5][col], days[6][col], days[3][col]) == ("○", "▒", "·", "·")
    assert lines[-1].endswith("since Sun 22 Feb 2026")


@pytest.mark.parametrize("weeks", range(30, 107, 7))
def test_no_month_is_skipped_and_each_year_is_named_where_it_starts(weeks):
    """At 200 columns the map named no year and skipped the month after its first column."""
    import calendar
    import datetime as dt

    for back in range(0, 365, 11):
        today = dt.date(2026, 3, 14) - dt.timedelta(days=back)
        years, months = heat_map({}, today, weeks).splitlines()[:2]
        names = [list(calendar.month_abbr).index(m) for m in months.split()]
        assert all(b == a % 12 + 1 for a, b in zip(names, names[1:])), (today, weeks, months)
        for year in years.split():
            if months.find("Jan") >= 0 and year != years.split()[0]:
                assert years.index(year) in [i for i in range(len(months)) if months.startswith("Jan", i)]


async def test_a_day_with_a_cramp_is_logged_in_the_week_table_as_on_the_top_card(make, seed):
    """Reported at 120x40: the top card said "today: 1 cramp" while the table invited `n`
    ("not yet (n)"), which the journal then refused. One rule (`DayLine.state`) for both."""
    seed(
        [
            E.Cramp(at=at(0, 9), tz=TZ_NAME, muscle="calf", side="left", severity=5, context="rest"),
            E.CheckIn(day=at(1).date(), tz=TZ_NAME, sleep_hours=7),
        ]
    )
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        strip = _lines(app.screen, "#week-strip")
        assert "today: 1 cramp" in today_row(app, "checkin")
        assert "not yet (n)" not in strip[-1] and strip[-1].split()[3:6] == ["1", "1", "cramp"]
        assert strip[-2].split()[3:6] == ["0", "checked", "in"]  # a check-in without "no cramps"
        assert strip[-3].split()[3:4] == ["0"] and strip[-3].split()[4] == "—"  # nothing logged


@pytest.mark.parametrize("size", [(80, 24), (48, 52), (120, 40)])
async def test_the_newest_toast_is_the_one_in_sight(make, seed, size):
    """A cramp, a drink and a refused "no cramps" in one burst: the refusal is the newest toast,
    and it is the one shown above the footer. At 80x24 the rack (half the screen) held the two
    saves and the refusal, which says why nothing was written, was out of sight below them."""
    seed(_journal())
    app = make()
    app.NOTIFICATION_TIMEOUT = 60
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c", "7", "enter", "w", "enter", "n")
        await settle(pilot)
        newest = list(app._notifications)[-1]  # the refusal ("... has a cramp logged ...")
        assert "cramp" in newest.message and "check" in newest.message
        [toast] = [t for t in app.screen.query(Toast) if t._notification is newest]
        region, height = toast.region, size[1]
        seen = {
            app.screen.get_widget_at(x, y)[0]
            for y in range(max(region.y, 0), min(region.bottom, height))
            for x in range(region.x, region.right)
        }
        assert region.y >= 0 and region.bottom <= height - 1, f"{region} on a screen {height} high"
        assert toast in seen  # not under the footer or another toast
