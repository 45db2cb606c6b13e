"""Helpers for storage tests that use real processes: run `cramplog`, kill it, check the file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

KILLER = """
import os, signal, sqlite3, sys
limit = int(os.environ["KILL_AT_STATEMENT"])
count = 0
heads = []
_connect = sqlite3.connect

def _trace(statement):
    global count
    count += 1
    heads.append(" ".join(statement.split()[:2]).upper())
    if count == limit:
        os.kill(os.getpid(), signal.SIGKILL)

def connect(*args, **kwargs):
    conn = _connect(*args, **kwargs)
    conn.set_trace_callback(_trace)
    return conn

sqlite3.connect = sqlite3.dbapi2.connect = connect  # SQLAlchemy calls dbapi2.connect
from cramplog.cli import main
code = main(sys.argv[1:])
print(f"statements={count}", file=sys.stderr)
print("heads=" + "|".join(heads), file=sys.stderr)
sys.exit(code)
"""
"""Runs cramplog with a SIGKILL at the Nth SQL statement any connection executes; a run that is
never killed prints how many statements it ran and the first two words of each."""

EVERY_STATEMENT = os.environ.get("CRAMPLOG_TEST_EVERY_STATEMENT") == "1"
"""Kill at every statement, not one of each kind of moment (`kill_points`): a slower run that
proves the sampling misses nothing."""


def kill_points(heads: list[str], *, every: bool = EVERY_STATEMENT) -> list[int]:
    """The statements (1-based) to kill a command at: one of each kind of moment, not all of them.

    A kill inside a transaction rolls back to where it began whichever statement it hits, so the
    moments that can leave different files are the edges: every statement outside a transaction
    (each commits alone), and in each transaction its BEGIN, the first and last statements
    inside, the COMMIT, and each statement that begins a migration's step or follows one
    (`UPDATE alembic_version`, a PRAGMA: a statement that could commit or change the file by
    itself). With `every` (or CRAMPLOG_TEST_EVERY_STATEMENT=1 set), every statement."""
    if every:
        return list(range(1, len(heads) + 1))
    points: set[int] = set()
    inside = False
    for n, head in enumerate(heads, start=1):
        word = head.split(" ")[0]
        if word == "BEGIN":
            inside = True
            points.update((n, n + 1))
        elif word in ("COMMIT", "ROLLBACK", "END"):
            inside = False
            points.update((n - 1, n, n + 1))
        elif not inside or word == "PRAGMA" or head.startswith("UPDATE ALEMBIC_VERSION"):
            points.update((n, n + 1))
    return sorted(p for p in points if 1 <= p <= len(heads))


FORK_KILLER = """
import json, os, signal, sqlite3, sys
import alembic.command, sqlalchemy, cramplog.storage.migrate  # loaded once, before forking
from cramplog.cli import main

trials = json.loads(sys.argv[1])  # [[db, n], ...]
args = sys.argv[2:]
_connect = sqlite3.connect
results = []
for db, limit in trials:
    pid = os.fork()
    if pid == 0:
        count = 0
        def _trace(statement):
            global count
            count += 1
            if count == limit:
                os.kill(os.getpid(), signal.SIGKILL)
        def connect(*a, **k):
            conn = _connect(*a, **k)
            conn.set_trace_callback(_trace)
            return conn
        sqlite3.connect = sqlite3.dbapi2.connect = connect
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1), os.dup2(devnull, 2)
        os._exit(main(["--db", db, *args]))
    _, status = os.waitpid(pid, 0)
    results.append(-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
print(json.dumps(results))
"""
"""Like KILLER, for many trials: one process imports everything once, then forks a child per
trial, which is SIGKILLed at its Nth statement; prints the children's exit codes."""


def killed_many(trials: list[tuple[Path, int]], *args: str, home: Path) -> list[int]:
    import json

    spec = json.dumps([[str(db), n] for db, n in trials])
    done = subprocess.run(
        [sys.executable, "-c", FORK_KILLER, spec, *args], capture_output=True, text=True, env=env(home), timeout=600
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def env(home: Path, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("CRAMPLOG_")}
    return {**base, "CRAMPLOG_HOME": str(home), "TZ": "UTC", **extra}


def cramplog(db: Path, *args: str, home: Path, timeout: float = 60, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cramplog", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env(home, **extra),
        timeout=timeout,
    )


def killed_at(db: Path, statement: int, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLER, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env(home, KILL_AT_STATEMENT=str(statement)),
        timeout=60,
    )


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def ids(db: Path) -> set[int]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM entry")}
    finally:
        conn.close()
