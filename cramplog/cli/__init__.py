"""Provides the `cramplog` command: a click group whose subcommands load only when used.

Flow: `main()` parses arguments; bare `cramplog` opens the TUI; a subcommand's module is
imported only when that subcommand runs (`LazyGroup`), so logging a cramp pays for click,
the domain and SQLAlchemy, and never for pandas, statsmodels, Textual or Alembic.
Errors a user can cause print one `error:` line and exit 2; anything else exits 1, with a
traceback only under `--debug`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click

from .. import __version__
from ..errors import CramplogError, InvalidInput

COMMANDS: dict[str, str] = {
    # logging (cli/log.py)
    "cramp": "log:cramp",
    "drink": "log:drink",
    "stretch": "log:stretch",
    "run": "log:run",
    "shoe": "log:shoe",
    "food": "log:food",
    "diet": "log:diet",
    "med": "log:med",
    "injury": "log:injury",
    "symptom": "log:symptom",
    "checkin": "log:checkin",
    # reading and fixing (cli/journal.py)
    "list": "journal:list_entries",
    "edit": "journal:edit",
    "delete": "journal:delete",
    "today": "journal:today",
    # review
    "insights": "insights:insights",
    "trends": "review:trends",
    "report": "review:report",
    # data and settings
    "export": "data:export",
    "import": "data:import_entries",
    "backup": "data:backup",
    "restore": "data:restore",
    "config": "settings:config",
    "where": "settings:where",
}
"""Subcommand name -> `module:attribute` inside `cramplog.cli`."""


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        return getattr(module, attr)


@click.group(cls=LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", "db", type=click.Path(dir_okay=False), envvar="CRAMPLOG_DB",
              help="Journal file to use, or a postgresql:// URL of a journal on your own server "
                   "(default: in your data directory; env CRAMPLOG_DB).")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.version_option(__version__, "--version", prog_name="cramplog")
@click.pass_context
def cli(ctx: click.Context, db: str | None, debug: bool) -> None:
    """A private journal for muscle cramps and what goes with them.

    Run without a command to open the app. Log from the shell, e.g.:

    \b
      cramplog cramp calf --side left -s 7 --context stretching --at "20 min ago"
      cramplog drink 500
      cramplog checkin --no-cramps --date yesterday

    cramplog finds patterns in your own logs; it is not a diagnostic tool.
    """
    from .context import AppContext

    ctx.obj = AppContext(db_override=db, debug=debug)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        from .tui import run_tui

        run_tui(ctx.obj)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with `argv` (default: `sys.argv[1:]`); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="cramplog", standalone_mode=False)
    except click.exceptions.Abort:
        _error("aborted")
        return 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.NoArgsIsHelpError as exc:  # `cramplog config` alone
        path = exc.ctx.command_path if exc.ctx else "cramplog"
        _error(f"{path} needs a command; see {path} --help")
        return 2
    except click.ClickException as exc:  # bad usage: unknown option, missing argument, ...
        _error(exc.format_message())
        return 2
    except CramplogError as exc:
        if debug:
            import traceback

            traceback.print_exception(exc)
        _error(str(exc))
        return 2 if isinstance(exc, InvalidInput) else 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the contract: no traceback unless --debug
        if debug:
            raise
        _error(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)")
        return 1
    return 0


def _error(message: str) -> None:
    """The one line every failure prints: no line breaks, nothing that can drive a terminal."""
    from ..domain.fields import printable

    click.echo(f"error: {printable(message).strip()}", err=True)
