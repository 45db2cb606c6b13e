"""Provides the `cramplog` command: a click group whose subcommands load only when used.

Flow: `main()` parses arguments; bare `cramplog` (with at most `--db` and `--debug`) opens
the TUI without importing click at all (`route.app_args`); a subcommand's module is imported
only when that subcommand runs (`LazyGroup`), so logging a cramp pays for click and the
domain, and never for pandas, statsmodels, Textual, SQLAlchemy or Alembic.
Errors a user can cause print one `error:` line and exit 2; anything else exits 1, with a
traceback only under `--debug`.
"""

from __future__ import annotations

import errno
import io
import sys
from collections.abc import Sequence


def __getattr__(name: str) -> object:
    """`cli`, `COMMANDS` and `LazyGroup` live in `group.py`, imported only off the prompt path."""
    if name in ("cli", "COMMANDS", "LazyGroup"):
        from . import group

        return getattr(group, name)
    raise AttributeError(name)


def console() -> int:
    """The `cramplog` command itself (and `python -m cramplog`): `main()` in a process that ends
    next, with the garbage collector paused while the command starts (`collector`). Everything
    alive at the end is freed with the process, so the interpreter's last collection is spared
    walking it: about 8 ms of a 60 ms quick log (`bench/quicklog`). Only objects that become
    garbage in cycles after this are left unfinalized; cramplog closes its files and journal
    itself before returning. Not in `main()`, which tests call many times in one process."""
    from . import collector

    collector.pause()
    code = main()
    import gc

    gc.freeze()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with `argv` (default: `sys.argv[1:]`); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    _closed_stdout()
    _lenient_output()
    from .route import prompt_args  # standard library only: decided before click is imported

    db = prompt_args(args)
    if db is not False:  # (`typing.Literal` would cost the prompt 10 ms of imports)
        from .prompt import run

        try:
            run(db if isinstance(db, str) else None)
            _written(0)
        except OSError:
            _silence_stdout()
        return 0  # a prompt never fails
    return _written(_run(args))


def _run(args: list[str]) -> int:
    from ..errors import CramplogError, InvalidInput
    from .route import app_args

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
        why = _unwritable(exc)
        if why:
            _error(f"cannot write to standard output ({why})")
            return 1
        if isinstance(exc, OSError) and exc.filename:  # the environment: a folder that can't be made, ...
            _error(f"cannot use {exc.filename}: {exc.strerror or exc}", secrets)
            return 1
        _error(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)", secrets)
        return 1


class _ClosedStdout(io.TextIOBase):
    """Standard output when fd 1 was closed (`cramplog export >&-`): every write fails, so a
    command that prints says it couldn't, instead of exit 0 with nothing written."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _closed_stdout() -> None:
    """With fd 1 or 2 closed, the journal itself could be opened as fd 1 and a stray write land in
    it: the free descriptor is taken by /dev/null, and `sys.stdout` refuses every write."""
    import os

    for fd, name in ((1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), fd)
            if name == "stdout":
                sys.stdout = _ClosedStdout()
            elif getattr(sys, name) is None:
                sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (for the life of the process)


STREAM_ERRORS = frozenset({errno.ENOSPC, errno.EPIPE, errno.EBADF, errno.EIO, errno.EDQUOT})
"""Errors of writing a stream. A file cramplog writes names its path (`filename`); the journal's
are translated by storage; so one of these without a path is standard output failing."""


def _unwritable(exc: BaseException) -> str | None:
    """Why standard output can't be written (a full disk, closed, a reader gone), when that is
    what `exc` is; None for any other failure."""
    if not isinstance(exc, OSError) or exc.filename is not None or exc.errno not in STREAM_ERRORS:
        return None
    _silence_stdout()
    return "it is closed" if isinstance(sys.stdout, _ClosedStdout) else (exc.strerror or str(exc))


def _silence_stdout() -> None:
    """Drop what can't be written, so Python's own last flush does not print a traceback."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _written(code: int) -> int:
    """`code`, unless what the command printed could not reach standard output (a full disk,
    `>/dev/full`, a closed pipe): then one line and exit 1, where a success would hide it."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError) as exc:
        _silence_stdout()
        if code == 0 and getattr(exc, "errno", None) != errno.EPIPE:  # `| head`: the reader has enough
            _error(f"cannot write to standard output ({getattr(exc, 'strerror', None) or exc})")
            return 1
    return code


def _lenient_output() -> None:
    """A terminal that is not UTF-8 (latin-1, ascii) shows `?` for a character it lacks (`·`, `✎`,
    a note's emoji) instead of a traceback; JSON stays exact (`jsonout.dumps` escapes instead)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict" and not is_utf8(stream):
            reconfigure(errors="replace")


def is_utf8(stream: object) -> bool:
    """Whether `stream` writes UTF-8 (any other encoding cannot hold every character)."""
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name.startswith("utf")
    except LookupError:
        return False


def _secrets(args: list[str]) -> Sequence[str]:
    """The passwords in the journal's URL (`--db`, `CRAMPLOG_DB`): no message may hold them."""
    import os

    from ..urls import passwords

    named = [os.environ.get("CRAMPLOG_DB", ""), *args]
    found = {p for text in named if "@" in text or "=" in text for p in passwords(text)}
    passphrase = os.environ.get("CRAMPLOG_PASSPHRASE", "")
    if len(passphrase) >= MASKED_PASSPHRASE:  # a file read by mistake may hold it (/proc/self/environ)
        found.add(passphrase)
    return sorted(found, key=len, reverse=True)


MASKED_PASSPHRASE = 6
"""A backup passphrase this long or longer is masked in every message (a shorter one would mask
ordinary words)."""


def _traceback(exc: BaseException, secrets: Sequence[str]) -> None:
    """`--debug`: the traceback, with any password in it (a driver quotes the URL) masked."""
    import traceback

    from ..urls import scrub

    sys.stderr.write(scrub("".join(traceback.format_exception(exc)), secrets))


def _run_click(args: list[str], secrets: Sequence[str]) -> int:
    """Run a subcommand (or `--help`, `--version`, ...) through click; click's errors end here."""
    import click

    from .group import ReaderLeft, cli

    try:
        cli.main(args=args, prog_name="cramplog", standalone_mode=False)
    except ReaderLeft:  # no failure, as when only the last flush meets the closed pipe (`_written`)
        _silence_stdout()
        return 0
    except click.exceptions.Abort as exc:  # a prompt met Ctrl+C, or the end of its input
        return _aborted(interrupted=isinstance(exc.__context__, KeyboardInterrupt))
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
    except (EOFError, KeyboardInterrupt) as exc:
        return _aborted(interrupted=isinstance(exc, KeyboardInterrupt))
    finally:
        ctx.close()
    return 0


def _aborted(*, interrupted: bool) -> int:
    """Stopped at a question: one line, on a line of its own (not after the prompt's `^C`), and
    the shell's code for Ctrl+C (130, as when a command is interrupted anywhere else), or 1 when
    the input ended."""
    sys.stderr.write("\n")
    _error("aborted")
    return 130 if interrupted else 1


def _error(message: str, secrets: Sequence[str] = ()) -> None:
    """The one line every failure prints: no line breaks, nothing that can drive a terminal,
    no password."""
    import click

    from ..domain.fields import printable
    from ..urls import scrub

    click.echo(f"error: {scrub(printable(message).strip(), secrets)}", err=True)
