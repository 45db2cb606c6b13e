"""Standard output that can't be written: closed (`>&-`) or full (`>/dev/full`) (review B, M8).

`export >&-` exited 0 having written nothing; `drink 500 --json >/dev/full` exited 1 without
saying the drink was stored; `list >/dev/full` said "unexpected OSError". Now: one line, exit 1,
and a logging command's line says what it stored. Run as processes: the stream is the process's.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

FULL = "/dev/full"


def sh(journal, args: str, redirect: str) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CRAMPLOG_")},
        "CRAMPLOG_HOME": str(journal.db.parent / "home"),
    }
    command = f'"{sys.executable}" -m cramplog --db "{journal.db}" {args} {redirect}'
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, timeout=120)


def drinks(db) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM entry WHERE kind = 'drink'").fetchone()[0]


@pytest.mark.parametrize("redirect", [">&-", f">{FULL}"])
@pytest.mark.parametrize("args", ["export", "list", "list --json", "today", "insights"])
def test_a_reading_command_says_it_could_not_write(journal, args, redirect):
    if redirect.endswith(FULL) and not os.path.exists(FULL):
        pytest.skip("no /dev/full here")
    done = sh(journal, args, redirect)
    assert done.returncode == 1 and done.stderr.splitlines() == [
        f"error: cannot write to standard output ({'it is closed' if redirect == '>&-' else 'No space left on device'})"
    ], done.stderr


@pytest.mark.parametrize("redirect", [">&-", f">{FULL}"])
@pytest.mark.parametrize("args", ["drink 500", "drink 500 --json"])
def test_a_logging_command_says_what_it_stored(journal, args, redirect):
    if redirect.endswith(FULL) and not os.path.exists(FULL):
        pytest.skip("no /dev/full here")
    before = drinks(journal.db)
    done = sh(journal, args, redirect)
    [line] = done.stderr.splitlines()
    assert done.returncode == 1 and line.startswith("error: drink #") and "is logged, but then" in line, line
    assert drinks(journal.db) == before + 1


def test_a_command_that_prints_nothing_on_stdout_still_works_with_it_closed(journal, tmp_path):
    out = tmp_path / "e.json"
    done = sh(journal, f'export -o "{out}"', ">&-")
    assert done.returncode == 0 and out.stat().st_size > 0, done.stderr


def closed_pipe(journal, args: str) -> subprocess.CompletedProcess:
    """Run `cramplog args` into a pipe whose read end is closed before it starts: every write fails."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CRAMPLOG_")},
        "CRAMPLOG_HOME": str(journal.db.parent / "home"),
    }
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "cramplog", "--db", str(journal.db), *args.split()],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize("args", ["list", "list --json", "today", "export", "insights"])
def test_a_reader_that_left_is_not_a_failure(journal, args):
    """`cramplog list | head -1`: the reader has what it wanted and closed the pipe. Exit 0 and
    nothing on stderr, wherever the write fails: click's own handling of a broken pipe inside a
    command exited 1 silently, but 0 when only the last flush failed (it depended on timing)."""
    done = closed_pipe(journal, args)
    assert (done.returncode, done.stderr) == (0, "")


def test_a_logging_command_into_a_closed_pipe_still_says_what_it_stored(journal):
    """Its line (and any red flag under it) went nowhere, so the one error line says it is stored."""
    before = drinks(journal.db)
    done = closed_pipe(journal, "drink 500")
    [newest] = sqlite3.connect(journal.db).execute("SELECT max(id) FROM entry WHERE kind = 'drink'").fetchone()
    assert done.returncode == 1 and done.stderr.splitlines() == [
        f"error: drink #{newest} is logged, but then: it could not be shown (Broken pipe)"
    ], done.stderr
    assert drinks(journal.db) == before + 1
