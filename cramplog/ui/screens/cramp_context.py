"""Provides `CrampContextScreen`: one cramp and the 48 hours before it, on one screen.

What a person asks after a bad night: what was different? The drinks, runs and shoes,
stretching, food, sleep and soreness of those hours, the medicines and diet in force, and what
the analysis counts for that diary day, factor by factor (exposed or not, or not tracked), read
from the analysis' own daily frame (`loaders.cramp_context`), never worked out again here.
Opened with Enter on a cramp in History, or on the dashboard (the last cramp); `[` and `]` step
to the cramp before or after.

On a narrow screen (a phone) the tables change shape rather than squeeze (`AtWidth`): a drink a
line, and each factor's reading over what it is measured over, instead of a third column two
cells wide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import ClassVar

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from ...domain import entries as E
from ...domain.describe import checkin_word, describe
from ...domain.quantities import format_distance, format_volume
from ...domain.vocab import label
from ...errors import CramplogError
from .. import loaders
from ..base import CramplogScreen
from ..fit import CLAUSE_BREAK, clauses, pack
from ..in_turn import InTurn
from ..widgets.key_bar import KeyBar
from ..widgets.packed import Packed, words
from ..widgets.scroll_body import ScrollBody
from ..widgets.title_bar import TitleBar

SECTIONS = (
    ("Drinks", (E.Drink,)),
    ("Runs", (E.Run,)),
    ("Stretching", (E.Stretch,)),
    ("Food", (E.Food,)),
    ("Symptoms", (E.Symptom,)),
    ("Cramps", (E.Cramp,)),
)
"""The 48 hours' entries by kind, in the order shown."""
NARROW = 70
"""Below this many cells the tables take their narrow shape."""
TITLE_CELLS = 11
"""The first column of the 48 hours' table: `Sleep, sore`."""
READING = (
    "Each factor as Insights counts it on this cramp's diary day. A factor that was there is "
    "not a cause: Insights says which go with your cramps over many days."
)


def when(at: dt.datetime, tz: dt.tzinfo | None) -> str:
    """`Fri 20:00`, in the app's zone."""
    return f"{at.astimezone(tz):%a %H:%M}"


class AtWidth:
    """A renderable drawn by `draw` for the width it is drawn at (a resize included), so that a
    table can change shape on a narrow screen instead of squeezing a column."""

    def __init__(self, draw: Callable[[int], RenderableType]) -> None:
        self.draw = draw

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.draw(options.max_width)


def drinks_line(ctx: loaders.CrampContext, units: str, tz: dt.tzinfo | None, sep: str = " · ") -> str:
    """Totals first (the 24 hours before, and the 24 before those), then each drink (`sep`
    between two: a new line on a narrow screen)."""
    drinks = [e for e in ctx.before if isinstance(e, E.Drink)]
    if not drinks:
        return "none logged"
    half = ctx.cramp.at - dt.timedelta(hours=loaders.CONTEXT_HOURS // 2)
    near = sum(d.amount_ml for d in drinks if d.at > half)
    far = sum(d.amount_ml for d in drinks if d.at <= half)
    head = (
        f"{format_volume(near + far, units)} in all: {format_volume(near, units)} in the 24 hours "
        f"before, {format_volume(far, units)} in the 24 before those"
    )
    listed = sep.join(f"{when(d.at, tz)} {describe(d, units)}" for d in reversed(drinks))
    return f"{head}\n{listed}"


def run_parts(run: E.Run, ctx: loaders.CrampContext, units: str, tz: dt.tzinfo | None) -> list[str]:
    """A run as History says it, then its shoe's distance before it against the shoe's life."""
    parts = [f"{when(run.at, tz)} {describe(run, units, ctx.shoes)}"]
    km = ctx.shoe_km.get(run.id or 0)
    if km is not None:
        life = ctx.shoe_life[run.id or 0]
        parts.append(
            f"(the shoe had {format_distance(km, units)} of its {format_distance(life, units)}"
            f"{', past its life' if km > life else ''})"
        )
    return parts


def before_table(ctx: loaders.CrampContext, units: str, tz: dt.tzinfo | None, width: int = NARROW) -> Table:
    """The 48 hours and what was in force, a row per kind (a row says "none" rather than vanish:
    no stretching is part of the answer). Narrower than `NARROW`, a drink a line, and each line
    broken between clauses (a shoe's name whole)."""
    narrow = width < NARROW
    room = width - TITLE_CELLS - 2
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(style="bold", no_wrap=True, width=TITLE_CELLS)
    grid.add_column(ratio=1)

    def lines(*parts: str) -> Text:
        """`parts` as one paragraph; narrow, broken between clauses (between parts too)."""
        if not narrow:
            return Text(" ".join(parts))
        return Text("\n".join(pack([c for part in parts for c in CLAUSE_BREAK.split(part)], room, " ")))

    for title, kinds in SECTIONS:
        found = [e for e in ctx.before if isinstance(e, kinds)]
        if title == "Drinks":
            rows = drinks_line(ctx, units, tz, "\n" if narrow else " · ").split("\n")
            grid.add_row(title, Text("\n").join(lines(row) for row in rows))
        elif title == "Runs":
            grid.add_row(
                title,
                Text("\n").join(lines(*run_parts(r, ctx, units, tz)) for r in reversed(found))  # type: ignore[arg-type]
                or Text("none logged"),
            )
        elif title in ("Symptoms", "Cramps") and not found:
            continue
        else:
            grid.add_row(
                title,
                Text("\n").join(lines(f"{when(e.at, tz)} {describe(e, units, ctx.shoes)}") for e in reversed(found))
                or Text("none logged"),
            )
    sleep = [lines(f"{c.day:%a %d %b}: {describe(c, units, dated=False) or checkin_word(c)}") for c in ctx.checkins]
    grid.add_row("Sleep, sore", Text("\n").join(sleep) or Text("no check-in for these days"))
    grid.add_row(
        "Medicines", Text("\n").join(lines(describe(m, units)) for m in ctx.meds) or Text("none logged in force")
    )
    grid.add_row(
        "Diet",
        Text(
            f"{label(ctx.diet.pattern)} (changed {ctx.diet.day:%d %b %Y})"
            if ctx.diet is not None
            else "no diet change logged"
        ),
    )
    if ctx.injuries:
        grid.add_row("Injuries", Text("\n").join(lines(describe(i, units)) for i in ctx.injuries))
    return grid


def counts_table(ctx: loaders.CrampContext, width: int = NARROW) -> Table:
    """Each factor on the cramp's diary day: yes, no or not tracked, and what it is measured over;
    narrower than `NARROW`, the factor and its reading on one line, what it is measured over under."""
    narrow = width < NARROW
    table = Table(expand=True, box=None, padding=(0, 1), show_edge=False, header_style="bold")
    context = label(ctx.cramp.context)
    readings = []
    for factor in ctx.exposures:
        if not factor.compared:
            said = Text(f"not compared ({context})", style="dim")
        elif factor.value is None:
            said = Text("not tracked", style="dim")
        else:
            said = Text("yes", style="bold") if factor.value else Text("no")
        readings.append((factor, said))
    if narrow:
        table.add_column("Factor: that day, measured over", ratio=1)
        for factor, said in readings:
            table.add_row(
                Group(Text.assemble(f"{factor.title}: ", said), Padding(Text(factor.window, style="dim"), (0, 0, 0, 2)))
            )
        return table
    table.add_column("Factor", no_wrap=True)
    table.add_column("That day", no_wrap=True)
    table.add_column("Measured over", ratio=1)
    for factor, said in readings:
        table.add_row(factor.title, said, factor.window)
    return table


class CrampContextScreen(CramplogScreen[None]):
    """One cramp, the 48 hours before it and the analysis' day (the keys: `BINDINGS`)."""

    HELP_TITLE = "A cramp's context"
    DEFAULT_CLASSES = "-toasts-top"
    """Toasts over the title lines, not the text (app.tcss)."""

    DEFAULT_CSS = """
    CrampContextScreen #context-body { padding: 0 1; }
    CrampContextScreen #context-head { text-style: bold; color: $primary; height: auto; }
    CrampContextScreen .context-title { text-style: bold; margin-top: 1; height: auto; }
    CrampContextScreen #context-before, CrampContextScreen #context-counts { height: auto; }
    CrampContextScreen #context-reading { color: $text-muted; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="context-back", tooltip="back to History or the dashboard"),
        # As in History: `[` older, `]` newer (here a cramp at a time).
        Binding(
            "left_square_bracket",
            "older",
            "Earlier cramp",
            key_display="[",
            id="context-earlier",
            tooltip="the cramp before this one",
        ),
        Binding(
            "right_square_bracket",
            "newer",
            "Later cramp",
            key_display="]",
            id="context-later",
            tooltip="the cramp after this one",
        ),
        Binding("e", "edit", "Edit", id="context-edit", tooltip="edit the cramp in its form"),
    ]
    """The one statement of the context's keys: the footer's word (`description`), what each does
    (`tooltip`: the footer's hover, Help and docs/tui.md's list read it)."""

    class Loaded(Message):
        def __init__(self, context: loaders.CrampContext | None, error: str = "") -> None:
            super().__init__()
            self.context = context
            self.error = error

    def __init__(self, cramp_id: int) -> None:
        super().__init__()
        self.cramp_id = cramp_id
        self.context: loaders.CrampContext | None = None
        self.turn = InTurn()
        """`[`, `]` and `e` typed while a cramp loads act on it once it is in."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with ScrollBody(id="context-body"):
            yield Packed([words("Loading the cramp…")], id="context-head")
            yield Static("", id="context-span", classes="context-title", markup=False)
            yield Static("", id="context-before")
            yield Static("", id="context-day", classes="context-title", markup=False)
            yield Static(READING, id="context-reading", markup=False)
            yield Static("", id="context-counts")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.HELP_TITLE
        self.reload()

    def reload(self) -> None:
        """Load the cramp again (the journal changed, or `[` `]` chose another)."""
        self.turn.wait()
        self.load(self.cramp_id)

    @work(
        thread=True, exclusive=True, group="cramp-context", exit_on_error=False, description="Loading a cramp's context"
    )
    def load(self, cramp_id: int) -> None:
        journal = self.cramplog.journal
        try:
            context = loaders.cramp_context(journal.repo, journal.settings, cramp_id)
        except CramplogError as exc:
            self.post_message(self.Loaded(None, str(exc)))
            return
        self.post_message(self.Loaded(context))

    def on_cramp_context_screen_loaded(self, message: Loaded) -> None:
        if message.context is not None and message.context.cramp.id != self.cramp_id:
            return  # overtaken by a later `[` or `]`
        self.context = message.context
        if message.context is None:
            self.query_one("#context-head", Packed).show([words(f"This cramp can't be shown: {message.error}.")])
        else:
            self.show(message.context)
        self.turn.filled()

    def show(self, ctx: loaders.CrampContext) -> None:
        settings = self.cramplog.journal.settings
        units, tz = settings.units, self.cramplog.journal.clock.tz
        cramp = ctx.cramp
        head = f"Cramp #{cramp.id} · {cramp.at.astimezone(tz):%a %d %b %Y %H:%M} · {describe(cramp, units)}"
        self.query_one("#context-head", Packed).show(  # a phone breaks it between its parts
            [([c for part in clauses(head) for c in CLAUSE_BREAK.split(part)], " ", "")]
        )
        self.query_one("#context-span", Static).update(
            f"The {loaders.CONTEXT_HOURS} hours before it, from {when(ctx.since, tz)} "
            f"({ctx.since.astimezone(tz):%d %b})"
        )
        self.query_one("#context-before", Static).update(AtWidth(partial(before_table, ctx, units, tz)))
        self.query_one("#context-day", Static).update(f"What the analysis counts for diary day {ctx.day:%a %d %b %Y}")
        self.query_one("#context-counts", Static).update(AtWidth(partial(counts_table, ctx)))
        self.query_one(ScrollBody).scroll_home(animate=False)

    def action_older(self) -> None:
        self.turn.do(lambda: self._step(-1))

    def action_newer(self) -> None:
        self.turn.do(lambda: self._step(1))

    def _step(self, step: int) -> None:
        ctx = self.context
        target = None if ctx is None else (ctx.earlier if step < 0 else ctx.later)
        if target is None:
            self.notify(f"No {'earlier' if step < 0 else 'later'} cramp.", markup=False)
            return
        self.cramp_id = target
        self.reload()

    def action_edit(self) -> None:
        self.turn.do(self._edit)

    def _edit(self) -> None:
        if self.context is not None:
            self.cramplog.forms.open("cramp", self.context.cramp)
