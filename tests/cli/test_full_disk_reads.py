"""On a full disk the journal can still be read, so it can be exported to another disk
(review B, M9: `list`, `today`, `experiment`, `export -o ELSEWHERE` all said "the disk is full").

SQLite's WAL index (`-shm`) cannot grow on a full disk; the journal is then read with the index
in memory (exclusive locking, `storage.db.connect`), and any write is refused as before.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess

import pytest

from .contract import run_main


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MiB file system (tmpfs), where the machine lets us mount one (root on Linux)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a size-limited file system here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder) -> None:
    try:
        with open(folder / "filler", "wb", buffering=0) as handle:
            while True:
                handle.write(b"\0" * 4096)
    except OSError:
        pass


def test_reading_commands_work_on_a_full_disk_and_writes_are_refused(tiny_disk, tmp_path):
    db = tiny_disk / "journal.db"
    for n in range(20):
        assert run_main(db, "drink", str(100 + n), "--note", "x" * 1000)[0] == 0
    fill(tiny_disk)
    for args in (("list",), ("list", "--json"), ("today",), ("experiment",), ("insights",)):
        code, out, err = run_main(db, *args)
        assert code == 0 and out, (args, err)
    code, _, err = run_main(db, "export", "-o", str(tmp_path / "rescued.json"))
    assert code == 0, err
    assert len(json.loads((tmp_path / "rescued.json").read_text())["entries"]) == 20
    code, out, err = run_main(db, "drink", "500")
    assert (code, out) == (1, "") and err == "error: the disk is full; free some space and try again\n"
    (tiny_disk / "filler").unlink()
    assert sqlite3.connect(db).execute("SELECT count(*) FROM entry").fetchone() == (20,)
