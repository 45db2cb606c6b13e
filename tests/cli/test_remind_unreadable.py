"""`remind` on a journal file it cannot read says so, exit 1 (review B, M10; docs/reminders.md).

An empty file, a text file, another app's SQLite file and a newer journal all got
"nothing logged today yet", exit 0: a nudge every evening for a day it could not see.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from cramplog.storage.constants import APPLICATION_ID

from .contract import run_main


def newer(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_bytes(b""),
        lambda p: p.write_text("my shopping list\n"),
        lambda p: sqlite3.connect(p).execute("CREATE TABLE photos (id INTEGER)").connection.commit(),
        newer,
    ],
    ids=["empty", "text", "another-apps-sqlite", "newer-journal"],
)
@pytest.mark.parametrize("args", [("remind",), ("remind", "--json")])
def test_an_unreadable_journal_is_said_not_nudged(tmp_path, make, args):
    path = tmp_path / "journal.db"
    make(path)
    before = path.read_bytes()
    code, out, err = run_main(path, *args)
    assert (code, out) == (1, ""), err
    [line] = err.splitlines()
    assert line.startswith(f"error: cannot read journal {path} (") and "whether today is logged" in line
    assert path.read_bytes() == before


def test_no_journal_yet_is_a_day_with_nothing_logged(tmp_path):
    code, out, err = run_main(tmp_path / "journal.db", "remind", "--json")
    assert code == 0 and json.loads(out)["logged"] is False, err
    assert not (tmp_path / "journal.db").exists()
