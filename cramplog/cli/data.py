"""Provides `export`, `import`, `backup` and `restore`: the journal in and out, nothing lost.

Export formats: JSON (`schema/export.schema.json`) and a wide CSV, one row per entry.
Imports are all-or-nothing: every record is validated before one transaction writes them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import InvalidInput
from .context import AppContext, pass_app

def _write(app: AppContext, text: str, output: str | None) -> None:
    if output in (None, "-"):
        click.echo(text, nl=False)
        return
    written = app.write_output(Path(output).expanduser(), text.encode("utf-8"))
    click.echo(f"wrote {written}", err=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
@pass_app
def export(app: AppContext, fmt: str, output: str | None) -> None:
    """Export every entry as JSON (complete, re-importable) or CSV (for spreadsheets).

    \b
    Examples:
      cramplog export -o cramplog.json
      cramplog export --format csv -o cramplog.csv
    """
    from ..storage.transfer import csv_text, export_document

    entries = app.repo.entries()
    if fmt == "json":
        document = export_document(entries, app.clock.now(), f"cramplog {__version__}")
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        text = csv_text(entries)
    _write(app, text, output)


@click.command("import")
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="Check the file and report what would be added; write nothing.")
@pass_app
def import_entries(app: AppContext, file: str, dry_run: bool) -> None:
    """Import entries from a cramplog JSON export (all or nothing).

    Entries get new IDs but keep their stable uid: importing the same export again adds
    nothing, and runs keep pointing at their shoes (matched by uid, or by name).

    \b
    Example:
      cramplog import cramplog.json --dry-run
    """
    from ..storage.transfer import import_export, read_export

    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read {file}: {exc.strerror}", "file") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{file} is not a text file (expected a cramplog JSON export)", "file") from None
    result = import_export(app.repo, read_export(text, file), dry_run=dry_run)
    click.echo(f"{'would import' if dry_run else 'imported'} {result.summary()}")


@click.command()
@click.option("-o", "--output", metavar="FILE", help="Where to write (default: a dated file in the backups folder).")
@pass_app
def backup(app: AppContext, output: str | None) -> None:
    """Save a consistent copy of the journal (the newest 10 are kept in the backups folder).

    \b
    Example:
      cramplog backup
    """
    from ..storage.backup import backup as make_backup

    app.repo  # noqa: B018 - opens (and if needed migrates) the journal first
    target = make_backup(app.db_path, Path(output).expanduser() if output else None)
    click.echo(f"backed up to {target}")


@click.command()
@click.argument("file", metavar="FILE")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def restore(app: AppContext, file: str, yes: bool) -> None:
    """Replace the journal with the backup FILE, after checking it whole; the current journal
    is saved in the backups folder first.

    \b
    Example:
      cramplog restore ~/.local/share/cramplog/backups/journal-20261124-080000.db
    """
    from ..storage.backup import check_journal_file
    from ..storage.backup import restore as restore_journal

    source = Path(file).expanduser()
    check_journal_file(source)
    if not yes and not click.confirm(f"Replace {app.db_path} with {source}?", default=False):
        raise InvalidInput("restore cancelled; nothing changed")
    app.close()
    saved = restore_journal(app.db_path, source)
    app.repo  # noqa: B018 - reopen: migrates the restored journal if it is older
    note = f"; the journal it replaced is saved at {saved}" if saved else ""
    click.echo(f"restored {app.db_path} from {source}{note}")
