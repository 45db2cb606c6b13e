"""Provides `cramplog config` (get, set, list the settings) and `cramplog where` (paths)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from ..domain.fields import printable
from ..errors import CramplogError
from .context import AppContext, pass_app
from .jsonout import JSON_FLAG, emit

if TYPE_CHECKING:
    from ..domain.settings import Settings


@click.group()
def config() -> None:
    """Show or change settings (targets, units, day boundary, shoe life, thresholds).

    \b
    Examples:
      cramplog config list
      cramplog config get targets.beverage_ml
      cramplog config set targets.sex female
      cramplog config set journal.day_boundary 05:00
    """


def _settings(app: AppContext) -> Settings:
    """The settings, or the defaults with a warning when the file can't be read."""
    from ..domain.settings import Settings
    from ..errors import InvalidInput

    try:
        return app.settings
    except InvalidInput as exc:
        click.echo(f"warning: {exc}; showing the defaults", err=True)
        return Settings()


@config.command("list")
@JSON_FLAG
@pass_app
def config_list(app: AppContext, as_json: bool) -> None:
    """Every setting with its value and what it means."""
    import dataclasses

    from ..domain.settings import Settings

    settings = _settings(app)
    if as_json:
        _emit_config(settings)
        return
    for f in dataclasses.fields(Settings):
        key = f"{f.metadata['section']}.{f.name}"
        click.echo(f"{key:<30} {settings.get(key)!s:<14} {f.metadata['doc']}")


def _emit_config(settings: Settings, key: str | None = None) -> None:
    """`cramplog.config/1`: every setting, or the one called `key`."""
    import dataclasses

    from ..domain.settings import Settings
    from ..paths import config_file

    defaults = Settings()
    rows = [
        {
            "key": f"{f.metadata['section']}.{f.name}",
            "value": settings.get(f.name),
            "default": defaults.get(f.name),
            "doc": f.metadata["doc"],
        }
        for f in dataclasses.fields(Settings)
    ]
    wanted = [r for r in rows if key is None or key in (r["key"], str(r["key"]).split(".", 1)[1])]
    emit("config", {"file": str(config_file()), "settings": wanted})


def _keys() -> list[tuple[str, str]]:
    """(key, what it means and takes) for every setting, from the declarations in
    `domain/settings.py`: a range or a short list of words is added where the words don't say it."""
    import dataclasses

    from ..domain.settings import Settings, stored_unit

    rows = []
    for f in dataclasses.fields(Settings):
        meta, doc = f.metadata, f.metadata["doc"]
        unit = stored_unit(f.name)
        if meta["low"] is not None:
            doc += f"; {meta['low']:g} to {meta['high']:g}{' ' + unit if unit else ''}"
        elif meta["choices"] and len(meta["choices"]) <= 4 and not all(c in doc for c in meta["choices"]):
            doc += f"; {', '.join(meta['choices'])}"
        default = f"{f.default:g}" if isinstance(f.default, float) else f.default or "empty"
        rows.append((f"{meta['section']}.{f.name}", f"{doc} (default {default})"))
    return rows


class _KeyCommand(click.Command):
    """`config get` and `config set`: their help names every key, read when the help is shown."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Keys"):
            formatter.write_dl(_keys())
        super().format_epilog(ctx, formatter)


@config.command("get", cls=_KeyCommand)
@click.argument("key")
@JSON_FLAG
@pass_app
def config_get(app: AppContext, key: str, as_json: bool) -> None:
    """Print the value of KEY (the keys are listed below); with --json, the setting as
    `config list --json` shows it (typed, with its default).

    \b
    Examples:
      cramplog config get targets.beverage_ml
      cramplog config get targets.sex --json
    """
    settings = _settings(app)
    value = settings.get(key)  # an unknown key: one error line
    if as_json:
        _emit_config(settings, key)
        return
    click.echo(value)


@config.command("set", cls=_KeyCommand, context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")  # `-1` is a value here (refused by its range), not an unknown option
@pass_app
def config_set(app: AppContext, key: str, value: str) -> None:
    """Set KEY to VALUE (validated; the file is only written if the value is valid). The keys,
    what each means and the values it takes are listed below; `cramplog config list` shows
    the values now.

    \b
    Examples:
      cramplog config set targets.beverage_ml 2000
      cramplog config set display.units imperial
      cramplog config set journal.day_boundary 05:00
    """
    from ..config import missing_folder, set_value

    settings, moved = set_value(key, value)
    if moved is not None:
        click.echo(
            f"the config file could not be read; it was kept as {printable(str(moved))} and a new one started", err=True
        )
    click.echo(f"{key} = {settings.get(key)}")
    if key == "journal.day_boundary":
        _warn_contradictions(app, settings)
    if key == "backups.folder" and (missing := missing_folder(settings)) is not None:
        click.echo(
            f"note: {printable(str(missing))} does not exist yet; it is made with the first daily copy "
            "(a warning then says so if it can't be)",
            err=True,
        )


def _warn_contradictions(app: AppContext, settings: Settings) -> None:
    """Name the days a new boundary gave both a cramp and a "no cramps" check-in (the journal
    must exist already: setting a value never creates one)."""
    from ..domain.summary import contradiction_note
    from ..paths import JournalURL

    if not isinstance(app.db_path, JournalURL) and not os.path.exists(app.db_path):
        return
    try:
        app.settings = settings  # the journal opens with the new boundary
        note = contradiction_note(app.repo.contradictions())
    except CramplogError:
        return  # the setting is saved; a journal that can't be read now is no reason to fail it
    if note:
        click.echo(f"note: {note}", err=True)


@config.command("reset")
def config_reset() -> None:
    """Go back to the default settings (the old file is kept beside the new one)."""
    from ..config import reset

    moved = reset()
    click.echo(
        f"settings reset to the defaults; the old file is kept as {printable(str(moved))}"
        if moved
        else "settings are already the defaults"
    )


@click.command()
@JSON_FLAG
@pass_app
def where(app: AppContext, as_json: bool) -> None:
    """Print where the journal, its data directory, the config file and the docs are.

    The docs folder holds the docs/*.md that help and messages name (installed with cramplog).
    """
    from ..paths import config_file, docs_dir, folder_of

    docs = docs_dir()
    if as_json:
        from ..storage.backup_names import backups_folder

        journal = app.db_path
        file = journal if isinstance(journal, str) else None
        emit(
            "where",
            {
                "journal": str(journal),
                "data": folder_of(journal),
                "config": config_file(),
                "backups": backups_folder(file) if file else None,
                "journal_exists": os.path.isfile(file) if file else None,
                "docs": str(docs) if docs else None,
            },
        )
        return
    click.echo(f"journal: {printable(str(app.db_path))}")
    click.echo(f"data:    {printable(folder_of(app.db_path))}")
    click.echo(f"config:  {printable(str(config_file()))}")
    click.echo(f"docs:    {printable(str(docs)) if docs else 'not installed'}")
    from ..folders import ignored

    for name in ignored():
        click.echo(f"note: ${name} is not an absolute path, so it is ignored (as the XDG spec says)", err=True)
