"""Provides `FirstRunModal`: the questions a new journal asks once, over the dashboard, and
`save_answers`, which writes them in a worker.

Units (guessed from the locale: a US user starts in fl oz and miles), whose published references
the fluid and mineral targets start from, the time zone, when a diary day starts, and whether to
install the evening reminder. Every answer is checked by the setting's own rule
(`Settings.with_value`) before anything is written; Escape skips them all. Either way it is not
asked again (the app remembers it in `first_run.json`), and Settings (`o`) changes each answer.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from ...domain.record import record
from ...domain.reminder import REMINDER_AT, WHAT
from ...domain.settings import Settings
from ...domain.zones import local_zone_name
from ...errors import CramplogError, InvalidInput
from ..messages import FirstRunSaved, JournalFailed
from ..setting_words import LABELS, choices, hint
from ..widgets.tap_bar import TapBar
from .entry_form import FormCheckbox

IMPERIAL_COUNTRIES = ("US", "LR", "MM")
"""Countries that measure drinks in fluid ounces and runs in miles."""
REMINDER = f"remind me at {REMINDER_AT} on days with nothing logged"
REMINDER_SHORT = f"remind me at {REMINDER_AT} if nothing is logged"
"""The tick box's words; the short ones where the long ones don't fit (a tick box's words take
one line)."""
LABEL_CELLS = 19
"""A question's label column: the longest Settings label ("New day starts at") and a space."""
BOX_CELLS = 5
"""What a compact tick box takes beside its words: "▐X▌ " and the cell it keeps free at its right
(words one cell wider than its width less 4 were cut: "… is logge…")."""
STACK_BELOW = 4 + LABEL_CELLS + BOX_CELLS + cell_len(REMINDER_SHORT)
"""Below this many columns each question goes over its answer: beside it, the tick box (after the
dialog's border and padding, 4, and the labels) has less room than its short words need."""


class ReminderBox(FormCheckbox):
    """The reminder's tick box, its words as long as its width holds."""

    def on_resize(self) -> None:
        self.label = REMINDER if self.size.width >= cell_len(REMINDER) + BOX_CELLS else REMINDER_SHORT


QUESTIONS = ("display.units", "targets.sex", "journal.timezone", "journal.day_boundary")
"""The settings asked, in order: each under its Settings label, said in its Settings words
(`setting_words`), so a question and the setting it sets read alike."""
REMINDER_HINT = f"{WHAT}, at {REMINDER_AT}. Space ticks it."


def guess_units(environ: Mapping[str, str]) -> str:
    """Imperial where the locale's country measures in fluid ounces and miles (`en_US.UTF-8`),
    else metric; the first of LC_ALL, LC_MEASUREMENT, LANG that is set decides."""
    for name in ("LC_ALL", "LC_MEASUREMENT", "LANG"):
        value = environ.get(name, "")
        if value:
            country = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "imperial" if country in IMPERIAL_COUNTRIES else "metric"
    return "metric"


@record
class FirstRunAnswers:
    """The settings answered (only those that differ from what is in force) and the reminder."""

    values: dict[str, str]
    reminder: str | None
    """The time to remind at, or None for no reminder."""


def first_values(settings: Settings, environ: Mapping[str, str]) -> dict[str, str]:
    """What each question starts with: the settings in force, units guessed from the locale, the
    machine's zone when none is set."""
    return {
        "display.units": settings.units if settings.units != "metric" else guess_units(environ),
        "targets.sex": settings.sex,
        "journal.timezone": settings.timezone or local_zone_name(),
        "journal.day_boundary": settings.day_boundary,
    }


def answers(settings: Settings, texts: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The answers that change something, each checked by its setting's own rule; and the reasons
    of those refused (nothing is written unless all pass). The machine's own zone is left unset, so
    the journal follows the computer when it travels."""
    changed: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key, text in texts.items():
        raw = text.strip()
        if key == "journal.timezone" and raw in ("", local_zone_name()):
            raw = ""
        try:
            value = str(settings.with_value(key, raw).get(key))
        except InvalidInput as exc:
            errors[key] = str(exc)
            continue
        if value != str(settings.get(key)):
            changed[key] = value
    return changed, errors


class FirstRunModal(ModalScreen[FirstRunAnswers | None]):
    """Asks the first-run questions; dismisses with the answers, or None when skipped."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", "Skip", id="first-run-skip", tooltip="skip them all, writing nothing"),
        Binding(
            "enter",
            "save",
            "Save",
            id="first-run-save",
            tooltip="save, once every answer reads (only answers that change something are written)",
        ),
        Binding(
            "tab",
            "app.focus_next",
            "Next question",
            show=False,
            priority=True,
            id="first-run-next",
            tooltip="next question",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous question",
            show=False,
            priority=True,
            id="first-run-previous",
            tooltip="previous question",
        ),
    ]
    """The one statement of the questions' keys: docs/tui.md's list reads their tooltips."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (STACK_BELOW, "-wide")]

    DEFAULT_CSS = f"""
    FirstRunModal {{ align: center middle; }}
    FirstRunModal #first-run-dialog {{
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }}
    FirstRunModal #first-run-title {{ text-style: bold; color: $accent; }}
    FirstRunModal .first-run-line {{ height: 1; layout: horizontal; }}
    FirstRunModal .first-run-label {{ width: {LABEL_CELLS}; color: $text-muted; }}
    FirstRunModal .first-run-line Input, FirstRunModal .first-run-line Checkbox {{ width: 1fr; }}
    FirstRunModal .first-run-error {{ color: $error; height: auto; padding-left: {LABEL_CELLS}; display: none; }}
    FirstRunModal .first-run-error.-shown {{ display: block; }}
    FirstRunModal #first-run-hint {{ color: $text-muted; height: auto; margin-top: 1; }}
    FirstRunModal #first-run-keys {{ margin-top: 1; }}
    FirstRunModal.-narrow .first-run-line {{ height: auto; layout: vertical; }}
    FirstRunModal.-narrow .first-run-label {{ width: 1fr; }}
    FirstRunModal.-narrow .first-run-error {{ padding-left: 0; }}
    """

    def __init__(self, settings: Settings, environ: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.start = first_values(settings, os.environ if environ is None else environ)

    def compose(self) -> ComposeResult:
        with Vertical(id="first-run-dialog"):
            yield Label("Welcome to cramplog: a few questions, once", id="first-run-title")
            for key in QUESTIONS:
                dom = key.replace(".", "-")
                picked = choices(key)
                suggest = SuggestFromList(picked, case_sensitive=False) if picked else None
                with Vertical(classes="first-run-line"):
                    yield Label(LABELS[key], classes="first-run-label")
                    yield Input(self.start[key], id=f"ask-{dom}", compact=True, suggester=suggest)
                yield Static("", id=f"error-{dom}", classes="first-run-error", markup=False)
            with Vertical(classes="first-run-line"):
                yield Label("Reminder", classes="first-run-label")
                yield ReminderBox(REMINDER, id="ask-reminder", compact=True)
            yield Static("", id="first-run-hint", markup=False)
            yield TapBar(("Save", "save"), ("Skip", "skip"))
            yield Static(
                "Enter saves · Esc skips · Settings (o) changes any of these later", id="first-run-keys", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#ask-display-units", Input).focus()

    def texts(self) -> dict[str, str]:
        return {key: self.query_one(f"#ask-{key.replace('.', '-')}", Input).value for key in QUESTIONS}

    def action_save(self) -> None:
        changed, errors = answers(self.settings, self.texts())
        for key in QUESTIONS:
            line = self.query_one(f"#error-{key.replace('.', '-')}", Static)
            line.update(f"↑ {errors[key]}" if key in errors else "")
            line.set_class(key in errors, "-shown")
        if errors:
            first = next(key for key in QUESTIONS if key in errors)
            self.query_one(f"#ask-{first.replace('.', '-')}", Input).focus()
            return
        reminder = REMINDER_AT if self.query_one("#ask-reminder", FormCheckbox).value else None
        self.dismiss(FirstRunAnswers(changed, reminder))

    def action_skip(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_descendant_focus(self, event: object) -> None:
        """What the focused question means, under the questions."""
        name = (self.focused.id or "") if self.focused is not None else ""
        said = next((hint(key, self.settings.units) for key in QUESTIONS if name == f"ask-{key.replace('.', '-')}"), "")
        if name == "ask-reminder":
            said = REMINDER_HINT
        self.query_one("#first-run-hint", Static).update(said)


def save_answers(
    answers: FirstRunAnswers | None, asked: Path, config_path: Path | None, journal: Path | None
) -> Message:
    """Write the answers (only those that change something) and install the reminder asked for;
    either way the questions are not asked again (`asked`). In a worker thread: `FirstRunSaved`
    with the new settings and what the reminder's install said, or `JournalFailed`."""
    from ...config import set_value
    from ..loaders import install_reminder, mark_first_run_asked

    notes: list[str] = []
    settings = None
    try:
        mark_first_run_asked(asked)
        for key, value in answers.values.items() if answers is not None else ():
            settings, _ = set_value(key, value, config_path)
    except CramplogError as exc:
        return JournalFailed(f"Not saved: {exc}")
    if answers is not None and answers.reminder is not None:
        try:
            notes.append(install_reminder(journal, answers.reminder, config_path))
        except CramplogError as exc:
            notes.append(f"{str(exc)[0].upper()}{str(exc)[1:]}.")
    return FirstRunSaved(settings, notes)
