"""A handful of SVG snapshots at a fixed size, theme (textual-dark), clock and journal.

Regenerate deliberately (`pytest tests/ui/test_snapshots.py --snapshot-update`) when Textual or
the layout changes, and review the SVGs before committing (style.md §3.15).
"""

from __future__ import annotations

from textual.widgets import Input

from cramplog.domain import entries as E

from .conftest import TZ_NAME, at, settle

SIZE = (80, 24)


def _journal() -> list[E.Entry]:
    return [
        E.Shoe(name="Pegasus 40", first_used=at(200).date(), tz=TZ_NAME, start_km=50),
        E.Drink(at=at(0, 8), tz=TZ_NAME, amount_ml=500),
        E.Drink(at=at(0, 11), tz=TZ_NAME, amount_ml=330, drink_kind="coffee_tea"),
        E.Stretch(at=at(0, 7), tz=TZ_NAME, minutes=10, muscles=("calf", "hamstring")),
        E.Stretch(at=at(2, 21), tz=TZ_NAME, minutes=15),
        E.Run(at=at(2, 7), tz=TZ_NAME, distance_km=8.5, duration_s=2900, effort=6, shoe_id=1),
        E.Cramp(at=at(0, 3, 10), tz=TZ_NAME, muscle="calf", side="left", severity=7, context="night"),
        E.CheckIn(day=at(2).date(), tz=TZ_NAME, no_cramps=True),
    ]


async def _ready(pilot) -> None:
    await pilot.pause()  # run_before starts before the first layout (stack-notes §7.3)
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_first_run_dashboard(snap_compare, make):
    assert snap_compare(make(), terminal_size=SIZE, run_before=_ready)


def test_dashboard_with_a_week_of_entries(snap_compare, make, seed):
    seed(_journal())
    assert snap_compare(make(), terminal_size=SIZE, run_before=_ready)


def test_dashboard_red_flag_banner(snap_compare, make, seed):
    seed([*_journal(), E.Symptom(at=at(0, 9), tz=TZ_NAME, symptom="swelling_one_leg", side="left")])
    assert snap_compare(make(), terminal_size=SIZE, run_before=_ready)


def test_cramp_form_with_a_bad_severity(snap_compare, make, seed):
    seed(_journal())

    async def bad_severity(pilot) -> None:
        await _ready(pilot)
        await pilot.press("c", "1", "2", "enter")
        await _ready(pilot)

    assert snap_compare(make(), terminal_size=SIZE, run_before=bad_severity)


def test_history(snap_compare, make, seed):
    seed(_journal())

    async def history(pilot) -> None:
        await _ready(pilot)
        await pilot.press("h")
        await _ready(pilot)

    assert snap_compare(make(), terminal_size=(100, 30), run_before=history)
