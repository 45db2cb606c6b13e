"""Fixtures for `cramplog serve`: the real command on a free port, its key, its app processes.

The server runs as `python -m cramplog serve --port 0` (the real entry point) under a tmp
CRAMPLOG_HOME; `descendants` lists the app processes it started (read from /proc), which is
how the tests see that a request without the key starts nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="the serve extra is not installed: pip install '.[serve]'")


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    key: str
    home: Path
    db: Path
    log_path: Path

    def descendants(self) -> list[int]:
        """Every process below the server (the app processes and their shells)."""
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                        parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        found: list[int] = []
        frontier = [self.process.pid]
        while frontier:
            pid = frontier.pop()
            children = [c for c, p in parents.items() if p == pid]
            found += children
            frontier += children
        return found

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def cramplog(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cramplog", "--db", str(self.db), *args],
            env=env(self.home),
            capture_output=True,
            text=True,
            timeout=60,
        )


def env(home: Path) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("CRAMPLOG_", "TEXTUAL"))}
    out["CRAMPLOG_HOME"] = str(home)
    return out


def start(tmp_path: Path, *args: str, first_run: bool = False) -> Served:
    """`cramplog serve` on a new journal; by default as a person who has already answered the
    app's first-run questions (in the terminal, say), so the phone opens on the dashboard."""
    from cramplog.ui.loaders import mark_first_run_asked

    home, db = tmp_path / "home", tmp_path / "journal.db"
    if not first_run:
        (home / "config").mkdir(parents=True, exist_ok=True)
        mark_first_run_asked(home / "config" / "first_run.json")
    log_path = tmp_path / "serve.log"
    with open(log_path, "w", encoding="utf-8") as out:  # stdout and stderr together: the server's log
        process = subprocess.Popen(
            [sys.executable, "-m", "cramplog", "--db", str(db), "serve", "--port", "0", *args],
            env=env(home),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"Listening on (https?://[^/\s,]+/)", log_path.read_text(encoding="utf-8"))
        if found:
            key = (home / "config" / "serve_key").read_text(encoding="ascii").strip()
            return Served(process, found.group(1), key, home, db, log_path)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise AssertionError(f"cramplog serve did not start: {log_path.read_text(encoding='utf-8')}")


def stop(served: Served) -> None:
    served.process.terminate()
    try:
        served.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    running = start(tmp_path)
    try:
        yield running
    finally:
        stop(running)
