"""A medicine start, compared the same way by the red flag and the insights (a reported journal).

The journal a new user reported (built here from the report's own description, not from the
code): diary from Mon 26 Oct 2026, bendroflumethiazide from 2 Nov with cramps on 4 of the 7
logged days before and on 6 of the 14 after, magnesium from 20 Nov, every day from 2 Nov on
logged. The rate went down (57% -> 43%), and the week before has only 7 logged days.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from cramplog.domain.clock import FixedClock
from cramplog.domain.entries import CheckIn, Cramp, Medicine
from cramplog.storage.repository import JournalRepository

from ..conftest import Cli

TZ = "Europe/Berlin"
TODAY = dt.date(2026, 12, 7)
FIRST = dt.date(2026, 10, 26)
START = dt.date(2026, 11, 2)
BEFORE_CRAMPS = {dt.date(2026, 10, d) for d in (26, 28, 30)} | {dt.date(2026, 11, 1)}
AFTER_CRAMPS = {dt.date(2026, 11, d) for d in (3, 5, 7, 9, 11, 13)}
LATER_CRAMPS = {dt.date(2026, 11, d) for d in (18, 23, 27)} | {dt.date(2026, 12, 3)}


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def build(repo: JournalRepository, cramp_days: set[dt.date], logged: list[dt.date]) -> None:
    for day in logged:
        if day in cramp_days:
            repo.add(Cramp(at=dt.datetime.combine(day, dt.time(15), ZoneInfo(TZ)), tz=TZ, muscle="calf", severity=5))
        else:
            repo.add(CheckIn(day=day, tz=TZ, no_cramps=True))
    repo.add(
        Medicine(
            at=dt.datetime(2026, 11, 2, 9, tzinfo=ZoneInfo(TZ)),
            tz=TZ,
            name="bendroflumethiazide",
            start=START,
            med_class="diuretic_thiazide",
        )
    )
    repo.add(
        Medicine(
            at=dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo(TZ)),
            tz=TZ,
            name="magnesium",
            start=dt.date(2026, 11, 20),
            med_class="other",
        )
    )


def journal(db_path, capsys, monkeypatch, first: dt.date, cramp_days: set[dt.date]) -> Cli:
    """The CLI on 7 Dec 2026 over a journal logged every day from `first`."""
    from cramplog.cli.context import AppContext

    repo = JournalRepository.open(db_path)
    try:
        build(repo, cramp_days, days(first, TODAY))
    finally:
        repo.close()
    clock = FixedClock(tz_name=TZ, at=dt.datetime(2026, 12, 7, 14, tzinfo=ZoneInfo(TZ)))
    monkeypatch.setattr(AppContext, "clock", property(lambda self: clock))
    return Cli(db_path, capsys)


@pytest.fixture
def reported(db_path, capsys, monkeypatch) -> Cli:
    """The reported journal: 4 cramp days in the 7 logged days before, 6 in the 14 after."""
    return journal(db_path, capsys, monkeypatch, FIRST, BEFORE_CRAMPS | AFTER_CRAMPS | LATER_CRAMPS)


@pytest.fixture
def full_before(db_path, capsys, monkeypatch) -> Cli:
    """The same cramps after the start, the two weeks before logged in full with 2 cramp days."""
    before = {dt.date(2026, 10, 22), dt.date(2026, 10, 29)}
    return journal(db_path, capsys, monkeypatch, dt.date(2026, 10, 19), before | AFTER_CRAMPS | LATER_CRAMPS)


def insights(cli: Cli) -> dict:
    code, out, err = cli("insights", "--json")
    assert code == 0, err
    return json.loads(out)


def medicine(doc: dict, name: str) -> dict:
    return next(f for f in doc["findings"] if f["factor"] == "new_medicine" and f["subject"].startswith(name))


def test_the_reported_journal_raises_no_new_medicine_flag_where_the_insights_cannot_compare(reported):
    """Reported: "More cramps after starting a medicine" on 6 cramp days after against 4 before,
    though the rate fell and the insights said there was not enough to compare."""
    doc = insights(reported)
    assert "new_medicine" not in [f["rule"] for f in doc["red_flags"]]
    finding = medicine(doc, "bendroflumethiazide")
    assert finding["status"] == "not_enough_data" and finding["counts"]["before_days"] == 7
    code, out, err = reported("report", "--format", "md", "--from", "2026-10-26")
    assert code == 0, err
    assert "More cramps after starting a medicine" not in out


def test_with_two_full_weeks_before_the_flag_and_the_insights_both_compare(full_before):
    """The flag fires with counts of logged days on both sides, and the insights compare too."""
    cli = full_before
    doc = insights(cli)
    flag = next(f for f in doc["red_flags"] if f["rule"] == "new_medicine")
    assert (
        "cramps on 6 of 14 logged days in the two weeks after starting bendroflumethiazide, and on 2 of "
        "14 logged days in the two weeks before"
    ) in flag["text"]
    assert "stop" not in flag["text"].replace("Don't stop or change", "")
    assert medicine(doc, "bendroflumethiazide")["status"] != "not_enough_data"
    code, out, err = cli("report", "--format", "md", "--from", "2026-10-19")
    assert code == 0, err
    line = next(x for x in out.splitlines() if "More cramps after starting a medicine" in x)
    # "active" is the app's 90-day rule, said with the newest entry's date (not the period's end)
    assert (
        "Still listed as active on 07 Dec 2026: the app keeps a notice of this tier for 90 days after "
        "its newest entry (13 Nov 2026)."
    ) in " ".join(out[out.index(line) :].split())


async def test_the_insights_screen_has_a_row_per_medicine_with_its_own_counts_and_text(full_before, db_path):
    """Reported: one row "Starting a medicine (bendroflumethiazide ...)" with magnesium's counts,
    and Enter on it opened bendroflumethiazide's text. Each medicine is a row of its own, as the
    CLI lists them, and Enter opens that row's text."""
    from textual.app import App
    from textual.widgets import DataTable, Static

    from cramplog.analysis.present import SHOWN
    from cramplog.domain.settings import Settings
    from cramplog.ui.open_journal import OpenJournal
    from cramplog.ui.screens.insights import InsightsScreen

    cli_findings = [f for f in insights(full_before)["findings"] if f["factor"] == "new_medicine"]
    assert len(cli_findings) == 2 and all(f["status"] in SHOWN for f in cli_findings)

    class Insights(App[None]):
        def __init__(self, repo: JournalRepository) -> None:
            super().__init__()
            self.journal = OpenJournal(
                repo, Settings(), FixedClock(TZ, at=dt.datetime(2026, 12, 7, 14, tzinfo=ZoneInfo(TZ)))
            )

        def on_mount(self) -> None:
            self.push_screen(InsightsScreen())

    repo = JournalRepository.open(db_path)
    try:
        app = Insights(repo)
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            rows = {}
            for i in range(table.row_count):
                cells = [str(c) for c in table.get_row_at(i)]
                if cells[1].replace("\n", " ").startswith("Starting a medicine"):
                    rows[i] = cells
            assert len(rows) == 2
            for i, cells in rows.items():
                name = "magnesium" if "magnesium" in cells[1] else "bendroflumethiazide"
                mine = next(f for f in cli_findings if f["subject"].startswith(name))
                c = mine["counts"]
                assert cells[2:4] == [
                    f"{c['after_cramps']} in {c['after_days']}",
                    f"{c['before_cramps']} in {c['before_days']}",
                ]
                table.move_cursor(row=i)
                await pilot.press("enter")
                await pilot.pause()
                detail = " ".join(str(app.screen.query_one("#insights-detail", Static).render()).split())
                assert f"starting {name}" in detail and mine["sentence"] in detail
                await pilot.press("enter")  # closes it again
                await pilot.pause()
    finally:
        repo.close()
