"""Provides `cramplog completion SHELL`: tab completion for bash, zsh and fish.

The script is click's own; completing runs `cramplog` with `_CRAMPLOG_COMPLETE` set, and
`attach()` (called by the group for each command it loads then) gives each parameter its
words: commands and options from click, muscles, sides, kinds and the other vocabularies from
the field declarations (`cli/fields.py` -> `domain/fields.py`), foods from the food table,
setting keys from the settings, and shoe names from the journal read-only (`storage.glance`),
which never creates or migrates a journal.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import click
from click.shell_completion import CompletionItem, get_completion_class

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_CRAMPLOG_COMPLETE"


@click.command()
@click.argument("shell", type=click.Choice(SHELLS), metavar="SHELL")
def completion(shell: str) -> None:
    """Print the completion script for SHELL (bash, zsh or fish); see docs/completion.md.

    \b
    Examples:
      eval "$(cramplog completion bash)"          # in ~/.bashrc
      cramplog completion fish > ~/.config/fish/completions/cramplog.fish
    """
    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - click ships all three
        raise click.UsageError(f"no completion for {shell}")
    root = click.get_current_context().find_root().command  # the group this command is in
    click.echo(cls(root, {}, "cramplog", COMPLETE_VAR).source())


def completing() -> bool:
    return bool(os.environ.get(COMPLETE_VAR))


Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _item(value: str) -> CompletionItem:
    """One completion. bash puts what it is given on the command line as it is, so a value with
    a space or a quote is given to bash quoted (`'Pegasus 40'`); zsh and fish quote for
    themselves."""
    if os.environ.get(COMPLETE_VAR, "").startswith("bash"):
        import shlex

        value = shlex.quote(value)
    return CompletionItem(value)


def _words(words: tuple[str, ...] | list[str], *, listed: bool = False) -> Completer:
    """Complete from `words`; with `listed`, the last item of a comma-separated list."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        head, _, tail = incomplete.rpartition(",") if listed else ("", "", incomplete)
        prefix = f"{head}," if head else ""
        return [_item(prefix + w) for w in words if w.startswith(tail)]

    return complete


def _shoes(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shoe names from the journal, a file or a server's (read-only; nothing on failure)."""
    from ..domain.shoes import name_key
    from ..errors import CramplogError
    from ..paths import db_path
    from ..storage.glance import shoe_names

    try:
        journal = db_path(ctx.find_root().params.get("db"))
    except CramplogError:  # a name no file can have: nothing to offer
        return []
    typed = name_key(incomplete.lstrip("'\""))  # compared as names are (`name_key`), not by casefold alone
    return [_item(name) for name in shoe_names(journal) if name_key(name).startswith(typed)]


def _vocabulary(command: str, param: click.Parameter) -> Completer | None:
    """The completer for one parameter of one command, if it takes words from a list."""
    from ..domain import entries as E
    from ..domain.settings import Settings
    from .fields import FIELDS

    name = (param.name or "").rstrip("_").replace("_", "-")
    if name == "shoe":
        return _shoes
    if command == "list" and name == "kinds":
        return _words(tuple(E.KINDS))
    if command in ("get", "set") and name == "key":
        return _words(Settings.keys())
    if command == "food" and name == "food":
        from ..domain.foods import FOODS

        return _words(tuple(FOODS))
    if command == "import" and name == "source":  # --app
        from ..importers.detect import KINDS as READERS

        return _words(READERS)
    if command == "trends" and name == "chart":
        return _words(("cramps", "beverages", "stretching", "running", "minerals", "shoes"))
    field = FIELDS.get(command, {}).get(name)
    if field is None or field[1].bounds.words is None:
        return None
    return _words(field[1].bounds.words, listed=field[1].type == "words")


def attach(name: str, command: click.Command) -> click.Command:
    """Give `command`'s parameters (and its subcommands') their completers; returns it."""
    for param in command.params:
        if getattr(param, "_custom_shell_complete", None) is None:
            completer = _vocabulary(name, param)
            if completer is not None:
                param._custom_shell_complete = completer  # click's hook for shell_complete=
    if isinstance(command, click.Group):
        for sub_name, sub in command.commands.items():
            attach(sub_name, sub)
    return command
