"""Provides `EntryFormModal`: the one form every entry kind is logged and edited in.

The fields come from `cramplog.ui.forms`; this modal only lays them out, collects their texts and
marks the fields a parse refused. Enter saves (from any field), Escape cancels, and nothing is
written here: the modal hands a validated entry to its `save` (the app's, which saves it in a
worker) and waits for the answer.

Narrower than `STACK_BELOW` columns (a phone), each label goes over its field, and the buttons
and quick cups are thumb-sized.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static

from ...domain.entries import Entry
from ...errors import InvalidInput
from ..forms import NIGHT_ENDS, NIGHT_STARTS, FormContext, KindForm, Submitted, cramp_context, cup_text, cups
from ..key_order import KeysInOrder
from ..saving import SavingForm
from ..widgets.scroll_body import ScrollBody

STACK_BELOW = 61
"""Below this many columns a label goes over its field: beside it, a tick box's words
("pain persisted after the cramp eased", with its box 40 cells and one to spare) no longer fit."""
SAVE_HOLD_LIMIT = 2.0
"""Seconds keys typed after Enter wait for the save's answer. A save takes milliseconds, so keys
typed ahead go where they would have gone had it been instant (the next form, the dashboard); past
this, another cramplog is holding the journal, and the keys reach the form, which says it is
saving: Escape can't leave it, q quits once the entry is written. Keys that reach a saving form
do nothing else, so the wait is long enough for a save on a machine that is busy (the first of
the day also makes the day's copy): at 0.5 s, a burst of `c7⏎w⏎` x3 in a fresh-clone CI run
lost two cramps to a save that took longer."""


class FormCheckbox(Checkbox, inherit_bindings=False):
    """A checkbox toggled by Space or a click; Enter is left to the form, where it saves."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "toggle_button", "Toggle", show=False)]


class CupInput(Input):
    """The drink amount: ↑ and ↓ step through the quick-cup sizes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step_cup(1)", "Bigger cup", show=False),
        Binding("down", "step_cup(-1)", "Smaller cup", show=False),
    ]

    def action_step_cup(self, step: int) -> None:
        screen = self.screen
        if isinstance(screen, EntryFormModal):
            screen.step_cup(step)


SAVE = "save, from any field (the Save button too)"
DISCARD_KEYS = "d discard · esc keep editing"
"""The keys of the question a changed form asks on Escape (`ConfirmModal`)."""


class EntryFormModal(SavingForm, ModalScreen[Submitted | None]):
    """Log (or edit) one entry; dismisses with the validated entry (`Submitted`), or None when
    cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="form-cancel",
            tooltip=f"cancel; a form where you changed something asks first ({DISCARD_KEYS})",
        ),
        Binding("enter", "save", "Save", id="form-save", tooltip=SAVE),
        Binding("ctrl+s", "save", "Save", show=False, id="form-save-alt", tooltip=SAVE),
        # The app's q, inside the form: a modal stops the app's own bindings, and q while an entry is
        # being saved quits once it is written (`keys.allowed` lets it only then).
        Binding(
            "q",
            "app.quit",
            "Quit",
            show=False,
            id="form-quit",
            tooltip="while the entry is being saved (and only then): quit once it is written",
        ),
        # Priority: focus moves the moment Tab is read, so the digits typed right after it go
        # to the next field (not bubbling back from the field, after the next keys reached it).
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="form-next", tooltip="next field"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            show=False,
            priority=True,
            id="form-previous",
            tooltip="previous field",
        ),
    ]
    """The one statement of a form's keys: docs/tui.md's list reads their tooltips."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (STACK_BELOW, "-wide")]

    DEFAULT_CSS = """
    EntryFormModal { align: center middle; }
    EntryFormModal #form-dialog {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    EntryFormModal #form-title { text-style: bold; color: $primary; width: 1fr; }
    EntryFormModal #form-fields {
        layout: grid; grid-size: 2; grid-columns: 16 1fr; grid-rows: auto;
        height: auto; max-height: 1fr;
    }
    EntryFormModal .form-label { width: 16; height: 1; color: $text-muted; }
    EntryFormModal #form-fields Input, EntryFormModal #form-fields Checkbox { width: 1fr; height: 1; }
    EntryFormModal .form-label.-invalid { color: $error; text-style: bold; }
    EntryFormModal .form-error { color: $error; }
    EntryFormModal #form-hint { color: $text-muted; height: auto; margin-top: 1; }
    EntryFormModal.-saving #form-hint { color: $warning; text-style: bold; }
    EntryFormModal #cups { height: 1; margin-top: 1; }
    EntryFormModal #cups Button { margin-right: 1; min-width: 8; }
    EntryFormModal #form-buttons { height: 1; margin-top: 1; }
    EntryFormModal #form-buttons Button { margin-right: 2; }
    EntryFormModal.-narrow #form-fields { grid-size: 1; grid-columns: 1fr; }
    EntryFormModal.-narrow .form-label { width: 1fr; }
    EntryFormModal.-narrow .form-gap { display: none; }
    EntryFormModal.-narrow #cups { layout: grid; grid-size: 3; grid-rows: 1 3 3; grid-gutter: 0 1; height: auto; }
    EntryFormModal.-narrow #cups .form-label { column-span: 3; }
    EntryFormModal.-narrow #form-buttons { layout: grid; grid-size: 2; grid-rows: 3 1; grid-gutter: 0 1; height: auto; }
    EntryFormModal.-narrow #cups Button, EntryFormModal.-narrow #form-buttons Button {
        width: 1fr; height: 3; margin: 0;
    }
    EntryFormModal.-narrow #cups Button, EntryFormModal.-narrow #form-cancel { background: $panel; }
    EntryFormModal.-narrow #form-keys { column-span: 2; color: $text-muted; }
    """

    def __init__(
        self,
        form: KindForm,
        ctx: FormContext,
        entry: Entry | None = None,
        *,
        texts: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
        save: Callable[[EntryFormModal, Submitted], None] | None = None,
    ) -> None:
        """Args:
        form: the kind's field definitions.
        ctx: now, zone, units, shoes and last entries for parsing and defaults.
        entry: the entry to edit, or None to log a new one.
        texts: texts to prefill instead of the defaults (reopening after a refusal).
        errors: reasons to mark on open, by field name.
        save: saves the entry while the form waits for the journal's answer (`saved` or
            `save_failed`); None: the form dismisses with the entry, for its opener to save.
        """
        super().__init__()
        self._save = save
        self.form = form
        self.ctx = ctx
        self.entry = entry
        self.unchanged = form.initial(ctx, entry)
        """The texts of the form as first opened: Escape asks first once they differ."""
        self.initial = texts if texts is not None else self.unchanged
        self.as_stored = texts is None and entry is not None
        """Editing an entry as it is stored (not a refused save reopened): saving it unchanged is a no-op."""
        self.start_errors = errors or {}
        self.notes = form.notes(ctx) if entry is None and texts is None else {}
        """Why a default is what it is, by field, until the field is changed ("last", "night")."""

    @property
    def title_text(self) -> str:
        if self.entry is not None and self.entry.id is not None:
            return f"Edit {self.form.kind} #{self.entry.id}"
        return self.form.title

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Label(self.title_text, id="form-title")
            # A grid of labels and fields, not a row container per field: each widget costs
            # the form's opening its styling and layout (a dozen rows were a fifth of it).
            with ScrollBody(id="form-fields"):
                for spec in self.form.fields:
                    yield Label(self._label(spec.name), classes="form-label", id=f"label-{spec.name}")
                    choices = spec.suggest(self.ctx) if spec.suggest is not None else spec.choices
                    yield self._field_widget(spec.name, self.initial.get(spec.name, ""), spec.check, choices, spec.hint)
            if self.form.kind == "drink":
                with Horizontal(id="cups"):
                    yield Label("Quick cups ", classes="form-label")
                    for label, ml in cups(self.ctx.units):
                        yield Button(label, id=f"cup-{ml}", compact=True)
            yield Static("", id="form-hint", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save", id="form-save", variant="primary", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)
                yield Label("Enter saves · Esc cancels", id="form-keys")

    def _label(self, name: str) -> Content:
        """The field's label, with why its default is what it is: `Side (last)`, `Context (night)`."""
        spec = next(s for s in self.form.fields if s.name == name)
        note = self.notes.get(name)
        return Content.assemble(spec.label, (f" ({note})", "italic")) if note else Content(spec.label)

    def _note_hint(self, name: str) -> str:
        note = self.notes.get(name)
        if note == "last":
            return f"as your last {self.form.kind}; "
        if note == "night":
            return f"night: a cramp from {NIGHT_STARTS:%H:%M} to {NIGHT_ENDS:%H:%M} (or the day boundary); "
        return ""

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        """A default changed by hand no longer says why it was chosen; a cramp's new time moves
        a context the person has not touched to that time's (night or not)."""
        name = (event.input.id or "").removeprefix("field-")
        if name == "at" and self.form.kind == "cramp" and self.entry is None:
            self._context_for_time(event.value)
        elif name in self.notes and event.value != self.unchanged.get(name):
            del self.notes[name]
            self.query_one(f"#label-{name}", Label).update(self._label(name))

    def _context_for_time(self, text: str) -> None:
        field = self.query_one("#field-context", Input)
        if field.value != self.unchanged.get("context"):
            return  # typed by hand: it stays
        try:
            when = next(s for s in self.form.fields if s.name == "at").parse(text, self.ctx)
        except InvalidInput:
            return  # not a time yet
        context, why = cramp_context(when, self.ctx)
        self.unchanged["context"] = context  # the default for the time typed: Escape still asks (the time changed)
        field.value = context
        if why:
            self.notes["context"] = why
        else:
            self.notes.pop("context", None)
        self.query_one("#label-context", Label).update(self._label("context"))

    def _field_widget(self, name: str, text: str, check: bool, choices: tuple[str, ...], hint: str) -> Widget:
        wid = f"field-{name}"
        if check:
            return FormCheckbox(hint, value=text == "yes", id=wid, compact=True)
        suggester = SuggestFromList(choices, case_sensitive=False) if choices else None
        cls = CupInput if (self.form.kind == "drink" and name == "amount_ml") else Input
        return cls(text, id=wid, compact=True, suggester=suggester)

    def on_mount(self) -> None:
        if self.start_errors:
            self.show_errors(self.start_errors)
        else:
            self.query_one(f"#field-{self.form.fields[0].name}").focus()

    # -- reading and marking ---------------------------------------------------------------------

    def texts(self) -> dict[str, str]:
        """The current text of every field (checkboxes read "yes" or "")."""
        out: dict[str, str] = {}
        for spec in self.form.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Checkbox):
                out[spec.name] = "yes" if widget.value else ""
            else:
                assert isinstance(widget, Input)
                out[spec.name] = widget.value
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        """Mark each field in `errors` with its reason; clear the others; focus the first.

        A reason's line is mounted under its field only when there is one: a dozen hidden lines
        in every form were a tenth of the time it took to open.
        """
        names = [spec.name for spec in self.form.fields] + ["_form"]
        for name in names:
            reason = errors.get(name, "")
            shown = self.query(f"#error-{name}").results(Static)
            message = next(shown, None)
            text = f"↑ {reason}" if reason and name != "_form" else reason
            if not reason:
                if message is not None:
                    self.query(f"#gap-{name}").remove()
                    message.remove()
            elif message is not None:
                message.update(text)
            elif name == "_form":
                self.query_one("#form-dialog").mount(
                    Static(text, classes="form-error", id="error-_form", markup=False), before="#form-hint"
                )
            else:
                # Under the field, in its column: a blank cell under the label, then the reason.
                self.query_one("#form-fields").mount(
                    Static("", id=f"gap-{name}", classes="form-gap"),
                    Static(text, classes="form-error", id=f"error-{name}", markup=False),
                    after=f"#field-{name}",
                )
            if name != "_form":
                self.query_one(f"#label-{name}").set_class(bool(reason), "-invalid")
        first = next((n for n in names if n in errors and n != "_form"), None)
        if first is not None:
            self.query_one(f"#field-{first}").focus()

    @property
    def errors(self) -> dict[str, str]:
        """The reasons currently shown, by field (for tests and screen readers)."""
        shown = {}
        for message in self.query(".form-error").results(Static):
            shown[(message.id or "").removeprefix("error-")] = str(message.render()).removeprefix("↑ ")
        return shown

    # -- actions ---------------------------------------------------------------------------------

    @property
    def changed(self) -> bool:
        """Whether any field differs from the form as first opened (reopened after a refusal,
        what was typed before still counts: Escape asks before discarding it)."""
        return any(self.unchanged.get(name, "") != text for name, text in self.texts().items())

    def action_save(self) -> None:
        if self.saving:
            return
        submitted, errors = self.form.submit(self.texts(), self.ctx, self.entry)
        if submitted is None:
            self.show_errors(errors)
        elif self.as_stored and submitted.new_shoe is None and submitted.entry == self.entry:  # nothing to write
            self.app.notify("No changes to save.", markup=False)
            self.dismiss(None)
        else:
            if self._save is None:  # no save to wait for: the opener saves the result
                self.dismiss(submitted)
                return
            self._show_saving(True)
            self._save(self, submitted)  # keys typed meanwhile wait for the save: the form closes, or says why not

    # -- a save in progress: the form stays until the journal says yes or no --------------------

    _save_hold: int | None = None
    """Keys typed while the save is written wait for its answer (the app's key rule)."""

    def _show_saving(self, saving: bool) -> None:
        self.saving = saving
        if saving and self._save_hold is None and isinstance(self.app, KeysInOrder):
            self._save_hold = self.app.hold_keys(limit=SAVE_HOLD_LIMIT)
        for widget in self.query("#form-fields Input, #form-fields Checkbox, #form-buttons Button, #cups Button"):
            widget.disabled = saving
        self.set_class(saving, "-saving")
        self.query_one("#form-hint", Static).update(
            "Saving… (waiting for the journal: another cramplog is writing to it)" if saving else ""
        )

    def saved(self) -> None:
        """The entry is in the journal: close."""
        self.saving = False
        self.dismiss(None)
        self._release_keys()

    def _release_keys(self) -> None:
        token, self._save_hold = self._save_hold, None
        if token is not None and isinstance(self.app, KeysInOrder):
            self.app.release_keys(token)

    def save_failed(self, errors: dict[str, str]) -> None:
        """The journal refused or failed: the form stays, with what was typed and why."""
        self._show_saving(False)
        self.show_errors(errors)
        if not any(name != "_form" for name in errors):
            self.query_one(f"#field-{self.form.fields[0].name}").focus()
        self._release_keys()

    def action_cancel(self) -> None:
        """Close without saving; a form with changes asks first."""
        if self.saving:
            self.app.notify("Still saving: the form closes once the entry is written, or says why not.", markup=False)
            return
        if not self.changed:
            self.dismiss(None)
            return
        from .confirm import ConfirmModal

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmModal("Discard what you typed?", DISCARD_KEYS), answered)

    def step_cup(self, step: int) -> None:
        """Move the amount to the next bigger (1) or smaller (-1) quick cup."""
        field = self.query_one("#field-amount_ml", Input)
        sizes = [ml for _, ml in cups(self.ctx.units)]
        try:
            current = self.form.fields[0].parse(field.value, self.ctx)
        except Exception:
            current = sizes[1]
        if step > 0:
            bigger = [ml for ml in sizes if ml > current]
            chosen = bigger[0] if bigger else sizes[-1]
        else:
            smaller = [ml for ml in sizes if ml < current]
            chosen = smaller[-1] if smaller else sizes[0]
        field.value = cup_text(chosen, self.ctx.units)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(Button.Pressed, "#cups Button")
    def _cup_pressed(self, event: Button.Pressed) -> None:
        """A quick cup saves the drink at that size straight away."""
        event.stop()
        ml = int((event.button.id or "cup-250").removeprefix("cup-"))
        self.query_one("#field-amount_ml", Input).value = cup_text(ml, self.ctx.units)
        self.action_save()

    def on_descendant_focus(self, event: object) -> None:
        """Show the focused field's hint (the choices or accepted formats) below the form."""
        if self.saving:  # the line says "Saving…" until the journal answers
            return
        focused = self.focused
        hint = ""
        if focused is not None and (focused.id or "").startswith("field-"):
            name = (focused.id or "").removeprefix("field-")
            spec = next((s for s in self.form.fields if s.name == name), None)
            hint = self._note_hint(name) + spec.hint if spec is not None else ""
        self.query_one("#form-hint", Static).update(hint)
