"""The experiment in the app: the dashboard's row says tonight's arm (paused by a red flag), the
Experiment screen plans one (the whole plan shown before `g` starts it) and stops one."""

from __future__ import annotations

from cramplog.domain import entries as E
from cramplog.domain.experiment import Plan
from cramplog.storage.repository import JournalRepository
from cramplog.ui.screens.experiment import ExperimentScreen, plan_keys

from .conftest import NOW, TZ_NAME, at, settle, today_row

TODAY = NOW.date()


def _plan(db_path, start=TODAY) -> Plan:
    repo = JournalRepository.open(db_path)
    try:
        return repo.plan_experiment(
            Plan(behaviour="bedtime_stretch", minutes=3, outcome="cramp_nights", nights=44, start=start, seed=99), TODAY
        )
    finally:
        repo.close()


def _experiments(db_path) -> list[Plan]:
    repo = JournalRepository.open(db_path)
    try:
        return repo.experiments()
    finally:
        repo.close()


async def test_the_dashboard_says_tonight_s_arm_and_a_red_flag_pauses_it(make, db_path, seed):
    plan = _plan(db_path)
    word = "stretch" if plan.arms()[0] else "no stretch"
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert today_row(app, "experiment") == f"tonight: {word} · night 1 of 44"
    seed([E.Symptom(at=at(0, 9), tz=TZ_NAME, symptom="warm_red_calf")])
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert today_row(app, "experiment").startswith("paused: a red flag comes first (!)")


async def test_no_experiment_no_row(make):
    import pytest

    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with pytest.raises(AssertionError, match="no 'Experiment' row"):
            today_row(app, "experiment")


async def test_plan_one_in_the_app_the_whole_plan_first_then_g(make, db_path):
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.action_experiment()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExperimentScreen)
        assert _experiments(db_path) == []
        await pilot.press("end", "backspace", "8", "enter")  # 8 weeks, typed over the 6
        await settle(pilot)
        proposal = str(screen.query_one("#experiment-proposal").render())
        said = " ".join(proposal.split())
        assert "on half of 56 nights" in said and plan_keys() in said
        assert plan_keys().startswith("g ") and "esc " in plan_keys()  # the line is there, not empty
        assert _experiments(db_path) == []  # nothing is stored before g
        await pilot.press("g")
        await settle(pilot)
        [stored] = _experiments(db_path)
        assert stored.nights == 56 and stored.start == TODAY
        status = str(screen.query_one("#experiment-status").render())
        assert f"Experiment #{stored.id}" in status and "Night 1 of 56" in status


async def test_stop_asks_first_then_stops(make, db_path):
    plan = _plan(db_path)
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.action_experiment()
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert _experiments(db_path)[0].stopped is None
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        [stopped] = _experiments(db_path)
        assert stopped.id == plan.id and stopped.stopped == TODAY
        assert "Stopped on" in str(app.screen.query_one("#experiment-status").render())


async def test_the_screen_reads_a_plan_started_from_a_shell_while_it_is_open(make, db_path):
    """The journal changed under the open Experiment screen (`cramplog experiment` in a shell):
    it showed "No experiment yet" until reopened; the app's reload now reaches it."""
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.action_experiment()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExperimentScreen)
        assert "No experiment yet" in str(screen.query_one("#experiment-status").render())
        _plan(db_path)
        app.navigation.reload()
        await settle(pilot)
        status = " ".join(str(screen.query_one("#experiment-status").render()).split())
        assert "No experiment yet" not in status and "b breaks it off early" in status


async def test_a_reload_leaves_the_field_being_typed_in(make):
    """A reload while a plan is being typed keeps the focus where the typing is (it went back to
    the weeks field)."""
    from textual.widgets import Input

    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.action_experiment()
        await settle(pilot)
        screen = app.screen
        minutes = screen.query_one("#experiment-minutes", Input)
        minutes.focus()
        await settle(pilot)
        app.navigation.reload()
        await settle(pilot)
        assert screen.focused is minutes
