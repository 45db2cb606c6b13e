"""Provides the files the app writes when asked from the palette: the clinician report, the
export and the backup; `OutputFiles` asks where, starts the writing and says when it is done,
`write_*` write in a worker thread.

Each writer returns the message that says how it went (`FileWritten` or `JournalFailed`). The
user's files go through `storage.backup.write_named` (0600, never over the journal).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.message import Message

from ..analysis.trends import DEFAULT_WEEKS
from ..domain.clock import Clock
from ..domain.settings import Settings
from ..errors import CramplogError
from ..paths import JournalURL
from ..storage.repository import JournalRepository
from . import loaders
from .messages import FileWritten, JournalFailed
from .open_journal import OpenJournal
from .workers import post_from_thread


class OutputFiles:
    """Asks where a file goes, says that its (slow) writing started and then where it went."""

    def __init__(self, app: App[Any], journal: OpenJournal) -> None:
        self.app = app
        self.journal = journal
        self.working = False
        """A report or export is being written (its progress toast is up)."""

    def report(self) -> None:
        """Write the clinician report (the last `DEFAULT_WEEKS` weeks) to a file, then preview it."""
        self.ask_path(
            f"Clinician report for the last {DEFAULT_WEEKS} weeks (.pdf, .html or .md): write it to",
            f"cramplog-report-{self.journal.clock.today()}.pdf",
            self._write_report,
            "Writing the report…",
        )

    def export(self) -> None:
        """Export every entry as JSON (complete, re-importable)."""
        self.ask_path(
            "Export every entry (JSON) to",
            f"cramplog-export-{self.journal.clock.today()}.json",
            self._write_export,
            "Exporting every entry…",
        )

    def backup(self) -> None:
        """Save a consistent copy of the journal in the backups folder."""
        self.app.notify("Backing up…", timeout=2)
        post_from_thread(self.app, "files", "Backing up", write_backup, self.journal.db_path)

    def _write_report(self, target: Path) -> None:
        journal = self.journal
        post_from_thread(
            self.app, "files", "Writing the report", write_report, journal.repo, journal.settings, journal.clock, target
        )

    def _write_export(self, target: Path) -> None:
        post_from_thread(self.app, "files", "Exporting", write_export, self.journal.repo, self.journal.clock, target)

    def ask_path(self, title: str, default_name: str, then: Callable[[Path], None], progress: str) -> None:
        """Ask where to write; a file already there is replaced only when the user says so; then
        say that the writing has started, and start it (`then`)."""
        from .modals.confirm import ConfirmModal
        from .modals.output import PathPromptModal

        app = self.app

        def start(path: Path) -> None:
            app.notify(progress, timeout=60)
            self.working = True
            then(path)

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if not path.is_file():
                start(path)
                return

            def replace(yes: bool | None) -> None:
                if yes:
                    start(path)
                else:
                    app.push_screen(PathPromptModal(title, path), chosen)

            app.push_screen(ConfirmModal(f"{path} exists. Replace it?", "y replace · esc choose another name"), replace)

        app.push_screen(PathPromptModal(title, Path.home() / default_name), chosen)

    def written(self, message: FileWritten) -> None:
        """Say where the file went; a report opens in a preview."""
        if self.working:  # "Writing the report…" is over
            self.working = False
            self.app.clear_notifications()
        if message.preview is None:
            self.app.notify(message.where, markup=False, timeout=8)
            return
        from .modals.output import PreviewModal

        self.app.push_screen(PreviewModal(message.where, message.preview))


def write_report(repo: JournalRepository, settings: Settings, clock: Clock, target: Path) -> Message:
    """Write the clinician report for the last `DEFAULT_WEEKS` weeks, today's diary day included,
    to `target` (its format by the file's extension), with a Markdown preview."""
    from ..analysis.report import build_report
    from ..analysis.report_format import format_for, render, write
    from ..analysis.trends import weeks_back
    from ..domain.paper import paper_for
    from ..storage.backup import write_named

    try:
        end = loaders.current_day(clock, settings)
        start = weeks_back(end)
        paper = paper_for(settings.paper, clock.tz_name)
        doc = build_report(repo, settings, clock, start, end, paper=paper)
        written = write_named(repo.path, target, write(doc, format_for(target.suffix)))
        preview = render(doc, "md")
    except CramplogError as exc:
        return JournalFailed(f"Report not written: {exc}")
    return FileWritten(f"Report for {start} to {end} saved to {written}", preview)


def write_export(repo: JournalRepository, clock: Clock, target: Path) -> Message:
    """Write the journal to `target` as JSON (complete, re-importable: entries and experiments)."""
    from ..storage.backup import write_named
    from ..storage.transfer import export_bytes

    try:
        data = export_bytes(repo, clock.now())
        written = write_named(repo.path, target, data)
    except CramplogError as exc:
        return JournalFailed(f"Export not written: {exc}")
    return FileWritten(f"Exported {repo.count()} entries to {written}", None)


def write_backup(db_path: Path | JournalURL | None) -> Message:
    """Save a consistent copy of the journal in the backups folder."""
    from ..storage.backup import backup

    try:
        if db_path is None:
            raise CramplogError("no journal file to back up")
        written = backup(db_path)
    except CramplogError as exc:
        return JournalFailed(f"Backup failed: {exc}")
    return FileWritten(f"Backed up to {written}", None)
