"""Every snapshot file is read by a test: a renamed or deleted snapshot test leaves none behind.

syrupy fails a run on a snapshot no test used only when the run is one process; under
pytest-xdist (the default: pyproject.toml's addopts) it cannot tell, and says nothing (syrupy
4.8, `SnapshotSession.finish`). So this test collects the snapshot tests itself, in a process of
its own, whatever part of the suite this run selected, and names every file none of them reads.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def snapshot_files() -> set[Path]:
    return {p for p in ROOT.glob("tests/**/__snapshots__/*/*") if p.is_file()}


def read_by_tests(tmp_path: Path) -> set[Path]:
    """The snapshot files the collected `snap_compare` tests read (tests/support/snapshot_names.py)."""
    folders = {p.parent for p in snapshot_files()}  # __snapshots__/<test module's name>/
    modules = sorted(str(m) for f in folders if (m := f.parent.parent / f"{f.name}.py").exists())
    out = tmp_path / "names"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}  # not this run's worker, options
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", "-p", "no:xdist"]
        + ["-p", "no:cacheprovider", "-p", "tests.support.snapshot_names", *modules],
        cwd=ROOT,
        env=env | {"CRAMPLOG_SNAPSHOT_NAMES": str(out)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return {Path(line) for line in out.read_text(encoding="utf-8").splitlines()}


def test_every_snapshot_file_is_read_by_a_test(tmp_path):
    read = read_by_tests(tmp_path)
    assert len(read) >= 50, "the snapshot tests were not found"
    unread = sorted(str(p.relative_to(ROOT)) for p in snapshot_files() - read)
    assert not unread, (
        "snapshot files no test reads (a renamed or deleted test's): delete them, or run "
        "`pytest --snapshot-update -n 0` (syrupy removes unused snapshots in one process only):\n" + "\n".join(unread)
    )
