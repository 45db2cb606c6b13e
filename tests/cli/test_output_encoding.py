"""A terminal that is not UTF-8 (review B, H2): every command prints, none raises.

`today --prompt` wrote `·`/`✎` straight to a latin-1 or ascii stdout and died with a traceback;
`list` and `trends` exited 1 on a note or a chart line the encoding lacks. Human text now shows
`?` for what the terminal can't show; JSON escapes it and an export stays UTF-8, so no data is
lost. Run as a process, because the encoding is the process's own (PYTHONIOENCODING).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

NOTE = "café ✎ 😀"


def run(db, encoding: str, *args: str) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CRAMPLOG_")},
        "CRAMPLOG_HOME": str(db.parent / "home"),
        "PYTHONIOENCODING": encoding,
        "TZ": "Europe/Berlin",
    }
    return subprocess.run(
        [sys.executable, "-m", "cramplog", "--db", str(db), *args], capture_output=True, env=env, timeout=120
    )


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    db = tmp_path_factory.mktemp("enc") / "journal.db"
    for args in (
        ("drink", "500"),
        ("cramp", "calf", "-s", "5", "--note", NOTE),
        ("stretch", "10"),
        ("run", "5", "--at", "yesterday 08:00"),
    ):
        done = run(db, "utf-8", *args)
        assert done.returncode == 0, done.stderr
    return db


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("args", [("today", "--prompt"), ("list",), ("trends",), ("today",), ("insights",)])
def test_human_output_prints_on_a_terminal_that_is_not_utf8(journal, encoding, args):
    done = run(journal, encoding, *args)
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode(errors="replace")
    assert done.stdout.strip()


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_json_and_exports_keep_every_character(journal, encoding):
    listed = run(journal, encoding, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert NOTE in [e["note"] for e in json.loads(listed.stdout.decode("ascii"))["entries"]]  # cramplog.list/1
    for fmt in ("json", "csv"):
        exported = run(journal, encoding, "export", "--format", fmt)
        assert exported.returncode == 0, exported.stderr
        assert NOTE in exported.stdout.decode("utf-8")
