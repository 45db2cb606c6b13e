"""No silent loss in the app: when a save fails for any reason, the form comes back with what was
typed and a notice says what happened and what to do."""

from __future__ import annotations

import contextlib
import sqlite3

from textual.widgets import Input

from cramplog.ui.modals.entry_form import SAVE_HOLD_LIMIT, EntryFormModal

from .conftest import entries_in, settle


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@contextlib.contextmanager
def held(app, db_path, wait_ms: int):
    """Another cramplog's write transaction holds the journal; the app waits `wait_ms` for it."""
    app.journal.repo._conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


async def test_a_journal_locked_past_the_wait_keeps_the_form_and_says_so(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with held(app, db_path, 200):
            await pilot.press("c", "7", "enter")
            await settle(pilot)
            assert isinstance(app.screen, EntryFormModal)
            assert app.screen.query_one("#field-severity", Input).value == "7"
            assert any("busy" in n and "still in the form" in n for n in notices(app))
        await pilot.press("enter")  # try again: now it saves
        await settle(pilot)
        assert not isinstance(app.screen, EntryFormModal)
    [cramp] = entries_in(db_path, "cramp")
    assert cramp.severity == 7


async def test_a_full_disk_keeps_the_form_and_says_so(make, db_path):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        fill_the_journal(app.journal.repo)
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


async def test_a_save_waiting_for_the_journal_shows_it_keeps_the_form_and_q_waits_for_it(make, db_path):
    """Another cramplog holds the journal: the form says it is saving (and can't be left) until
    the write commits; q meanwhile quits only once it has (it used to exit with the entry gone)."""
    import asyncio

    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with held(app, db_path, 8000):
            await pilot.press("c", "7", "enter")
            await pilot.pause(SAVE_HOLD_LIMIT + 1.0)  # the write waits for the lock; keys reach the form
            form = app.screen
            assert isinstance(form, EntryFormModal) and form.saving
            assert "Saving" in str(form.query_one("#form-hint").render())
            assert form.query_one("#field-severity", Input).disabled
            await pilot.press("escape")
            await pilot.pause(0.2)
            assert app.screen is form  # not left while saving
            await pilot.press("q")
            await pilot.pause(0.2)
            assert app.return_code is None  # still running: the save is unresolved
            assert any("closes once the entry is written" in n for n in notices(app))
        for _ in range(50):
            if app.return_code is not None:
                break
            await asyncio.sleep(0.1)
        assert app.return_code == 0  # quit as asked, once the entry was written
    [cramp] = entries_in(db_path, "cramp")
    assert cramp.severity == 7


async def test_a_quit_asked_for_during_a_save_that_fails_keeps_the_app_and_the_form(make, db_path):
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with held(app, db_path, 1500):
            await pilot.press("w", "enter")
            await pilot.pause(0.5)
            await app.action_quit()
            await settle(pilot)
            await pilot.pause(1.5)
            await settle(pilot)
            assert app.return_code is None
            assert isinstance(app.screen, EntryFormModal) and not app.screen.saving
            assert app.screen.query_one("#field-amount_ml", Input).value.startswith("250")
            assert any("stays open" in n for n in notices(app))
    assert entries_in(db_path, "drink") == []


async def test_a_read_failing_while_a_quit_waits_for_a_save_does_not_cancel_the_quit(make, db_path):
    """q pressed while a save waits for the journal, then the dashboard's reload fails (a read):
    nothing typed is at stake, so cramplog still quits once the entry is written. Every failure
    used to cancel the quit with "stays open so nothing you typed is lost"."""
    import asyncio

    from cramplog.ui.messages import JournalFailed

    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with held(app, db_path, 8000):
            await pilot.press("w", "enter")
            await pilot.pause(0.5)
            await app.action_quit()
            app.post_message(JournalFailed("could not read the journal", read=True))
            await pilot.pause(0.3)
            assert app.return_code is None  # the save still waits for the lock
        for _ in range(50):
            if app.return_code is not None:
                break
            await asyncio.sleep(0.1)
        assert app.return_code == 0
        assert not any("stays open" in n for n in notices(app))
    [drink] = entries_in(db_path, "drink")
    assert drink.amount_ml == 250
