"""Every screen at 80x24, 120x40 and a phone's 48x52, on one fixed journal, clock and theme
(textual-dark).

The dashboard, History, Trends, Insights, Settings, Help, a cramp's context, the first-run
questions and the cramp form; at 48x52 (`cramplog serve` on a 390x844 phone) also the thumb-sized
cramp screen, the drink form, the Experiment screen, the red-flag notice and an insight opened.
Regenerate deliberately (`pytest tests/ui/test_every_screen_snapshots.py --snapshot-update`) and
review the SVGs before committing (style.md §3.15).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import Input

from cramplog.domain import entries as E

from .conftest import TZ_NAME, at, settle

SHOWN_PATH = Path("/home/you/.local/share/cramplog/journal.db")
SIZES = [(80, 24), (120, 40), (48, 52)]
IDS = ["80x24", "120x40", "48x52"]


def _journal() -> list[E.Entry]:
    """Eight weeks of a runner: drinks, runs in one shoe, stretching, check-ins, a few cramps."""
    entries: list[E.Entry] = [E.Shoe(name="Pegasus 40", first_used=at(200).date(), tz=TZ_NAME, start_km=450, id=1)]
    for day in range(56, -1, -1):
        entries += [
            E.Drink(at=at(day, 9), tz=TZ_NAME, amount_ml=400 + (day * 37) % 500),
            E.Drink(at=at(day, 15), tz=TZ_NAME, amount_ml=330, drink_kind="coffee_tea"),
        ]
        if day % 3 == 0:
            entries.append(
                E.Run(
                    at=at(day, 18),
                    tz=TZ_NAME,
                    distance_km=6 + day % 5,
                    duration_s=1800 + day * 20,
                    effort=5 + day % 4,
                    shoe_id=1,
                )
            )
        if day % 2 == 0:
            entries.append(E.Stretch(at=at(day, 21), tz=TZ_NAME, minutes=10, muscles=("calf", "hamstring")))
        if day % 7 == 3:
            entries.append(
                E.Cramp(
                    at=at(day - 1, 2, 40), tz=TZ_NAME, muscle="calf", side="left", severity=4 + day % 5, context="night"
                )
            )
        elif day:
            entries.append(E.CheckIn(day=at(day).date(), tz=TZ_NAME, no_cramps=True, sleep_hours=7.0, soreness=day % 6))
    return entries


async def _still(pilot) -> None:
    """Until no worker runs and no key waits, then once more: `settle` gives up after four
    rounds, and a loader cancelled by a newer one (a poll's reload) took a round each on a busy
    machine (the Insights snapshot at 48x52 was once taken before its table came)."""
    await settle(pilot)
    deadline = time.monotonic() + 30
    while any(worker.is_running for worker in pilot.app.workers) and time.monotonic() < deadline:
        await pilot.pause(0.05)
        await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def _after(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()  # run_before starts before the first layout (stack-notes §7.3)
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await _still(pilot)

    return run_before


SCREENS = {
    "dashboard": (),
    "history": ("h",),
    "trends": ("t",),
    "trends_10_years": ("t", "7"),
    "insights": ("a",),
    "settings": ("o",),
    "help": ("question_mark",),
    "cramp_context": ("enter",),
    "cramp_form": ("c",),
}


@pytest.mark.parametrize("size", SIZES, ids=IDS)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_screen(snap_compare, make, seed, screen, size):
    seed(_journal())
    app = make()
    app.journal.db_path = SHOWN_PATH  # Help names the journal file: the test's own is a new folder each run
    assert snap_compare(app, terminal_size=size, run_before=_after(*SCREENS[screen]))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_first_run_questions(snap_compare, make, size, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("TZ", "America/Chicago")
    assert snap_compare(make(first_run=True), terminal_size=size, run_before=_after())


PHONE_ONLY = {
    "quick_cramp": ("click:#quick-log-cramp",),
    "drink_form": ("w",),
    "experiment": ("action:experiment",),
    "red_flag": ("exclamation_mark",),
    "insight_opened": ("a", "enter"),
}
"""Screens a phone reaches first (the quick buttons) or that change most there."""


def _phone_after(*steps: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await settle(pilot)
        for step in steps:
            if step.startswith("click:"):
                await pilot.click(step.removeprefix("click:"))
            elif step.startswith("action:"):
                await pilot.app.run_action(step.removeprefix("action:"))
            else:
                await pilot.press(step)
            await settle(pilot)
        await _still(pilot)

    return run_before


@pytest.mark.parametrize("screen", list(PHONE_ONLY))
def test_phone_screens(snap_compare, make, seed, screen):
    seed(_journal())
    assert snap_compare(make(), terminal_size=(48, 52), run_before=_phone_after(*PHONE_ONLY[screen]))
