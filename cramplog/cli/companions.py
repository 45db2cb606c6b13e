"""Provides `cramplog remind`: a nudge when today has nothing logged, and a timer that asks for it.

The analysis tells "no cramp" from "not logged" only through check-ins, so an unlogged evening
is a lost day. `remind` reads the journal read-only (`storage.glance`): it never creates or
migrates one. `remind install` writes a systemd user timer and service (or prints a crontab
line) and enables nothing: it prints the one command that does. No network, ever.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import click

from ..domain.fields import printable
from ..domain.reminder import REMINDER_AT, REMINDER_TIMER, REMINDER_UNIT, units_folder
from ..errors import InvalidInput
from .context import AppContext, pass_app
from .jsonout import JSON_FLAG, emit

if TYPE_CHECKING:
    from ..storage.glance import Glance

NUDGE = "cramplog: nothing logged today yet. No cramps? cramplog checkin --no-cramps"


def day_is_logged(app: AppContext, day: dt.date) -> bool:
    """Whether diary day `day` has an entry or a check-in (a missing journal has neither)."""
    seen = day_glance(app, day)
    return seen is not None and seen.logged > 0


def day_glance(app: AppContext, day: dt.date) -> Glance | None:
    """Diary day `day` at a glance (its entries, check-in, an experiment's arm tonight), read-only.

    Raises JournalError for a journal (a file that exists, or on a server) that cannot be read:
    remind says so rather than nudge every evening for a day it cannot see.
    """
    from ..domain.clock import day_start
    from ..storage.glance import glance
    from ..storage.instants import instant

    tz, boundary = app.clock.tz, app.settings.boundary
    start, end = day_start(day, tz, boundary), day_start(day + dt.timedelta(days=1), tz, boundary)
    return glance(app.db_path, instant(start), instant(end), day.isoformat(), quiet=False)


@click.group(invoke_without_command=True)
@click.option("--notify", is_flag=True, help="Also send a desktop notification (notify-send, when installed).")
@JSON_FLAG
@click.pass_context
def remind(ctx: click.Context, notify: bool, as_json: bool) -> None:
    """Print a nudge when today (the diary day) has no entry and no check-in, and tonight's arm
    while an experiment runs; else print nothing.

    Never creates or changes a journal. `cramplog remind install` sets up a daily reminder.

    \b
    Examples:
      cramplog remind
      cramplog remind --notify
      cramplog remind install --at 21:00
    """
    if ctx.invoked_subcommand is not None:
        return
    app: AppContext = ctx.obj
    day = app.today
    seen = day_glance(app, day)
    logged = seen is not None and seen.logged > 0
    tonight = seen.tonight if seen is not None else ""
    lines = ([] if logged else [NUDGE]) + ([f"cramplog: tonight: {tonight} (your experiment)"] if tonight else [])
    message = "\n".join(lines)
    notified = False
    if message and notify:
        notified = _notify(message)
    if as_json:
        emit(
            "remind",
            {
                "day": day.isoformat(),
                "logged": logged,
                "message": None if logged else NUDGE,
                "tonight": tonight,
                "notified": notified,
            },
        )
    elif message:
        click.echo(message)


def _notify(message: str) -> bool:
    """Send a desktop notification through notify-send when it exists; True if it was sent."""
    program = shutil.which("notify-send")
    if program is None:
        click.echo("warning: notify-send is not installed; the reminder is printed only", err=True)
        return False
    try:
        done = subprocess.run(
            [program, "--app-name=cramplog", "cramplog", message], timeout=10, capture_output=True, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        click.echo(f"warning: notify-send failed ({exc}); the reminder is printed only", err=True)
        return False
    if done.returncode != 0:
        click.echo("warning: notify-send failed; the reminder is printed only", err=True)
        return False
    return True


def _clock_time(text: str) -> dt.time:
    """A time of day as logging reads one (`21:00`, `9pm`, `9:30pm`)."""
    from ..domain.when import parse_clock

    return parse_clock(text, "at")


def cramplog_argv(app: AppContext) -> list[str]:
    """`cramplog` for a unit or crontab: this Python, so it works without cramplog on PATH, and
    the journal given (a server journal's password stays in ~/.pgpass, never in the unit)."""
    argv = [sys.executable, "-m", "cramplog"]
    if app.db_override or os.environ.get("CRAMPLOG_DB"):
        journal = app.db_path
        argv += ["--db", os.path.realpath(journal) if isinstance(journal, str) else journal.without_password]
    return argv


def _command(app: AppContext) -> list[str]:
    """The reminder's command line."""
    return [*cramplog_argv(app), "remind", "--notify"]


def unit_environment() -> list[tuple[str, str]]:
    return [(name, os.environ[name]) for name in ("CRAMPLOG_HOME", "CRAMPLOG_CONFIG") if os.environ.get(name)]


def systemd_units(command: list[str], at: dt.time, environment: list[tuple[str, str]]) -> tuple[str, str]:
    """The service and timer files' text.

    `Persistent=true`: a machine asleep or off at the time gets the reminder when it wakes.
    """
    exec_line = " ".join(systemd_quote(part, exec_line=True) for part in command)
    env_lines = "".join(f"Environment={systemd_quote(f'{k}={v}', exec_line=False)}\n" for k, v in environment)
    service = (
        "[Unit]\nDescription=cramplog: remind me to log today\n\n"
        f"[Service]\nType=oneshot\n{env_lines}ExecStart={exec_line}\n"
    )
    timer = (
        "[Unit]\nDescription=cramplog: daily reminder to log today\n\n"
        f"[Timer]\nOnCalendar=*-*-* {at:%H:%M}:00\nPersistent=true\nUnit={REMINDER_UNIT}.service\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return service, timer


_SYSTEMD_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-=:+,@")


def systemd_quote(part: str, *, exec_line: bool) -> str:
    r"""One word of a unit file (systemd.syntax(7), systemd.service(5) "Command lines").

    Inside double quotes: `\` and `"` escaped; `%` doubled (specifiers such as `%h` are
    expanded everywhere); on an ExecStart line `$` doubled too (`$HOME` would be substituted);
    control characters and bytes that are not UTF-8 (a path's) as C escapes `\xNN`.
    """
    if part and all(c in _SYSTEMD_PLAIN for c in part):
        return part
    out = []
    for char in part:
        if "\udc80" <= char <= "\udcff":  # a byte of a path that is not UTF-8 (surrogateescape)
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif char in '\\"':
            out.append("\\" + char)
        elif char == "%":
            out.append("%%")
        elif char == "$" and exec_line:
            out.append("$$")
        elif char.isprintable():
            out.append(char)
        else:
            out.extend(f"\\x{b:02x}" for b in char.encode("utf-8", "surrogatepass"))
    return '"' + "".join(out) + '"'


def cron_line(command: list[str], at: dt.time, environment: list[tuple[str, str]]) -> str:
    r"""The crontab line (crontab(5)): the command runs in /bin/sh, and cron turns an unescaped
    `%` into a line break, so every `%` is written `\%`; a word holding a control character
    (a line break would end the line) is rebuilt by `printf` from octal escapes."""
    env = [f"{name}={_sh_quote(value)}" for name, value in environment]
    words = " ".join([*env, *(_sh_quote(part) for part in command)])
    return f"{at.minute} {at.hour} * * * {words}".replace("%", "\\%")


def _sh_quote(word: str) -> str:
    if word.isprintable() and not any("\udc80" <= c <= "\udcff" for c in word):
        return shlex.quote(word)
    if word.endswith("\n"):
        raise InvalidInput(
            "a path ending in a line break cannot be written into a crontab line; use the "
            "systemd timer (cramplog remind install) or another path",
            "db",
        )
    octal = "".join(
        c if c.isascii() and c.isalnum() or c in "/._-" else "".join(f"\\{b:03o}" for b in os.fsencode(c)) for c in word
    )
    return f"\"$(printf '{octal}')\""


@remind.command("install")
@click.option(
    "--at",
    "at",
    default=REMINDER_AT,
    show_default=True,
    metavar="TIME",
    help="When to remind, daily: 21:00, 9pm, 9:30pm.",
)
@click.option("--cron", is_flag=True, help="Print a crontab line instead of writing systemd units.")
@pass_app
def install(app: AppContext, at: str, cron: bool) -> None:
    """Write a systemd user timer and service for a daily reminder (enables nothing).

    Prints what it wrote and the one command that turns it on. With --cron it writes nothing
    and prints a crontab line instead.

    \b
    Examples:
      cramplog remind install --at 21:30
      cramplog remind install --cron
    """
    when = _clock_time(at)
    command = _command(app)
    if app.db_override or os.environ.get("CRAMPLOG_DB"):
        from ..paths import JournalURL

        journal = app.db_path
        if isinstance(journal, JournalURL) and journal.without_password != journal.url:
            from ..paths import DOCS_HINT

            click.echo(
                "note: the password is left out of the reminder's command; keep it in ~/.pgpass "
                f"(docs/server.md; {DOCS_HINT})",
                err=True,
            )
    if cron:
        line = cron_line(command, when, unit_environment())
        click.echo(line)
        click.echo(f"add it with: (crontab -l 2>/dev/null; echo {shlex.quote(line)}) | crontab -", err=True)
        return
    from ..paths import ensure_private_dir

    folder = units_folder()
    ensure_private_dir(folder)
    service, timer = systemd_units(command, when, unit_environment())
    for name, text in ((f"{REMINDER_UNIT}.service", service), (REMINDER_TIMER, timer)):
        written = app.write_output(folder / name, text.encode("utf-8"))
        click.echo(f"wrote {printable(str(written))}")
    click.echo(f"enable it with: systemctl --user enable --now {REMINDER_TIMER}")
