"""A journal changed by another program after cramplog first opened it (review B, M5).

The whole-file check runs the first time a file is opened; a row spoiled afterwards (text that
is not UTF-8, an unreadable time or date, an unknown kind) gave "could not be used
(OperationalError)", "unexpected ValueError/OverflowError/AttributeError" or a developer's
message, and `drink 500` printed "logged drink #N" and then exit 1 without saying it was stored
(a retry logged it twice). Now: one line naming what is wrong and what to do, exit 1; a save
that went through says so in that line.
"""

from __future__ import annotations

import sqlite3

import pytest

SPOILS = {
    "note-not-utf8": "UPDATE entry SET note = CAST(x'ff41' AS TEXT) WHERE id = 1",
    "time-not-a-time": "UPDATE entry SET at_utc = 'garbage' WHERE id = 1",
    "time-year-1-west": "UPDATE entry SET at_utc = '0001-01-01T00:00:00', tz = 'America/New_York' WHERE id = 1",
    "check-in-day-garbage": "UPDATE checkin SET day = 'soon' WHERE id = 5",
    "kind-unknown": "UPDATE entry SET kind = 'martian' WHERE id = 3",
}


def spoil(db, sql: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.fixture(params=list(SPOILS))
def spoiled(journal, request):
    code, _, err = journal("list")  # the first open: checked whole and remembered
    assert code == 0, err
    spoil(journal.db, SPOILS[request.param])
    return journal


@pytest.mark.parametrize("args", [("list",), ("export",), ("list", "--json"), ("today",)])
def test_reading_says_what_is_wrong_in_one_line(spoiled, args):
    code, out, err = spoiled(*args)
    assert code == 1 and out == "", (args, err)
    [line] = err.splitlines()
    assert line.startswith("error: the journal holds ") and "changed by another program" in line, line
    assert "unexpected" not in line and "Error" not in line


@pytest.mark.parametrize("how", ["note-not-utf8", "time-not-a-time"])  # rows the red-flag check reads
def test_a_save_that_went_through_says_so(journal, how):
    spoiled = journal
    assert journal("list")[0] == 0
    spoil(journal.db, SPOILS[how])
    code, out, err = spoiled("drink", "500")
    [line] = err.splitlines()
    assert code == 1 and line.startswith("error: drink #") and "is logged, but then: the journal holds" in line
    entry_id = line.split("#")[1].split()[0]
    conn = sqlite3.connect(spoiled.db)
    assert conn.execute("SELECT kind FROM entry WHERE id = ?", (int(entry_id),)).fetchone() == ("drink",)
