"""A pytest plugin for tests/test_snapshot_files.py: after collection, writes the snapshot file
each collected `snap_compare` test reads to the file $CRAMPLOG_SNAPSHOT_NAMES names, one a line.

The path is syrupy's own (`get_location` of pytest-textual-snapshot's SVG extension), so the
names cannot drift from where the snapshots are written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_collection_finish(session: pytest.Session) -> None:
    from pytest_textual_snapshot import SVGImageExtension
    from syrupy.location import PyTestLocation

    read = [
        SVGImageExtension.get_location(test_location=PyTestLocation(item), index=0)
        for item in session.items
        if "snap_compare" in getattr(item, "fixturenames", ())
    ]
    Path(os.environ["CRAMPLOG_SNAPSHOT_NAMES"]).write_text("".join(f"{name}\n" for name in read), encoding="utf-8")
