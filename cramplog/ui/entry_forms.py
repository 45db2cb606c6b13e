"""Provides `EntryForms`: the entry form as the app opens it, and the form's save.

A form opens with what it needs to parse and prefill (`context`: now, the zone, units, shoes,
the last entries). A submitted form stays open, saying "Saving…", until the journal answers:
then it closes (`JournalWrites.saved`) or shows why not (`save_failed`), and a form already
closed is opened again with what was typed, so that nothing typed is lost. The form and its
rules are imported right after the first paint (`prepare`): the first `c` opens it at once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..domain import entries as E
from . import loaders
from .dashboard_feed import DashboardFeed
from .journal_writes import JournalWrites
from .messages import EntrySaveFailed
from .open_journal import OpenJournal
from .pending_writes import PendingWrites

if TYPE_CHECKING:
    from .forms import FormContext, Submitted
    from .modals.entry_form import EntryFormModal


class EntryForms:
    """Opens entry forms and carries their saves to the journal."""

    def __init__(
        self, app: App[Any], journal: OpenJournal, feed: DashboardFeed, writes: JournalWrites, pending: PendingWrites
    ) -> None:
        self.app = app
        self.journal = journal
        self.feed = feed
        self.writes = writes
        self.pending = pending

    def context(self) -> FormContext:
        """Now, zone, units, shoes and last entries: what a form needs to parse and prefill."""
        from .forms import FormContext

        clock, settings, data = self.journal.clock, self.journal.settings, self.feed.data
        return FormContext(
            now=clock.now(),
            tz_name=clock.tz_name,
            tz=clock.tz,
            today=loaders.current_day(clock, settings),
            units=settings.units,
            shoes=tuple(data.shoes) if data else (),
            last=dict(data.last) if data else {},
            cramp_today=bool(data and data.summary.cramps_today),
            boundary=settings.boundary,
        )

    def open(
        self,
        kind: str,
        entry: E.Entry | None = None,
        *,
        texts: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
    ) -> None:
        """Open the form of `kind` (editing `entry` when given)."""
        from .forms import FORMS
        from .modals.entry_form import EntryFormModal

        modal = EntryFormModal(FORMS[kind], self.context(), entry, texts=texts, errors=errors, save=self.save_from)
        self.app.push_screen(modal, self._closed)

    def _closed(self, submitted: Submitted | None) -> None:
        if submitted is not None:
            self.writes.save(submitted.entry, submitted.new_shoe)

    def save_from(self, form: EntryFormModal, submitted: Submitted) -> None:
        """Save a form's entry while the form stays open, until the journal answers."""
        self.pending.form = form
        self.writes.save(submitted.entry, submitted.new_shoe)

    def save_failed(self, message: EntrySaveFailed) -> None:
        """The journal refused the entry or could not write it: the form shows why, with what was
        typed (reopened if it was closed meanwhile)."""
        from .forms import FORMS

        form = FORMS[message.entry.kind]
        field = message.field if message.field in {f.name for f in form.fields} else "_form"
        self.pending.keep_open("Not saved")
        if message.environment:
            self.app.notify(
                f"{message.error}. What you typed is still in the form: press Enter to try "
                "again, or Escape to discard it.",
                severity="error",
                markup=False,
                timeout=10,
            )
        waiting = self.pending.take_form()
        if waiting is not None and waiting.is_attached:
            waiting.save_failed({field or "_form": message.error})
            return
        texts = form.initial(self.context(), message.entry)
        if message.new_shoe is not None:
            texts["shoe_id"] = message.new_shoe
        self.open(
            message.entry.kind,
            message.entry if message.entry.id is not None else None,
            texts=texts,
            errors={field or "_form": message.error},
        )

    def prepare(self) -> None:
        """Import the entry form now the dashboard is painted, so the first `c` opens it at once.

        About 20 ms of imports, taken while the user reads the dashboard rather than before it
        shows or after their first key; keys that arrive meanwhile wait in order, as always.
        """
        importlib.import_module(".modals.entry_form", __package__)
