"""Provides `export`, `import`, `backup` and `restore`: the journal in and out, nothing lost.

Export formats: JSON (`schema/export.schema.json`) and a wide CSV, one row per entry.
Imports are all-or-nothing: every record is validated before one transaction writes them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..domain import entries as E
from ..errors import InvalidInput
from .context import AppContext, pass_app

EXPORT_FORMAT = "cramplog-export"
EXPORT_VERSION = 1


def export_document(entries: list[E.Entry], now: dt.datetime) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now.isoformat(),
        "generator": f"cramplog {__version__}",
        "entries": [E.to_dict(e) for e in entries],
    }


def csv_text(entries: list[E.Entry]) -> str:
    columns = ["id", "kind", "at", "tz", "note"]
    for kind in E.KINDS:
        columns += [c for c in E.field_names(kind) if c not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        row = E.to_dict(entry)
        row = {k: (";".join(v) if isinstance(v, list) else v) for k, v in row.items()}
        writer.writerow(row)
    return out.getvalue()


def _write(text: str, output: str | None) -> None:
    if output in (None, "-"):
        click.echo(text, nl=False)
        return
    path = Path(output)
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name", "output")
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}", "output") from None
    click.echo(f"wrote {path}", err=True)


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
    entries = app.repo.entries()
    if fmt == "json":
        text = json.dumps(export_document(entries, app.clock.now()), indent=2, ensure_ascii=False) + "\n"
    else:
        text = csv_text(entries)
    _write(text, output)


@click.command("import")
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="Check the file and report what would be added; write nothing.")
@pass_app
def import_entries(app: AppContext, file: str, dry_run: bool) -> None:
    """Import entries from a cramplog JSON export (all or nothing).

    Entries get new IDs; runs keep pointing at their shoes.

    \b
    Example:
      cramplog import cramplog.json --dry-run
    """
    records = _read_export(file)
    parsed: list[E.Entry] = []
    for n, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise InvalidInput(f"entry {n} in {file} is not an object")
        try:
            parsed.append(E.from_dict({**record, "id": None}))
        except InvalidInput as exc:
            raise InvalidInput(f"entry {n} in {file} ({record.get('kind')}): {exc}") from None
    old_ids = [r.get("id") for r in records]
    counts: dict[str, int] = {}
    for entry in parsed:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "nothing"
    if dry_run:
        click.echo(f"would import {len(parsed)} entries: {summary}")
        return
    _import(app, parsed, old_ids)
    click.echo(f"imported {len(parsed)} entries: {summary}")


def _read_export(file: str) -> list[Any]:
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as exc:
        raise InvalidInput(f"cannot read {file}: {exc.strerror}", "file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{file} is not valid JSON: {exc}", "file") from None
    if isinstance(data, dict) and data.get("format") == EXPORT_FORMAT:
        if data.get("version") != EXPORT_VERSION:
            raise InvalidInput(f"{file} is export version {data.get('version')}; this cramplog reads {EXPORT_VERSION}")
        data = data.get("entries")
    if not isinstance(data, list):
        raise InvalidInput(f"{file} is not a cramplog export (expected a list of entries)", "file")
    return data


def _import(app: AppContext, parsed: list[E.Entry], old_ids: list[Any]) -> None:
    """Shoes first (so runs can point at their new IDs), then the rest, in one transaction."""
    shoe_map: dict[Any, int | None] = {}
    shoes = [(old, e) for old, e in zip(old_ids, parsed, strict=True) if isinstance(e, E.Shoe)]
    others = [e for e in parsed if not isinstance(e, E.Shoe)]
    with app.repo.bulk() as add:
        for old, shoe in shoes:
            shoe_map[old] = add(shoe).id
        for entry in others:
            if isinstance(entry, E.Run) and entry.shoe_id is not None:
                if entry.shoe_id not in shoe_map:
                    raise InvalidInput(f"a run refers to shoe {entry.shoe_id}, which is not in the file")
                entry = entry.replace(shoe_id=shoe_map[entry.shoe_id])
            add(entry)


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
    target = make_backup(app.db_path, Path(output) if output else None)
    click.echo(f"backed up to {target}")


@click.command()
@click.argument("file", metavar="FILE")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def restore(app: AppContext, file: str, yes: bool) -> None:
    """Replace the journal with the backup FILE (the current journal is backed up first).

    \b
    Example:
      cramplog restore ~/.local/share/cramplog/backups/journal-20261124-080000.db
    """
    from ..storage.backup import backup as make_backup
    from ..storage.backup import check_journal_file, copy_database

    source = Path(file)
    check_journal_file(source)
    if not yes and not click.confirm(f"Replace {app.db_path} with {source}?", default=False):
        raise InvalidInput("restore cancelled; nothing changed")
    saved = make_backup(app.db_path) if app.db_path.exists() else None
    app.close()
    copy_database(source, app.db_path)
    app.repo  # noqa: B018 - reopen: migrates the restored journal if it is older
    note = f" (previous journal saved at {saved})" if saved else ""
    click.echo(f"restored {app.db_path} from {source}{note}")
