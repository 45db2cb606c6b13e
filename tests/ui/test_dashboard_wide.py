"""The dashboard on a wide terminal adds a 7-day strip and a calendar heat map of cramp days; a
shoe near the end of its life gets a notice; at 80 columns neither panel takes room."""

from __future__ import annotations

from textual.widgets import Static

from cramplog.domain import entries as E

from .conftest import TZ_NAME, at, settle


def _journal() -> list[E.Entry]:
    shoe = E.Shoe(name="Pegasus 40", first_used=at(200).date(), tz=TZ_NAME, start_km=600, life_km=640)
    return [shoe,
            E.Cramp(at=at(1, 21), tz=TZ_NAME, muscle="calf", side="left", severity=6, context="rest"),
            E.Cramp(at=at(1, 23), tz=TZ_NAME, muscle="calf", side="left", severity=4, context="night"),
            E.Cramp(at=at(20, 3), tz=TZ_NAME, muscle="foot_arch", side="right", severity=3, context="night"),
            E.Drink(at=at(1, 9), tz=TZ_NAME, amount_ml=500, drink_kind="water"),
            E.Stretch(at=at(0, 7), tz=TZ_NAME, minutes=10)]


async def test_wide_dashboard_shows_the_week_and_the_heat_map(make, seed):
    seed(_journal())
    app = make()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#wide-panel").display
        strip = str(screen.query_one("#week-strip", Static).render()).splitlines()
        assert len(strip) == 7 and strip[-1].startswith("Sat 14 Mar")
        assert "2 cramps" in strip[-2] and "500 ml" in strip[-2]
        heat = str(screen.query_one("#heat-map", Static).render()).splitlines()
        assert heat[0].startswith("M ") and len(heat[0]) == 2 + 26
        assert "█" in heat[4] and "▒" in "".join(heat[:7])     # Friday 13th: two cramps
        notice = str(screen.query_one("#shoe-notice", Static).render())
        assert "Pegasus 40" in notice and "640.0 km" in notice
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not screen.query_one("#wide-panel").display


def test_wide_dashboard_snapshot(snap_compare, make, seed):
    seed(_journal())

    async def ready(pilot):
        await pilot.pause()
        await settle(pilot)

    assert snap_compare(make(), terminal_size=(200, 60), run_before=ready)


async def test_a_shoe_on_the_default_life_gets_the_notice_and_a_retired_one_does_not(make, seed):
    """Most shoes have no life of their own: `shoes.life_km` (640 km) is theirs."""
    seed([E.Shoe(name="Clifton 9", first_used=at(200).date(), tz=TZ_NAME, start_km=600),
          E.Shoe(name="Old pair", first_used=at(400).date(), tz=TZ_NAME, start_km=900, retired=at(10).date())])
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notice = str(app.screen.query_one("#shoe-notice", Static).render())
    assert "Clifton 9" in notice and "600.0 km of its 640.0 km" in notice
    assert "Old pair" not in notice
