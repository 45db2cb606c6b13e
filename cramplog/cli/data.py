"""Provides `export`, `import`, `backup` and `restore`: the journal in and out, nothing lost.

Export formats: JSON (`schema/export.schema.json`) and a wide CSV, one row per entry.
Imports are all-or-nothing: every record is validated before one transaction writes them.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..domain.fields import printable, utf8
from ..errors import InvalidInput
from ..paths import file_path, not_special
from .context import AppContext, pass_app
from .fields import given


def _to_stdout(data: bytes) -> None:
    """An export is UTF-8 wherever it goes: a latin-1 terminal must not cost a character."""
    from . import is_utf8

    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or is_utf8(sys.stdout):
        click.echo(data.decode("utf-8"), nl=False)
    else:
        sys.stdout.flush()
        buffer.write(data)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: complete and re-importable; csv: one row per entry, for spreadsheets "
    "(without the planned experiments).",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
@pass_app
def export(app: AppContext, fmt: str, output: str | None) -> None:
    """Export the journal as JSON (complete, re-importable: every entry and planned experiment)
    or CSV (one row per entry, for spreadsheets; without the experiments).

    \b
    Examples:
      cramplog export -o cramplog.json
      cramplog export --format csv -o cramplog.csv
    """
    app.rescue = True  # a config file that can't be read must not keep the journal from being saved
    from ..storage.transfer import CSV_LEAVES_OUT, export_bytes

    data = export_bytes(app.repo, app.clock.now(), fmt)
    if output in (None, "-"):
        _to_stdout(data)
    else:
        written = app.write_output(file_path(output, "output"), data)
        click.echo(f"wrote {printable(str(written))}", err=True)
    if fmt == "csv" and app.repo.experiments():
        click.echo(f"note: the CSV leaves out the {CSV_LEAVES_OUT}", err=True)


class _AppOption(click.Option):
    """`import --app`: its help names the readers from `importers.detect.KINDS`, the one list,
    imported only when the help is shown (the importers cost ~90 ms: `export` never pays it)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from ..importers.detect import KINDS

        self.help = f"Read every file with this app's reader: {', '.join(KINDS)}."
        return super().get_help_record(ctx)


@click.command("import")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True)
@click.option("--app", "source", cls=_AppOption, metavar="NAME")
# `--from`, `--app`'s name in 0.1.0: hidden, and still read, so scripts written for it run on.
@click.option("--from", "old_source", metavar="NAME", hidden=True)
@click.option("--map", "mapping", metavar="MAP", help="Columns of a generic CSV, e.g. 'at=Date,amount_ml=Water'.")
@click.option("--kind", metavar="KIND", help="What a generic CSV's rows are (drink, run, food, ...).")
@click.option("--dry-run", is_flag=True, help="Run every check and report what would be added; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
def import_entries(
    app: AppContext,
    paths: tuple[str, ...],
    source: str | None,
    old_source: str | None,
    mapping: str | None,
    kind: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import files, folders and zip files: cramplog's own JSON export, FIT, GPX, TCX, a Strava
    bulk export, Apple Health, Cronometer, or any CSV with --map. All or nothing; importing the
    same files again adds nothing (see docs/import.md).

    \b
    Examples:
      cramplog import cramplog.json --dry-run
      cramplog import ~/Downloads/export_12345.zip
      cramplog import ~/Downloads/apple_health_export/export.zip
    """
    from ..storage.transfer import import_all, read_export

    source = _app_named(source, old_source)
    own, other = _own_exports(paths, source)
    batch = None
    match: Callable[[Any, Any], bool] | None = None
    if other:  # only then: the importers load fitdecode and their parsers
        from ..importers import read_paths
        from ..importers.records import matches

        match = matches

        with _progress() as progress:
            batch = read_paths(
                [file_path(p, "file") for p in other],
                source=source,
                tz=app.clock.tz_name,
                settings=app.settings,
                mapping=mapping,
                kind=kind,
                now=app.clock.now(),
                progress=progress,
            )
    exports = [read_export(_read_text(name), name, app.clock.now()) for name in own]
    records = [record for export in exports for record in export.entries]
    plans = [plan for export in exports for plan in export.plans]
    from ..importers.limits import MAX_ENTRIES, too_many

    if len(records) + (len(batch.records) if batch else 0) > MAX_ENTRIES:
        raise too_many()
    with app.journal_or_scratch(dry_run) as repo:
        result = import_all(repo, records, batch.records if batch else [], plans=plans, match=match, dry_run=dry_run)
    from ..importers.records import OVERLAPPING, Summary

    summary = batch.summary if batch else Summary()  # one summary, whatever was read
    summary.imported = Counter(result.added)
    summary.shoes = set(result.new_shoes)
    summary.already_there = result.already
    summary.filled = dict(result.filled)
    summary.filled_entries = result.filled_entries
    summary.experiments = result.experiments
    if result.overlapping:
        summary.skip(OVERLAPPING, len(result.overlapping))
    summary.files += len(own)
    if as_json:
        from .jsonout import emit

        off = [day.isoformat() for day in result.no_cramps_off]
        emit("import", {"dry_run": dry_run, **summary.to_dict(), "no_cramps_turned_off": off})
    else:
        click.echo(summary.line().replace("imported", "would import" if dry_run else "imported", 1))
        if result.no_cramps_off:
            click.echo(result.no_cramps_note(dry_run), err=True)
        for plan in result.overlapping:
            click.echo(
                f"skipped the experiment from {plan.start} to {plan.last}: its nights overlap an "
                "experiment in the journal (one experiment at a time)",
                err=True,
            )
        for said in batch.summary.unreadable if batch else ():
            click.echo(f"skipped {said}", err=True)
        for said in batch.summary.warnings if batch else ():
            click.echo(f"warning: {said}", err=True)
    if old_source is not None:  # after the work, so a refusal stays one line
        click.echo("note: import --from is now called --app; --from still works", err=True)


def _app_named(source: str | None, old_source: str | None) -> str | None:
    """`--app NAME`, or the same given by its old name `--from` (a note after the import names the new one)."""
    if old_source is None:
        return source
    if source is not None and source != old_source:
        raise InvalidInput(
            f"--app {printable(source)[:40]} and --from {printable(old_source)[:40]} disagree; give --app alone", "app"
        )
    return old_source


def _own_exports(paths: tuple[str, ...], source: str | None) -> tuple[list[str], list[str]]:
    """Split the paths: cramplog's own JSON exports (`-` is standard input) and the rest."""
    own, other = [], []
    for name in paths:
        path = not_special(file_path(name, "file"), "file") if name != "-" else Path(name)
        if name == "-" or (source is None and path.is_file() and _starts_like_json(path)):
            own.append(name)
        elif not path.exists():
            raise InvalidInput(f"cannot read {name}: no such file or folder", "file")
        else:
            other.append(name)
    return own, other


def _starts_like_json(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}", "file") from None


def _read_text(name: str) -> str:
    try:
        return sys.stdin.read() if name == "-" else file_path(name, "file").read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read {name}: {exc.strerror}", "file") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not a text file (expected a cramplog JSON export)", "file") from None


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress line on stderr for a person at a terminal, once the work passes a second."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        yield None
        return
    started = time.monotonic()
    shown = False

    def show(done: int, total: int) -> None:
        nonlocal shown
        if time.monotonic() - started > 1 and total:
            width = 30
            filled = width * done // total
            click.echo(
                f"\rreading {'#' * filled}{'.' * (width - filled)} {100 * done // total:3d}%", err=True, nl=False
            )
            shown = True

    try:
        yield show
    finally:
        if shown:
            click.echo("\r" + " " * 45 + "\r", err=True, nl=False)


@click.command()
@click.option("-o", "--output", metavar="FILE", help="Where to write (default: a dated file in the backups folder).")
@click.option(
    "--encrypt", is_flag=True, help="Encrypt it (age format; passphrase from a prompt or CRAMPLOG_PASSPHRASE)."
)
@click.option("--json", "as_json", is_flag=True, help="Print where it went as JSON (docs/json.md).")
@pass_app
def backup(app: AppContext, output: str | None, encrypt: bool, as_json: bool) -> None:
    """Save a consistent copy of the journal (the newest 10 are kept in the backups folder).

    With --encrypt the copy is an age file that `cramplog restore` (or `age -d`) decrypts with
    the passphrase. Automatic daily copies: see docs/backups.md.

    \b
    Examples:
      cramplog backup
      cramplog backup --encrypt -o ~/Sync/cramplog.db.age
    """
    app.rescue = True  # a config file that can't be read must not keep the journal from being saved
    from ..storage.backup import backup as make_backup
    from ..storage.backup import encrypted_backup, refuse_server

    journal = refuse_server(app.db_path)  # before asking for a passphrase
    target_path = None if output is None else file_path(given(output, "output"), "output")
    secret = _passphrase(confirm=True) if encrypt else None
    app.repo  # noqa: B018 - opens (and if needed migrates) the journal first
    if secret is not None:
        target = encrypted_backup(journal, target_path, secret)
    else:
        target = make_backup(journal, target_path)
    if as_json:
        from .jsonout import emit

        emit("backup", {"path": str(target), "encrypted": secret is not None, "bytes": target.stat().st_size})
        return
    click.echo(f"backed up to {printable(str(target))}" + (" (encrypted)" if secret is not None else ""))


def _passphrase(confirm: bool) -> str:
    """The passphrase: `CRAMPLOG_PASSPHRASE`, else asked for at a terminal."""
    import os

    secret = os.environ.get("CRAMPLOG_PASSPHRASE")
    if secret is None:
        if not sys.stdin.isatty():
            raise InvalidInput("a passphrase is needed: set CRAMPLOG_PASSPHRASE or run at a terminal", "passphrase")
        secret = click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm, err=True)
    if not secret:
        raise InvalidInput("the passphrase is empty", "passphrase")
    return utf8(secret, "the passphrase", "passphrase")


@click.command()
@click.argument("file", metavar="FILE")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def restore(app: AppContext, file: str, yes: bool) -> None:
    """Replace the journal with the backup FILE, after checking it whole; the current journal
    is saved in the backups folder first. An encrypted backup (age) asks for its passphrase
    (or reads CRAMPLOG_PASSPHRASE).

    \b
    Example:
      cramplog restore ~/.local/share/cramplog/backups/journal-20261124-080000.db
    """
    from ..paths import file_path
    from ..storage.backup import is_encrypted, read_candidate, refuse_server, staged

    journal = refuse_server(app.db_path)
    source = not_special(file_path(file, "file"), "file")
    data = read_candidate(source, _passphrase(confirm=False) if is_encrypted(source) else None)
    with staged(journal, source, data) as candidate:  # checked whole: refused here, nothing changed
        if not yes and not sys.stdin.isatty():  # EOF was exit 1 "aborted", while "n" was exit 2
            raise InvalidInput("add --yes to restore without a terminal to ask at; nothing changed", "yes")
        if not yes and not click.confirm(f"Replace {journal} with {source}?", default=False):
            raise InvalidInput("restore cancelled; nothing changed")
        app.close()
        saved = candidate.replace()
    app.repo  # noqa: B018 - reopen the restored journal
    note = f"; the journal it replaced is saved at {saved}" if saved else ""
    click.echo(printable(f"restored {journal} from {source}{note}"))
