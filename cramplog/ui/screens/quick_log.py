"""Provides `QuickCrampScreen`: a cramp logged with a thumb, no typing, in at most four taps.

Made for a phone (`cramplog serve`) or any narrow terminal: big buttons for the common
muscles, the side, the severities 1-10 and when it happened, then Save. The muscle and side
start as last logged; the severity has no default (how bad it was is the one thing to say).
The entry is built by the cramp form's own rules (`forms.FORMS["cramp"]`) and saved through the
app's one write path, so the shell, the terminal app and every browser session agree.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal
from textual.widgets import Button, Static

from ...domain import vocab
from ..base import CramplogScreen
from ..forms import FORMS
from ..widgets.scroll_body import ScrollBody
from ..widgets.title_bar import TitleBar

MUSCLES = ("calf", "foot_arch", "toes", "hamstring", "quadriceps", "shin")
"""The muscles with a button, most common first (others: the full form, `c`)."""
WHEN = (("now", "just now"), ("15 min ago", "15 min ago"), ("1 hour ago", "1 h ago"))
"""(the form's time text, the button's label)."""
SHORT = {"foot_arch": "foot", "quadriceps": "thigh"}
"""Button labels that must fit a phone's third of a line."""


class ChoiceButton(Button):
    """A button that picks `choice`: (the field, its value)."""

    def __init__(self, label: str, choice: tuple[str, str], *, id: str) -> None:
        super().__init__(label, id=id)
        self.choice = choice


class QuickCrampScreen(CramplogScreen[None]):
    """Muscle, side, severity, when: one tap each (muscle and side start as last time), then Save."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="quick-back", tooltip="back to the dashboard, saving nothing"),
    ]
    """The screen's one key (the rest is buttons): docs/tui.md's line and Help read its tooltip."""

    DEFAULT_CSS = """
    QuickCrampScreen Grid { grid-gutter: 0 1; height: auto; margin: 0 1; }
    QuickCrampScreen #muscles, QuickCrampScreen #sides, QuickCrampScreen #when { grid-size: 3; }
    QuickCrampScreen #severities { grid-size: 5; }
    QuickCrampScreen Button { width: 1fr; min-width: 4; height: 3; margin: 0; }
    QuickCrampScreen Button.-chosen { background: $primary; color: $text; text-style: bold; }
    QuickCrampScreen .quick-label { margin: 1 1 0 1; color: $text-muted; }
    QuickCrampScreen #quick-actions { height: 3; margin: 1 1 0 1; }
    QuickCrampScreen #quick-save { width: 2fr; }
    QuickCrampScreen #quick-problem { margin: 0 1; color: $text-error; height: auto; }
    """

    def __init__(self) -> None:
        super().__init__(id="quick-cramp")
        self.texts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        ctx = self.cramplog.forms.context()
        self.texts = FORMS["cramp"].defaults(ctx)
        yield TitleBar()
        with ScrollBody():
            yield Static("Where?", classes="quick-label")
            with Grid(id="muscles"):
                for muscle in MUSCLES:
                    yield self._choice("muscle", muscle, SHORT.get(muscle, vocab.label(muscle)))
            with Grid(id="sides"):
                for side in vocab.SIDES:
                    yield self._choice("side", side, side)
            yield Static("How bad? 1 mild … 10 worst", classes="quick-label")
            with Grid(id="severities"):
                for level in range(1, 11):
                    yield self._choice("severity", str(level), str(level))
            yield Static("When?", classes="quick-label")
            with Grid(id="when"):
                for text, shown in WHEN:
                    yield self._choice("at", text, shown)
            with Horizontal(id="quick-actions"):
                yield Button("Save", id="quick-save", variant="primary", disabled=True)
                yield Button("Back", id="quick-back")
            yield Static("", id="quick-problem", markup=False)

    def _choice(self, field: str, value: str, shown: str) -> Button:
        button = ChoiceButton(shown, (field, value), id=f"quick-{field.replace('_', '-')}-{value.replace(' ', '-')}")
        if self.texts.get(field) == value:
            button.add_class("-chosen")
        return button

    def on_mount(self) -> None:
        self.title = "Log a cramp"

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, ChoiceButton):
            field, value = event.button.choice
            self.texts[field] = value
            for button in self.query(ChoiceButton):
                if button.choice[0] == field:
                    button.set_class(button is event.button, "-chosen")
            self.query_one("#quick-save", Button).disabled = not self.texts.get("severity")
        elif event.button.id == "quick-save":
            self.save()
        elif event.button.id == "quick-back":
            self.action_close()

    def save(self) -> None:
        """Build the cramp by the form's rules and hand it to the app's save; back to the dashboard."""
        entry, errors = FORMS["cramp"].parse(self.texts, self.cramplog.forms.context())
        if entry is None:
            self.query_one("#quick-problem", Static).update("; ".join(errors.values()))
            return
        self.dismiss()
        self.cramplog.writes.save(entry)

    def action_close(self) -> None:
        self.dismiss()
