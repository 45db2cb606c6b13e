"""Provides `AppContext`: the journal, settings and clock a command needs, opened on demand.

Nothing is opened until asked for, so `cramplog --help` and `cramplog where` touch no file.
Bare `cramplog` builds one without click (`cli.main`), so click is imported here only when a
command needs it: `pass_app` is made on first use.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..domain.clock import Clock

if TYPE_CHECKING:
    from pathlib import Path

    from ..domain.entries import Entry
    from ..domain.settings import Settings
    from ..paths import JournalURL
    from ..storage.repository import JournalRepository


class AppContext:
    def __init__(self, db_override: str | None = None, debug: bool = False, clock: Clock | None = None) -> None:
        self.db_override = db_override
        self.debug = debug
        self._clock = clock
        self._repo: JournalRepository | None = None
        self.dry_run = False
        """Set by a command that ran as a dry run: it wrote nothing, so no automatic backup follows."""

    @cached_property
    def db_path(self) -> str | JournalURL:
        from ..paths import db_path

        return db_path(self.db_override)

    rescue = False
    """Set for a command that must work whatever the config file holds (`export`, `backup`): a
    file that can't be read costs a warning and the defaults, so the journal can still be saved."""

    @cached_property
    def settings(self) -> Settings:
        from ..config import load
        from ..errors import InvalidInput

        try:
            return load()
        except InvalidInput as exc:
            if not self.rescue:
                raise
            import sys

            from ..domain.fields import printable
            from ..domain.settings import Settings

            print(f"warning: {printable(str(exc))}; this command uses the default settings", file=sys.stderr)
            return Settings()

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            self._clock = Clock(self.settings.timezone) if self.settings.timezone else Clock()
        return self._clock

    @property
    def today(self) -> dt.date:
        """The current diary day: before the day boundary (04:00) it is still yesterday."""
        from ..domain.clock import diary_day

        return diary_day(self.clock.now(), self.clock.tz, self.settings.boundary)

    @property
    def repo(self) -> JournalRepository:
        if self._repo is None:
            from ..storage.repository import JournalRepository

            explicit = bool(self.db_override or os.environ.get("CRAMPLOG_DB"))
            self._repo = JournalRepository.open(
                self.db_path, create_folder=not explicit, adopt=explicit, day_boundary=self.settings.boundary
            )
            if self._repo.backup_made:
                import click

                from ..domain.fields import printable

                click.echo(
                    f"cramplog: journal upgraded; a copy of the old one is at {printable(self._repo.backup_made)}",
                    err=True,
                )
        return self._repo

    def journal_or_scratch(self, dry_run: bool) -> AbstractContextManager[JournalRepository]:
        """The journal; for a dry run on a journal not made yet, an empty one in a temporary
        folder instead (`JournalRepository.scratch`): a dry run creates nothing."""
        from contextlib import nullcontext

        self.dry_run = self.dry_run or dry_run
        if dry_run and isinstance(self.db_path, str) and not os.path.exists(self.db_path):
            from ..storage.repository import JournalRepository

            return JournalRepository.scratch(self.settings.boundary)
        return nullcontext(self.repo)

    def write_output(self, target: Path, content: bytes | Callable[[Path], None]) -> Path:
        """Write a file the user named (0600; never over the journal or its backups)."""
        from ..storage.backup import write_named

        return write_named(self.db_path, target, content)

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()
            self._repo = None

    def warn_red_flags(self, entry: Entry) -> None:
        """Print any red-flag notice this entry fires, after the entry's own line (stderr)."""
        import click

        from ..domain import redflags

        for flag in redflags.check_saved(entry, self.repo, self.clock.now()):
            click.echo(redflags.format_notice(flag), err=True)


if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    Command = TypeVar("Command", bound=Callable[..., Any])

    def pass_app(command: Command) -> Command:
        """Decorator giving a command the `AppContext` created by the group (`click.make_pass_decorator`)."""


def __getattr__(name: str) -> Any:
    """`pass_app`, made (with click) when the first command module asks for it."""
    if name == "pass_app":
        import click

        decorator = globals()["pass_app"] = click.make_pass_decorator(AppContext)
        return decorator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
