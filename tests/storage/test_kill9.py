"""Nothing lost: SIGKILL at any moment leaves a valid journal holding every acknowledged entry."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from cramplog.storage.repository import JournalRepository

WRITER = """
import datetime as dt, sys
from pathlib import Path
from cramplog.domain.entries import Drink
from cramplog.storage.quick import QuickJournal
from cramplog.storage.repository import JournalRepository
path = Path(sys.argv[1])
quick, repo = QuickJournal.open(path), JournalRepository.open(path)
at = dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc)
n = 0
while True:
    n += 1
    writer = quick if n % 2 else repo           # both write paths
    entry = writer.add(Drink(at=at, tz="UTC", amount_ml=1 + n % 4000, note=f"n={n}"))
    print(entry.id, flush=True)                 # acknowledged only after the commit returned
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("delay", [0.3, 0.55, 0.8])
def test_sigkill_mid_stream_loses_no_acknowledged_entry(tmp_path, delay):
    path = tmp_path / "j.db"
    JournalRepository.open(path).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    acknowledged: list[int] = []
    deadline = time.monotonic() + 30
    while len(acknowledged) < 5 and time.monotonic() < deadline:  # wait until it is writing
        acknowledged.append(int(proc.stdout.readline()))
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    acknowledged += [int(line) for line in proc.stdout.read().split()]
    proc.wait()
    assert len(acknowledged) > 5

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    stored = {row[0] for row in conn.execute("SELECT id FROM entry")}
    assert set(acknowledged) <= stored
    orphans = conn.execute("SELECT count(*) FROM entry e LEFT JOIN drink d ON d.id = e.id "
                           "WHERE d.id IS NULL").fetchone()[0]
    assert orphans == 0  # never half an entry
    conn.close()
    assert JournalRepository.open(path).count() == len(stored)
