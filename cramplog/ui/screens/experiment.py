"""Provides `ExperimentScreen`: plan, follow and read a self-experiment on your own nights.

The same experiment as `cramplog experiment` (docs/experiment.md): where it stands and tonight's
arm, or its reading once the planned nights have passed (`analysis.experiment.status`); without a
live one, a plan of so many weeks and minutes, shown whole (with how often such a plan finds a
halving) before `g` starts it, fixed from then on; `b` breaks a running one off after asking.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, Static

from ...errors import CramplogError, InvalidInput
from ..base import CramplogScreen
from ..keys import key_line
from ..widgets.key_bar import KeyBar
from ..widgets.scroll_body import ScrollBody
from ..widgets.tap_bar import BREAKPOINTS
from ..widgets.title_bar import TitleBar


class ExperimentScreen(CramplogScreen[None]):
    """The current experiment; Enter in the fields proposes a plan (the keys: `BINDINGS`)."""

    HELP_TITLE = "Experiment"
    DEFAULT_CLASSES = "-toasts-top"

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    """Narrow (a phone): the plan's two questions one over the other."""

    DEFAULT_CSS = """
    ExperimentScreen #experiment-body { padding: 0 1; }
    ExperimentScreen #experiment-status { height: auto; }
    ExperimentScreen #experiment-plan { height: auto; margin-top: 1; }
    ExperimentScreen #experiment-plan Label { width: 18; padding: 1 0 0 0; }
    ExperimentScreen #experiment-plan Input { width: 12; }
    ExperimentScreen #experiment-proposal { height: auto; margin-top: 1; color: $text; }
    ExperimentScreen #experiment-error { height: auto; color: $error; }
    ExperimentScreen.-narrow #experiment-plan { layout: grid; grid-size: 2; grid-columns: 18 12; grid-rows: 3;
                                                height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "app.pop_screen",
            "Back",
            id="experiment-back",
            tooltip="back to the dashboard (a plan shown and not started is dropped)",
        ),
        Binding(
            "g",
            "start",
            "Start the plan",
            id="experiment-start",
            show=False,
            tooltip="start the plan shown, tonight (fixed from then on)",
        ),
        Binding(
            "b",
            "stop",
            "Break it off",
            id="experiment-stop",
            show=False,
            tooltip="break off the running or planned experiment, after asking",
        ),
    ]
    """The one statement of the experiment screen's keys: the footer's word (`description`), what
    each does (`tooltip`: Help, the line under a plan and docs/tui.md's list read it)."""

    class Loaded(Message):
        def __init__(self, found: Any = None, error: str = "") -> None:
            super().__init__()
            self.found = found
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.found: Any = None
        """The last `analysis.experiment.Status`."""
        self.proposal: Any = None
        """A plan shown and not started yet (`g` starts it)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with ScrollBody(id="experiment-body"):
            yield Static("Loading the experiment…", id="experiment-status", markup=False)
            with Horizontal(id="experiment-plan"):
                yield Label("Weeks (2-26)")
                yield Input("6", id="experiment-weeks", restrict=r"\d{0,2}")
                yield Label("Minutes a night")
                yield Input("3", id="experiment-minutes", restrict=r"\d{0,2}")
            yield Static("", id="experiment-error", markup=False)
            yield Static("", id="experiment-proposal", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.HELP_TITLE
        self.query_one("#experiment-plan").display = False
        self.load()

    def reload(self) -> None:
        """The journal changed (an undo, `cramplog experiment` from a shell): its status again."""
        self.load()

    @work(thread=True, exclusive=True, group="experiment", exit_on_error=False, description="Loading the experiment")
    def load(self) -> None:
        from ...analysis.experiment import status
        from ..loaders import current_day

        journal = self.cramplog.journal
        try:
            found = status(
                journal.repo,
                journal.clock.tz_name,
                journal.settings.boundary,
                current_day(journal.clock, journal.settings),
                journal.clock.now(),
            )
        except CramplogError as exc:
            self.post_message(self.Loaded(error=str(exc)))
            return
        self.post_message(self.Loaded(found))

    def on_experiment_screen_loaded(self, message: Loaded) -> None:
        if message.found is None:
            self.query_one("#experiment-status", Static).update(f"The experiment can't be shown: {message.error}.")
            return
        self.found = found = message.found
        live = found.plan is not None and found.reading is not None and found.reading.state in ("running", "planned")
        lines = (
            list(found.lines)
            if found.plan is not None
            else [
                "No experiment yet. A planned experiment deals your nights at random: a bedtime calf and "
                "hamstring stretch on half of them, none on the others, two of each in every block of four "
                "nights. The diary tells which nights followed the plan and which had cramps; at the end a "
                "randomisation test reads the difference. Read docs/experiment.md first."
            ]
        )
        if live:
            lines.append("b breaks it off early (a stopped experiment has no reading).")
        else:
            lines.append(
                "Plan one below: Enter shows the whole plan, then g starts it. Once started it can't "
                "be changed, only stopped."
            )
        self.query_one("#experiment-status", Static).update("\n\n".join(lines))
        plan_form = self.query_one("#experiment-plan")
        plan_form.display = not live
        typing = self.focused is not None and plan_form in self.focused.ancestors
        if not live and not typing:  # a reload leaves the field being typed in where it is
            self.query_one("#experiment-weeks", Input).focus()

    class Proposed(Message):
        def __init__(self, plan: Any = None, lines: list[str] | None = None, error: str = "") -> None:
            super().__init__()
            self.plan = plan
            self.lines = lines or []
            self.error = error

    class Changed(Message):
        def __init__(self, text: str, error: str = "") -> None:
            super().__init__()
            self.text = text
            self.error = error

    @on(Input.Submitted)
    def _propose(self, event: Input.Submitted) -> None:
        from ...domain.fields import parse_int

        try:
            weeks = parse_int(self.query_one("#experiment-weeks", Input).value or "6", "weeks")
            minutes = parse_int(self.query_one("#experiment-minutes", Input).value or "3", "minutes")
        except InvalidInput as exc:
            self.post_message(self.Proposed(error=str(exc)))
            return
        self.propose(weeks, minutes)

    @work(thread=True, exclusive=True, group="experiment", exit_on_error=False, description="Planning")
    def propose(self, weeks: int, minutes: int) -> None:
        from ...analysis.experiment import propose
        from ..loaders import current_day

        journal = self.cramplog.journal
        today = current_day(journal.clock, journal.settings)
        try:
            plan, lines = propose(
                journal.repo,
                journal.clock.tz_name,
                journal.settings.boundary,
                today,
                journal.clock.now(),
                weeks=weeks,
                minutes=minutes,
                outcome="cramp_nights",
                start=today,
            )
        except CramplogError as exc:
            self.post_message(self.Proposed(error=str(exc)))
            return
        self.post_message(self.Proposed(plan, lines))

    def on_experiment_screen_proposed(self, message: Proposed) -> None:
        self.proposal = message.plan
        self.query_one("#experiment-error", Static).update(message.error)
        self.query_one("#experiment-proposal", Static).update(
            "\n\n".join([*message.lines, plan_keys()]) if message.plan is not None else ""
        )
        if message.plan is not None:
            self.query_one(ScrollBody).focus()  # `g` is the screen's, not a field's

    def action_start(self) -> None:
        if self.proposal is not None:
            plan, self.proposal = self.proposal, None
            self.change(plan, None)

    def action_stop(self) -> None:
        found = self.found
        if (
            found is None
            or found.plan is None
            or found.reading is None
            or found.reading.state not in ("running", "planned")
        ):
            return
        from ..modals.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(None, found.plan.id)

        self.app.push_screen(
            ConfirmModal(
                f"Stop experiment #{found.plan.id}? A stopped experiment has no reading, only its counts.",
                "y stop · n keep it",
            ),
            answered,
        )

    @work(thread=True, group="db-write", exit_on_error=False, description="Saving the experiment")
    def change(self, plan: Any, stop_id: int | None) -> None:
        """Start `plan`, or stop experiment `stop_id`: the two writes an experiment takes."""
        from ..loaders import current_day

        journal = self.cramplog.journal
        today = current_day(journal.clock, journal.settings)
        try:
            if plan is not None:
                stored = journal.repo.plan_experiment(plan, today)
                text = f"Started experiment #{stored.id}."
            else:
                assert stop_id is not None
                journal.repo.stop_experiment(stop_id, today, "stopped in the app")
                text = f"Stopped experiment #{stop_id}."
        except CramplogError as exc:
            self.post_message(self.Changed("", str(exc)))
            return
        self.post_message(self.Changed(text))

    def on_experiment_screen_changed(self, message: Changed) -> None:
        if message.error:
            self.query_one("#experiment-error", Static).update(message.error)
            return
        self.query_one("#experiment-proposal", Static).update("")
        self.notify(message.text, markup=False)
        self.cramplog.feed.refresh()
        self.load()


def plan_keys() -> str:
    """The line under a plan shown: what starts it and what leaves it, from the screen's keys."""
    keys = [b for b in ExperimentScreen.BINDINGS if isinstance(b, Binding) and b.action in ("start", "app.pop_screen")]
    return key_line(keys[::-1])
