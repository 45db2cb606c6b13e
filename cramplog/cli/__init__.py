"""Provides the `cramplog` command: a click group whose subcommands load only when used.

Flow: `main()` parses arguments; bare `cramplog` (with at most `--db` and `--debug`) opens
the TUI without importing click at all (`route.app_args`); a subcommand's module is imported
only when that subcommand runs (`LazyGroup`), so logging a cramp pays for click and the
domain, and never for pandas, statsmodels, Textual, SQLAlchemy or Alembic.
Errors a user can cause print one `error:` line and exit 2; anything else exits 1, with a
traceback only under `--debug`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def __getattr__(name: str) -> object:
    """`cli`, `COMMANDS` and `LazyGroup` live in `group.py`, imported only off the prompt path."""
    if name in ("cli", "COMMANDS", "LazyGroup"):
        from . import group

        return getattr(group, name)
    raise AttributeError(name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with `argv` (default: `sys.argv[1:]`); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    from .route import app_args, prompt_args  # standard library only: decided before click is imported

    db = prompt_args(args)
    if db is not False:  # (`typing.Literal` would cost the prompt 10 ms of imports)
        from .prompt import run

        return run(db if isinstance(db, str) else None)
    from ..errors import CramplogError, InvalidInput

    debug = "--debug" in args
    secrets = _secrets(args)
    app_db = app_args(args)
    try:
        if app_db is not False:  # bare `cramplog`: the app, without click (~20 ms of imports)
            return _open_app(app_db if isinstance(app_db, str) else None, debug)
        return _run_click(args, secrets)
    except CramplogError as exc:
        if debug:
            _traceback(exc, secrets)
        _error(str(exc), secrets)
        return 2 if isinstance(exc, InvalidInput) else 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if debug:
            _traceback(exc, secrets)
            return 1
        _error(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)", secrets)
        return 1


def _secrets(args: list[str]) -> Sequence[str]:
    """The passwords in the journal's URL (`--db`, `CRAMPLOG_DB`): no message may hold them."""
    import os

    from ..urls import passwords

    named = [os.environ.get("CRAMPLOG_DB", ""), *args]
    return sorted({p for text in named if "@" in text or "=" in text for p in passwords(text)}, key=len,
                  reverse=True)


def _traceback(exc: BaseException, secrets: Sequence[str]) -> None:
    """`--debug`: the traceback, with any password in it (a driver quotes the URL) masked."""
    import traceback

    from ..urls import scrub

    sys.stderr.write(scrub("".join(traceback.format_exception(exc)), secrets))


def _run_click(args: list[str], secrets: Sequence[str]) -> int:
    """Run a subcommand (or `--help`, `--version`, ...) through click; click's errors end here."""
    import click

    from .group import cli

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
        _error(exc.format_message(), secrets)
        return 2
    return 0


def _open_app(db: str | None, debug: bool) -> int:
    """What the click group does for bare `cramplog`: the context, the app, the journal closed.

    Ctrl+C or end of input before the app takes the terminal ends as click's `Abort` would.
    """
    from .context import AppContext
    from .tui import run_tui

    ctx = AppContext(db_override=db, debug=debug)
    try:
        run_tui(ctx)
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        _error("aborted")
        return 1
    finally:
        ctx.close()
    return 0


def _error(message: str, secrets: Sequence[str] = ()) -> None:
    """The one line every failure prints: no line breaks, nothing that can drive a terminal,
    no password."""
    import click

    from ..domain.fields import printable
    from ..urls import scrub

    click.echo(f"error: {scrub(printable(message).strip(), secrets)}", err=True)
