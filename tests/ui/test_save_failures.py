"""No silent loss in the app: when a save fails for any reason, the form comes back with what was
typed and a notice says what happened and what to do."""

from __future__ import annotations

import sqlite3

from textual.widgets import Input

from cramplog.ui.modals.entry_form import EntryFormModal

from .conftest import entries_in, settle


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_journal_locked_past_the_wait_keeps_the_form_and_says_so(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.repo._conn.execute("PRAGMA busy_timeout = 200")
        holder = sqlite3.connect(db_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("c", "7", "enter")
            await settle(pilot)
            assert isinstance(app.screen, EntryFormModal)
            assert app.screen.query_one("#field-severity", Input).value == "7"
            assert any("busy" in n and "still in the form" in n for n in notices(app))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await pilot.press("enter")  # try again: now it saves
        await settle(pilot)
        assert not isinstance(app.screen, EntryFormModal)
    [cramp] = entries_in(db_path, "cramp")
    assert cramp.severity == 7


async def test_a_full_disk_keeps_the_form_and_says_so(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        fill_the_journal(app.repo)
        await pilot.press("w", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryFormModal)
        assert app.screen.query_one("#field-amount_ml", Input).value.startswith("250")
        assert any("disk is full" in n for n in notices(app))
    assert all(e.note.startswith("filler") for e in entries_in(db_path, "drink"))  # the 250 ml: not saved


def fill_the_journal(repo) -> None:
    """Cap the file where it is (SQLite's own "database or disk is full"), then fill every page."""
    import datetime as dt

    from cramplog.domain import entries as E
    from cramplog.errors import JournalError

    conn = repo._conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0] + 2}")
    at = dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone.utc)
    for size in (1900, 500, 100, 20, 1):
        try:
            while True:
                repo.add(E.Drink(at=at, tz="UTC", amount_ml=1, note="filler" + "x" * size))
        except JournalError as exc:
            assert "disk is full" in str(exc)
