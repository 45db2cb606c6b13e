"""Settings snapshots at 80x24 and 200x60: a fresh journal, one with shoes, and a refused value.

Regenerate deliberately (`pytest tests/ui/test_settings_snapshots.py --snapshot-update`) and
review the SVGs before committing (style.md §3.15).
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from cramplog.domain import entries as E

from .conftest import TZ_NAME, at, settle


def _shoes() -> list[E.Entry]:
    return [
        E.Shoe(name="Pegasus 40", first_used=at(200).date(), tz=TZ_NAME, start_km=50),
        E.Shoe(name="Trail Runner 2", first_used=at(400).date(), tz=TZ_NAME, start_km=0, retired=at(200).date()),
        E.Run(at=at(2, 7), tz=TZ_NAME, distance_km=8.5, duration_s=2900, effort=6, shoe_id=1),
    ]


async def _settings(pilot) -> None:
    await pilot.pause()  # run_before starts before the first layout (stack-notes §7.3)
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_settings_fresh_journal(snap_compare, make, size):
    assert snap_compare(make(), terminal_size=size, run_before=_settings)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_settings_with_shoes(snap_compare, make, seed, size):
    seed(_shoes())
    assert snap_compare(make(), terminal_size=size, run_before=_settings)


def test_settings_refused_value(snap_compare, make):
    async def refused(pilot) -> None:
        await _settings(pilot)
        field = pilot.app.screen.query_one("#setting-targets-beverage_ml", Input)
        field.focus()
        await pilot.press("end", *["backspace"] * len(field.value), *"9000", "enter")
        await settle(pilot)
        field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make(), terminal_size=(80, 24), run_before=refused)
