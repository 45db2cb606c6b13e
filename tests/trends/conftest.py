"""Fixtures for the trends, chart and report tests: a private home, a fixed clock, a journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cramplog.domain.clock import FixedClock
from cramplog.domain.settings import Settings

TZ = "Europe/Berlin"
NOW = dt.datetime(2026, 3, 26, 20, 0, tzinfo=dt.timezone.utc)  # a Thursday evening
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Keep every test out of the user's real data and config directories."""
    monkeypatch.setenv("CRAMPLOG_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CRAMPLOG_DB", raising=False)
    monkeypatch.delenv("CRAMPLOG_CONFIG", raising=False)
    monkeypatch.setenv("TZ", TZ)
    return tmp_path / "home"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TZ, NOW)


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def golden(request):
    """Compare text with tests/trends/golden/<name>.txt; UPDATE_GOLDEN=1 rewrites the file."""
    import os

    def check(name: str, text: str) -> None:
        path = GOLDEN / f"{name}.txt"
        if os.environ.get("UPDATE_GOLDEN") or not path.exists():
            path.write_text(text + "\n", encoding="utf-8")
            if not os.environ.get("UPDATE_GOLDEN"):
                pytest.fail(f"golden file {path.name} was missing and has been written; review it")
        assert text + "\n" == path.read_text(encoding="utf-8")

    return check
