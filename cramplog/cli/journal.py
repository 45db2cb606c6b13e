"""Provides the commands that read and fix the journal: `list`, `edit`, `delete`, `today`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from ..domain import entries as E
from ..domain.clock import day_start, diary_day
from ..domain.describe import describe, moment
from ..domain.fields import parse_count, parse_id, printable
from ..domain.summary import ago, summarise, window_start
from ..domain.when import parse_date
from ..errors import InvalidInput
from .context import AppContext, pass_app
from .fields import FIELDS, flags, optional, parse_fields, unknown
from .jsonout import JSON_FLAG, emit
from .log import tell_saved

if TYPE_CHECKING:
    from ..domain.redflags import RedFlag


@click.command("list")
@click.option(
    "--kind", "kinds", multiple=True, metavar="KIND", help=f"Only these kinds (repeatable): {', '.join(E.KINDS)}."
)
@click.option("--from", "since", metavar="DATE", help="From this diary day on.")
@click.option("--to", "until", metavar="DATE", help="Up to and including this diary day.")
@click.option("-n", "--limit", metavar="N", help="At most N entries (the newest).")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of entries, each with id, kind and its fields.")
@pass_app
def list_entries(
    app: AppContext, kinds: tuple[str, ...], since: str | None, until: str | None, limit: str | None, as_json: bool
) -> None:
    """List entries, oldest first.

    \b
    Examples:
      cramplog list --kind cramp --from "7 days ago"
      cramplog list --json
    """
    from ..domain.vocab import choose

    since, until = optional(since, "from"), optional(until, "to")
    kinds = tuple(dict.fromkeys(choose(k, tuple(E.KINDS), "kind", "kind") for k in kinds))
    boundary, tz = app.settings.boundary, app.clock.tz
    latest = app.clock.today()
    start = day_start(parse_date(since, app.today, field="from", latest=latest), tz, boundary) if since else None
    end = (
        day_start(parse_date(until, app.today, field="to", latest=latest) + dt.timedelta(days=1), tz, boundary)
        if until
        else None
    )
    count = None if limit is None else parse_count(limit, "limit")
    found = app.repo.entries(kinds or None, start, end, limit=count, newest_first=count is not None)
    if count is not None:
        found.reverse()
    if as_json:
        emit("list", {"entries": [E.to_dict(e) for e in found]})
        return
    if not found:
        click.echo("no entries" + (" match" if kinds or since or until else " yet; try: cramplog cramp calf -s 5"))
        return
    shoes = app.repo.shoe_names(found)
    for entry in found:
        # The moment as the clock read it; a night entry also names the diary day it counts for,
        # as the save message does (00:45 on Saturday is Friday's).
        m = moment(entry, boundary)
        when = f"{m.local:%H:%M}" if m.local is not None else "     "
        note = f" {m.note()}" if m.shifted else ""
        click.echo(
            f"#{entry.id:<6} {m.date:%a %Y-%m-%d} {when}  {entry.kind:<8} "
            f"{describe(entry, app.settings.units, shoes)}{note}"
        )


def _short_forms(ctx: click.Context, kind: str) -> dict[str, str]:
    """`{'-s': 'severity'}`: the short forms the kind's own command declares (`cramp -s`)."""
    group = ctx.find_root().command
    command = group.get_command(ctx, kind) if isinstance(group, click.Group) else None
    return {
        short: long[2:]
        for param in (command.params if command else ())
        if isinstance(param, click.Option)
        for long in param.opts
        if long.startswith("--")
        for short in param.opts
        if not short.startswith("--")
    }


def _forms(ctx: click.Context, kind: str) -> list[str]:
    """`edit`'s options for one kind, as its help lists them: `-s/--severity 1-10`, `--[no-]tingling`
    (a range only where the text is the stored number, not `90s` or `16oz`)."""
    shorts = {long: short for short, long in _short_forms(ctx, kind).items()}
    out = []
    for option, (_, declaration) in FIELDS[kind].items():
        flag = declaration.type == "bool" and not option.startswith("no-")
        name = f"--[no-]{option}" if flag else f"--{option}"
        short = f"{shorts[option]}/" if option in shorts else ""
        out.append(f"{short}{name} {'' if declaration.parser else declaration.span}".rstrip())
    return out


class _EditCommand(click.Command):
    """`edit`: its help lists the options each kind takes, from `cli.fields.FIELDS` (what `edit`
    accepts) and each field's declaration, so the list can't drift from what is parsed."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Options by the entry's kind (with --json for any)"):
            formatter.write_dl([(kind, ", ".join(_forms(ctx, kind))) for kind in FIELDS])
        super().format_epilog(ctx, formatter)


@click.command(cls=_EditCommand, context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("entry_id", metavar="ID")
@click.pass_context
def edit(ctx: click.Context, entry_id: str) -> None:
    """Change fields of entry ID, with the options used to log its kind (listed below).

    `cramplog list` shows each entry's kind. An option the kind doesn't have is refused, and
    the message lists the ones it has.

    \b
    Examples:
      cramplog edit 12 -s 5
      cramplog edit 13 --amount 16oz --at "yesterday 21:00"
      cramplog edit 4 --retired today
    """
    app: AppContext = ctx.obj
    if not ctx.args:
        raise InvalidInput("say what to change, e.g. cramplog edit 12 --severity 5")
    entry = app.repo.get(_entry_id(entry_id))
    changes, as_json = _option_pairs(ctx.args, entry.kind, _short_forms(ctx, entry.kind))
    if not changes:
        raise InvalidInput("say what to change, e.g. cramplog edit 12 --severity 5")
    values = parse_fields(entry.kind, changes, app)
    if isinstance(entry, E.Food):  # the minerals follow a new food or amount, as in the app
        from ..domain import foods

        values.update(
            foods.minerals(values.get("food", entry.food), values.get("servings", entry.servings), before=entry)
        )
    saved = app.repo.edit(entry.id or 0, **values)
    tell_saved("updated", saved.entry, app, as_json=as_json, cleared=saved.cleared)


def _option_pairs(args: list[str], kind: str, shorts: dict[str, str]) -> tuple[dict[str, str | bool], bool]:
    """`['-s', '5', '--no-tingling', '--json']` -> ({'severity': '5', 'tingling': False}, True).

    A short form is read by its long name (`-s` is `--severity`, as the kind's own command
    declares it). A yes/no option (`cli.fields.flags`) stands alone or takes yes/no
    (`--tingling no`); every other option needs a value (`--note ""` empties a note): `--note`
    alone and `--no-note` were saved as the text "true" and "false".
    """
    words = flags(kind)
    out: dict[str, str | bool] = {}
    as_json = False
    i = 0

    def is_option(arg: str) -> bool:
        return arg.startswith("--") or (len(arg) == 2 and arg[0] == "-" and arg[1].isascii() and arg[1].isalpha())

    while i < len(args):
        arg = args[i]
        i += 1
        if not is_option(arg) or arg == "--":
            raise InvalidInput(f"unexpected argument {printable(arg)[:40]!r}; options look like --severity 5")
        if not arg.startswith("--"):
            if arg not in shorts:
                raise InvalidInput(
                    f"{kind} entries have no option {printable(arg)}"
                    + (f" (short forms: {', '.join(shorts)})" if shorts else ""),
                    arg[1:],
                )
            name, eq, value = shorts[arg], "", ""
        else:
            name, eq, value = arg[2:].partition("=")
        following = args[i] if i < len(args) and not is_option(args[i]) else None
        if name == "json" and not eq:
            as_json = True
        elif name in words:
            option, on = words[name]
            if eq and not on:
                raise InvalidInput(f"--{name} takes no value (it means {option} off)", option)
            if not eq and following is not None and on:  # `--tingling no`, `--no-cramps no`
                value, eq = following, "="
                i += 1
            out[option] = value if eq else on
        elif name not in FIELDS[kind]:
            raise unknown(kind, name)
        else:
            if not eq:
                if following is None:
                    raise InvalidInput(f"option --{name} needs a value", name)
                value = following
                i += 1
            out[name] = value
    return out, as_json


def _entry_id(text: str) -> int:
    return parse_id(printable(text)[:40] if not text.isprintable() else text, "id")


@click.command()
@click.argument("entry_id", metavar="ID")
@JSON_FLAG
@pass_app
def delete(app: AppContext, entry_id: str, as_json: bool) -> None:
    """Delete entry ID (of any kind).

    \b
    Example:
      cramplog delete 12
    """
    removed = app.repo.delete(_entry_id(entry_id))
    if as_json:
        emit("deleted", {"entry": E.to_dict(removed)})
        return
    click.echo(f"deleted {removed.kind} #{removed.id}: {describe(removed, app.settings.units)}")


def _experiment_tonight(app: AppContext, day: dt.date, flags: list[RedFlag]) -> dict[str, Any] | None:
    """Tonight's arm of a running experiment (paused while an emergency or urgent flag is active)."""
    from ..domain.experiment import PAUSING, current, tonight_word

    plan = current(app.repo.experiments(), day)
    if plan is None or plan.state(day) != "running":
        return None
    tiers = [f.tier for f in flags if f.tier in PAUSING]
    return {
        "id": plan.id,
        "tonight": tonight_word(plan, day, tiers),
        "night": plan.night_number(day),
        "nights": plan.nights,
    }


@click.command()
@click.option(
    "--prompt",
    is_flag=True,
    help="One short line for a shell prompt (standard library only; never writes; docs/prompt.md).",
)
@JSON_FLAG
@pass_app
def today(app: AppContext, prompt: bool, as_json: bool) -> None:
    """One line for today: beverages against target, stretching, cramps (fits a shell prompt).

    \b
    Examples:
      cramplog today
      cramplog today --prompt
      cramplog today --json
    """
    from ..domain.quantities import format_volume
    from ..domain.redflags import check_active, format_notice

    if prompt:
        if as_json:  # it printed the prompt's line where JSON was asked for
            raise InvalidInput(
                "--prompt prints one line for a shell prompt and has no --json; use cramplog today --json", "prompt"
            )
        from .prompt import prompt_line

        line = prompt_line(app.db_override)
        if line:
            click.echo(line)
        return
    settings, tz = app.settings, app.clock.tz_name
    now = app.clock.now()
    day = diary_day(now, tz, settings.boundary)
    recent = app.repo.entries(since=window_start(day, tz, settings))
    s = summarise(recent, day, settings, tz)
    units = settings.units
    last = s.last_cramp or app.repo.last("cramp")
    flags = check_active(app.repo, now)
    trial = _experiment_tonight(app, day, flags)
    if as_json:
        emit(
            "today",
            {
                "day": day.isoformat(),
                "beverages_ml": s.beverages_ml,
                "beverage_target_ml": s.beverage_target_ml,
                "beverage_fraction": round(s.beverage_fraction, 4),
                "stretch_min_today": s.stretch_min_today,
                "stretch_min_week": s.stretch_min_week,
                "cramps_today": s.cramps_today,
                "runs_week": s.runs_week,
                "run_km_week": s.run_km_week,
                "checked_in_today": s.checked_in_today,
                "checked_in_yesterday": s.checked_in_yesterday,
                "last_cramp": (
                    {"id": last.id, "at": E.instant_text(last.at), "muscle": last.muscle, "severity": last.severity}
                    if isinstance(last, E.Cramp)
                    else None
                ),
                "experiment": trial,
                "red_flags": [f.to_dict() for f in flags],
            },
        )
        return
    for flag in flags:  # above the day's line, as everywhere: on stderr, as when an entry fires one
        click.echo(format_notice(flag), err=True)
    parts = [
        f"beverages {format_volume(s.beverages_ml, units)} of {format_volume(s.beverage_target_ml, units)} "
        f"({s.beverage_fraction:.0%})",
        f"stretching {s.stretch_min_today} min",
        f"cramps today {s.cramps_today}",
    ]
    if isinstance(last, E.Cramp) and s.cramps_today == 0:
        parts.append(f"last cramp {ago(last.at, now)}")
    if trial is not None:
        parts.append(f"tonight: {trial['tonight']} (experiment night {trial['night']} of {trial['nights']})")
    click.echo(" · ".join(parts))
