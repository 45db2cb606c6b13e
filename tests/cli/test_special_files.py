"""A FIFO (or socket, or device) where a file is read: one line, exit 2, never a hang (review B, M4).

`--db FIFO`, `import FIFO`, `restore FIFO --yes` and a FIFO as the config file waited forever for
a writer, with no output. Run as a process with a timeout, since the failure is a hang.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run(tmp_path, *args: str, config: str | None = None) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CRAMPLOG_")},
        "CRAMPLOG_HOME": str(tmp_path / "home"),
    }
    if config:
        env["CRAMPLOG_CONFIG"] = config
    return subprocess.run(
        [sys.executable, "-m", "cramplog", *args], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--db", "{fifo}", "drink", "500"),
        ("--db", "{fifo}", "list"),
        ("--db", "{fifo}", "export"),
        ("--db", "{db}", "import", "{fifo}"),
        ("--db", "{db}", "restore", "{fifo}", "--yes"),
        ("--db", "{db}", "list", "config"),
    ],
)
def test_a_fifo_is_refused_at_once(tmp_path, args):
    fifo, db = tmp_path / "pipe", tmp_path / "journal.db"
    os.mkfifo(fifo)
    assert run(tmp_path, "--db", str(db), "drink", "300").returncode == 0
    before = db.read_bytes()
    config = str(fifo) if args[-1] == "config" else None
    args = tuple(a.format(fifo=fifo, db=db) for a in args if a != "config")
    done = run(tmp_path, *args, config=config)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr.splitlines() == [f"error: cannot use {fifo}: it is a pipe, socket or device, not a file"]
    assert db.read_bytes() == before
