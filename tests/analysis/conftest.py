"""Provides fixtures for the analysis and red-flag tests: a fixed time, entry builders, a journal."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cramplog.domain.entries import Cramp, Symptom
from cramplog.domain.settings import Settings

TZ = "Europe/London"
NOW = dt.datetime(2026, 3, 15, 12, 0, tzinfo=ZoneInfo(TZ))


def at(days_ago: float = 0, hour: int = 12, minute: int = 0) -> dt.datetime:
    """An instant `days_ago` diary days before NOW, at local `hour:minute`."""
    base = (NOW - dt.timedelta(days=days_ago)).replace(hour=hour, minute=minute)
    return base


ENTRY_IDS = itertools.count(1)


def cramp(days_ago: float = 0, hour: int = 12, **kw: Any) -> Cramp:
    """A calf cramp of severity 5 (unless `kw` says otherwise), with an ID of its own."""
    kw.setdefault("muscle", "calf")
    kw.setdefault("severity", 5)
    return Cramp(at=at(days_ago, hour), tz=TZ, id=next(ENTRY_IDS), **kw)


def symptom(name: str, days_ago: float = 0, hour: int = 12) -> Symptom:
    return Symptom(at=at(days_ago, hour), tz=TZ, id=next(ENTRY_IDS), symptom=name)


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def isolated_home(tmp_path, monkeypatch):
    """CRAMPLOG_HOME and the journal inside tmp_path, so nothing touches real user dirs."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CRAMPLOG_HOME", str(home))
    monkeypatch.setenv("CRAMPLOG_DB", str(tmp_path / "journal.db"))
    monkeypatch.setenv("TZ", TZ)
    return tmp_path
