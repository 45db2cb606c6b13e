"""Fixtures of the CLI contract suites (`tests/cli/contract.py` holds the journal they drive)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cramplog.cli.context import AppContext

from ..conftest import NOW
from .contract import Journal, run_main


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with cramp #1, shoe #2 'Pegasus 40', a drink, a run in it, a check-in, a food."""
    from cramplog.domain.clock import FixedClock

    folder = tmp_path_factory.mktemp("template")
    db = folder / "journal.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CRAMPLOG_HOME", str(folder / "home"))
        mp.setenv("TZ", "Europe/Berlin")
        clock = FixedClock(tz_name="Europe/Berlin", at=NOW)
        mp.setattr(AppContext, "clock", property(lambda self: clock))
        for args in (
            ("cramp", "calf", "-s", "6", "--at", "2h ago"),
            ("shoe", "Pegasus 40"),
            ("drink", "500", "--at", "09:00"),
            ("run", "5", "--shoe", "Pegasus 40", "--at", "08:00"),
            ("checkin", "--no-cramps", "--date", "yesterday"),
            ("food", "banana", "--at", "12:00"),
        ):
            code, _, err = run_main(db, *args)
            assert code == 0, err
    return db


@pytest.fixture
def journal(template: Path, tmp_path: Path, clock, monkeypatch: pytest.MonkeyPatch) -> Journal:
    monkeypatch.setattr(AppContext, "clock", property(lambda self: clock))
    return Journal(template, tmp_path)
