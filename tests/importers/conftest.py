"""Fixtures for the importer tests: a fixed now and a helper that imports paths."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cramplog.domain.settings import Settings
from cramplog.importers import ImportBatch, read_paths

NOW = dt.datetime(2026, 11, 24, 13, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def read():
    def _read(*paths: Path, tz: str = "Europe/London", settings: Settings | None = None, **kw) -> ImportBatch:
        return read_paths(list(paths), tz=tz, settings=settings or Settings(), now=NOW, **kw)

    return _read
