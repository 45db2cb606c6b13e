"""A journal file cramplog did not create keeps the mode its owner gave it (review B, H3).

Every command chmod'ed the journal to 0600 on opening it: a journal made read-only (0444) became
writable by `list`, and `drink` on it said "read-only" yet left it writable for the next run.
"""

from __future__ import annotations

import os
import stat

import pytest


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("args", [("list",), ("export",), ("today", "--json"), ("drink", "500")])
def test_a_read_only_journal_stays_read_only(journal, args):
    os.chmod(journal.db, 0o444)
    journal(*args)  # as root the write may even succeed; the mode is what must not move
    assert mode(journal.db) == 0o444


def test_a_shared_journal_keeps_its_mode_and_a_new_one_is_private(journal, tmp_path):
    os.chmod(journal.db, 0o640)
    journal.accepts("drink", "300")
    assert mode(journal.db) == 0o640
    from .contract import run_main

    fresh = tmp_path / "fresh.db"
    assert run_main(fresh, "drink", "300")[0] == 0
    assert mode(fresh) == 0o600
