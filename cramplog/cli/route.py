"""Provides which of the three ways a command line goes, decided before click is imported.

`[--db PATH] today --prompt` goes to the shell prompt (`prompt.py`, on the standard library),
bare `cramplog` (with at most `--db` and `--debug`) to the app without click (`tui.py`), and
everything else to the click group: the one parser of every command. These recognise their
exact forms only and parse nothing else. They live here, on the standard library and apart
from what they route to, so a quick log imports neither the prompt nor the app's module.
"""

from __future__ import annotations

import os


def prompt_args(args: list[str]) -> str | None | bool:
    """For `[--db PATH] today --prompt`: the `--db` value (or None); False for anything else."""
    db: str | None = None
    rest = list(args)
    if rest[:1] == ["--db"] and len(rest) >= 2:
        db, rest = rest[1], rest[2:]
    elif rest[:1] and rest[0].startswith("--db="):
        db, rest = rest[0][len("--db=") :], rest[1:]
    if rest == ["today", "--prompt"]:
        return db
    return False


def app_args(args: list[str]) -> str | None | bool:
    """For `cramplog [--db PATH] [--debug]`: the `--db` value (or None); False for anything else.

    False too wherever click might answer differently: shell completion asking for words
    (`_CRAMPLOG_COMPLETE`), a repeated option, or a `--db` (or `$CRAMPLOG_DB`) that click's
    `Path(dir_okay=False)` refuses (a folder, an unreadable file), so click prints its error.
    """
    if os.environ.get("_CRAMPLOG_COMPLETE"):  # `completion.COMPLETE_VAR` (not imported: click)
        return False
    db: str | None = None
    given = 0
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token == "--debug" and "--debug" not in rest:
            continue
        if token == "--db" and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif token.startswith("--db="):
            db = token[len("--db=") :]
        else:
            return False
        given += 1
    if given > 1:
        return False
    chosen = db if db is not None else os.environ.get("CRAMPLOG_DB") or None
    if chosen is not None and os.path.exists(chosen) and (os.path.isdir(chosen) or not os.access(chosen, os.R_OK)):
        return False
    return db
