"""Provides the click group behind `cramplog`: subcommands load only when used (`LazyGroup`)."""

from __future__ import annotations

import errno
import importlib
import os
import sys

import click

from .. import __version__
from ..paths import DOCS_HINT
from . import collector

SECTIONS: dict[str, dict[str, str]] = {
    "Log": {  # cli/log.py
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
    },
    "Read and fix": {  # cli/journal.py
        "list": "journal:list_entries",
        "edit": "journal:edit",
        "delete": "journal:delete",
        "today": "journal:today",
    },
    "Review": {  # cli/insights.py, cli/review.py, cli/experiment.py
        "insights": "insights:insights",
        "trends": "review:trends",
        "report": "review:report",
        "experiment": "experiment:experiment",
    },
    "Data and settings": {  # cli/data.py, cli/settings.py
        "export": "data:export",
        "import": "data:import_entries",
        "backup": "data:backup",
        "restore": "data:restore",
        "config": "settings:config",
        "where": "settings:where",
    },
    "Companions": {  # cli/companions.py, cli/serve.py, cli/completion.py
        "remind": "companions:remind",
        "serve": "serve:serve",
        "completion": "completion:completion",
    },
}
"""The subcommands by task, in the order `cramplog --help` lists them under these headings."""

COMMANDS: dict[str, str] = {name: target for section in SECTIONS.values() for name, target in section.items()}
"""Subcommand name -> `module:attribute` inside `cramplog.cli` (from `SECTIONS`)."""
WRITERS = frozenset({*SECTIONS["Log"], "edit", "delete", "import"})
"""Commands whose success means the journal was written (the day's automatic backup follows)."""


class ReaderLeft(Exception):
    """A command's output met a closed pipe (`cramplog list | head -1`): the reader had enough."""


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is used."""

    def invoke(self, ctx: click.Context) -> object:
        """The subcommand; a broken pipe leaves as `ReaderLeft`, before click's own handling of
        it (exit 1, silently, even outside standalone mode) can take it."""
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise ReaderLeft from exc
            raise

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"{__package__}.{module_name}")
        collector.resume()  # the command's modules are in: it may run long
        command: click.Command = getattr(module, attr)
        _note_docs(command)
        if os.environ.get("_CRAMPLOG_COMPLETE"):  # tab completion: give parameters their words
            from .completion import attach

            attach(cmd_name, command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands under one heading per task (`SECTIONS`), instead of click's one flat list;
        names padded to the longest so the sections line up."""
        width = max(len(name) for name in COMMANDS)
        limit = formatter.width - 6 - width
        for heading, section in SECTIONS.items():
            rows = []
            for name in section:
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name.ljust(width), command.get_short_help_str(limit)))
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)


def _note_docs(command: click.Command) -> None:
    """A command whose help names a docs/*.md says where the docs are: installed with the package,
    not beside the user (`paths.docs_dir`)."""
    texts = [command.help or "", *(getattr(p, "help", None) or "" for p in command.params)]
    if command.epilog is None and any("docs/" in text for text in texts):
        command.epilog = f"The docs/*.md named here are installed with cramplog: {DOCS_HINT}."
    for sub in getattr(command, "commands", {}).values():
        _note_docs(sub)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    epilog=f"Documentation (docs/*.md) is installed with cramplog: {DOCS_HINT}.",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    envvar="CRAMPLOG_DB",
    help="Journal file to use, or a postgresql:// URL of a journal on your own server "
    "(default: in your data directory; env CRAMPLOG_DB).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.version_option(__version__, "--version", prog_name="cramplog")
@click.pass_context
def cli(ctx: click.Context, db: str | None, debug: bool) -> None:
    """A private journal for muscle cramps and what goes with them.

    Run without a command to open the app. Log from the shell, e.g.:

    \b
      cramplog cramp calf --side left -s 7 --context stretching --at "20 min ago"
      cramplog drink 500
      cramplog checkin --no-cramps --date "2 days ago"

    cramplog finds patterns in your own logs; it is not a diagnostic tool.
    """
    from .context import AppContext

    ctx.obj = AppContext(db_override=db, debug=debug)
    ctx.call_on_close(ctx.obj.close)
    ctx.call_on_close(lambda: _after(ctx))  # runs first (last in, first out), the journal still open
    if ctx.invoked_subcommand is None:
        from .tui import run_tui

        run_tui(ctx.obj)


def _after(ctx: click.Context) -> None:
    """After a command that wrote succeeded: the day's automatic backup (cli/autobackup.py)."""
    if ctx.invoked_subcommand is None or sys.exc_info()[0] is not None:
        return
    from .autobackup import after_write

    if ctx.invoked_subcommand in WRITERS and not ctx.obj.dry_run:
        after_write(ctx.obj)
