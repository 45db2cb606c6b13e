"""Provides `cramplog experiment`: plan, follow and read a self-experiment on your own nights.

The plan (`domain.experiment`), its storage (`JournalRepository.plan_experiment`) and its reading
(`analysis.experiment`) live below; this module parses, asks, calls and prints.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from ..errors import InvalidInput
from .context import AppContext
from .fields import given
from .jsonout import JSON_FLAG, emit


def _app(ctx: click.Context) -> AppContext:
    app = ctx.find_object(AppContext)
    assert app is not None
    return app


@click.group(invoke_without_command=True)
@JSON_FLAG
@click.pass_context
def experiment(ctx: click.Context, as_json: bool) -> None:
    """Plan, follow and read a randomised self-experiment on your own nights.

    One safe behaviour, a bedtime calf and hamstring stretch, is dealt to half the nights at
    random (in blocks of 4 nights, two with and two without); the diary tells which nights
    followed the plan and which had cramps; at the end a randomisation test reads the
    difference. Without a subcommand: where the current experiment stands, or its reading.

    \b
    Examples (--yes: without it, plan and stop ask first at a terminal, and refuse elsewhere):
      cramplog experiment plan --weeks 6 --yes
      cramplog experiment
      cramplog experiment stop --yes --reason "travelling"
    """
    if ctx.invoked_subcommand is not None:
        return
    app = _app(ctx)
    status = _status(app)
    if as_json:
        emit("experiment", status)
        return
    if status["plan"] is None:
        click.echo("No experiment yet. Plan one: cramplog experiment plan --weeks 6")
        return
    for line in status["lines"]:
        click.echo(line)


def _status(app: AppContext) -> dict[str, Any]:
    from ..analysis.experiment import status

    today = app.today
    found = status(app.repo, app.clock.tz_name, app.settings.boundary, today, app.clock.now())
    plan, reading = found.plan, found.reading
    if plan is None or reading is None:
        return {"plan": None, "tonight": "", "paused": False, "lines": []}
    return {
        "plan": _plan_json(plan),
        "state": reading.state,
        "tonight": found.tonight,
        "paused": found.tonight == "paused",
        "nights_left": reading.left,
        "as_assigned": None if reading.as_assigned is None else _arms_json(reading.as_assigned),
        "per_protocol": None if reading.per_protocol is None else _arms_json(reading.per_protocol),
        "randomisation_p": None if reading.p is None else round(reading.p, 4),
        "followed_nights": sum(n.followed for n in reading.nights if n.day < today),
        "summary": reading.summary,
        "details": reading.details,
        "lines": found.lines,
    }


def _plan_json(plan: Any) -> dict[str, Any]:
    """The plan as `experiment --json` shows it: the export's record (`to_dict`) with its last
    night, without the seed (which deals the nights ahead: a person following the plan reads
    tonight's arm, never the list)."""
    from ..domain.experiment import to_dict

    shown = {name: value for name, value in to_dict(plan).items() if name != "seed"}
    shown["end"] = plan.end.isoformat()
    return shown


def _arms_json(arms: Any) -> dict[str, Any]:
    return {
        "with_cramps": arms.with_cramps,
        "with_nights": arms.with_nights,
        "without_cramps": arms.without_cramps,
        "without_nights": arms.without_nights,
        "difference": None if arms.difference is None else round(arms.difference, 4),
        "ci_low": None if arms.low is None else round(arms.low, 4),
        "ci_high": None if arms.high is None else round(arms.high, 4),
    }


def _start(text: str, today: dt.date) -> dt.date:
    from ..domain.when import parse_date

    if text.strip().lower() == "tonight":
        return today
    if text.strip().lower() == "tomorrow":
        return today + dt.timedelta(days=1)
    day = parse_date(text, today, field="start", latest=today + dt.timedelta(days=366))
    if day < today:  # refused before the plan is printed, not after
        raise InvalidInput(f"an experiment starts tonight or later, not {day}", "start")
    return day


@experiment.command("plan")
@click.option(
    "--weeks", default="6", show_default=True, metavar="N", help="How long: 2 to 26 weeks (whole blocks of 4 nights)."
)
@click.option("--minutes", default=None, metavar="N", help="Minutes of stretching on a stretch night (default 3).")
@click.option(
    "--outcome",
    default="cramp_nights",
    show_default=True,
    metavar="OUTCOME",
    help="What is counted: cramp_nights (nights with a night cramp) or cramp_days (days with any cramp).",
)
@click.option(
    "--start",
    default="tonight",
    show_default=True,
    metavar="DATE",
    help="The first night: tonight, tomorrow or a date (the plan is fixed before it).",
)
@click.option("--yes", is_flag=True, help="Start without asking.")
@JSON_FLAG
@click.pass_context
def plan(
    ctx: click.Context, weeks: str, minutes: str | None, outcome: str, start: str, yes: bool, as_json: bool
) -> None:
    """Plan an experiment: fixed once made, only stopped afterwards. It shows the plan and asks
    before it starts (--yes starts it without asking; off a terminal --yes is needed).

    \b
    Example:
      cramplog experiment plan --weeks 6 --minutes 3 --yes
    """
    from ..analysis.experiment import propose
    from ..domain.experiment import tonight
    from ..domain.fields import parse_int

    app = _app(ctx)
    today = app.today
    new, text = propose(
        app.repo,
        app.clock.tz_name,
        app.settings.boundary,
        today,
        app.clock.now(),
        weeks=parse_int(given(weeks, "weeks"), "weeks"),
        minutes=None if minutes is None else parse_int(given(minutes, "minutes"), "minutes"),
        outcome=given(outcome, "outcome"),
        start=_start(given(start, "start"), today),
    )
    if not as_json:
        for line in text:
            click.echo(line)
    if not yes:
        if as_json or not sys.stdin.isatty():
            raise InvalidInput("add --yes to start it: a plan is fixed once made", "yes")
        if not click.confirm("Start it? Once started the plan can't be changed, only stopped", default=False):
            click.echo("Not started.")
            return
    stored = app.repo.plan_experiment(new, today)
    word = tonight(stored, today)
    if as_json:
        emit(
            "experiment",
            {"plan": _plan_json(stored), "state": stored.state(today), "tonight": word, "paused": False, "lines": text},
        )
        return
    click.echo(
        f"Started experiment #{stored.id}." + (f" Tonight: {word}." if word else f" The first night is {stored.start}.")
    )


@experiment.command("stop")
@click.option("--reason", default="", metavar="TEXT", help="Why it stops (shown with its counts).")
@click.option("--yes", is_flag=True, help="Stop without asking.")
@click.pass_context
def stop(ctx: click.Context, reason: str, yes: bool) -> None:
    """Stop the running experiment early; its counts stay, without a reading.

    \b
    Example:
      cramplog experiment stop --yes --reason "travelling for two weeks"
    """
    from ..domain.experiment import current, stop_reason

    reason = stop_reason(reason)
    app = _app(ctx)
    today = app.today
    running = current(app.repo.experiments(), today)
    if running is None or running.id is None or running.state(today) not in ("running", "planned"):
        raise InvalidInput("no experiment is running", "experiment")
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput("add --yes to stop it: a stopped experiment has no reading", "yes")
        if not click.confirm(f"Stop experiment #{running.id}? A stopped experiment has no reading", default=False):
            click.echo("Still running.")
            return
    stopped = app.repo.stop_experiment(running.id, today, reason)
    night = "tonight's night" if stopped.stopped == today else "its first night"
    click.echo(f"Stopped experiment #{stopped.id} before {night} ({stopped.stopped}).")
