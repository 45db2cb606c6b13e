"""Provides `KEYS`, every key and palette action of the app declared once, and what is built from
it: the app's and the dashboard's bindings, the command palette's entries, Help's key list and
the dashboard's key lines; and `allowed`, when the app's keys are off (a dialog, a text field).

A key is stated here and nowhere else: its Textual name, the action it runs, where it works
(`where`), and its words in each place people meet it. tests/ui/test_keys_declared.py holds
docs/tui.md's key tables to it. A screen's (or a dialog's) own keys are its `BINDINGS` (footer
word, and what the key does as the binding's tooltip), read as rows (`key_rows`) and written as one line
(`key_line`: Help's line after the key that opens the screen, Settings' line over the shoes, the
experiment's line under a plan), and tests/ui/test_screen_keys_docs.py builds
their docs tables and lists from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from textual.actions import parse
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from .saving import SavingForm

Where = Literal["app", "dashboard", "palette", "textual"]
"""`app`: a binding of the app, on every screen; `dashboard`: a binding of the dashboard only;
`palette`: no key, in the command palette only; `textual`: Textual's own key, listed in Help."""


@dataclass(frozen=True)
class Key:
    """One thing a person can ask the app for, with the key that does it (if any)."""

    action: str
    """The action, as a binding names it: `log('cramp')`, `history`."""
    key: str = ""
    """Textual key names, comma-separated (`question_mark,f1`); "" for the palette only."""
    word: str = ""
    """The binding's description: footers and the palette's title unless `title` says otherwise."""
    where: Where = "app"
    id: str = ""
    """The binding's ID (for Textual's keymap; docs/tui.md names some)."""
    display: str = ""
    """How the key is written for people, when its name is not (`?`, `!`, `⏎`, `esc`)."""
    title: str = ""
    """The palette's title ("": `word`; a form's own title for `log(...)`)."""
    palette: str = ""
    """The palette's line under the title ("": not in the palette)."""
    help: str = ""
    """What Help says the key does ("": Help does not list it); `{cup}` is the drink's default."""
    line: str = ""
    """Its word on the dashboard's key lines ("": `word` in lower case)."""
    footer: Literal["", "dashboard", "every"] = ""
    """Whose footers show it: the dashboard's, or every screen's ("": none)."""

    @property
    def shown(self) -> str:
        """The key as people write it: `?` for `question_mark,f1`."""
        return self.display or self.key.split(",")[0]

    @property
    def kind(self) -> str | None:
        """The kind of entry a `log(...)` key opens the form of (None for other actions)."""
        _, name, params = parse(self.action)
        return str(params[0]) if name == "log" else None


KEYS: tuple[Key, ...] = (
    Key(
        "log('cramp')",
        "c",
        "Cramp",
        id="log-cramp",
        footer="dashboard",
        help="cramp: type how bad (1-9, 0 means 10) and press Enter; muscle, side and context start as last used",
    ),
    Key(
        "log('drink')",
        "w",
        "Drink",
        id="log-drink",
        footer="dashboard",
        help="drink: Enter saves {cup}; up/down or a quick cup for other sizes",
    ),
    Key("log('stretch')", "s", "Stretch", id="log-stretch", help="stretching"),
    Key("log('run')", "r", "Run", id="log-run", help="run or workout"),
    Key("log('food')", "f", "Food", id="log-food", help="food"),
    Key("log('symptom')", "y", "Symptom", id="log-symptom", help="symptom"),
    Key("log('injury')", "i", "Injury", id="log-injury", help="injury"),
    Key(
        "no_cramps",
        "n",
        "No cramps today",
        id="check-in-no-cramps",
        line="no cramps",
        palette="Check in today as a day without cramps",
        help='check in today as "no cramps today"',
    ),
    Key(
        "red_flags",
        "exclamation_mark",
        "Red flags",
        "dashboard",
        display="!",
        help="read the red-flag notice, when the dashboard shows one",
    ),
    Key(
        "last_cramp",
        "enter",
        "Last cramp",
        "dashboard",
        display="⏎",
        help="on the dashboard, the last cramp's context: the 48 hours before it (Enter on a cramp in History too)",
    ),
    Key("dashboard", "escape", "Dashboard", "palette", display="esc", palette="Back to today's dashboard"),
    Key(
        "history",
        "h",
        "History",
        id="open-history",
        footer="dashboard",
        palette="Browse, edit and delete entries by day",
        help="history: entries by diary day (Enter opens one)",
    ),
    Key(
        "trends",
        "t",
        "Trends",
        id="open-trends",
        footer="dashboard",
        palette="Weekly charts",
        help="trends: charts by week, month or quarter",
    ),
    Key(
        "insights",
        "a",
        "Insights",
        id="open-insights",
        footer="dashboard",
        palette="What goes with your cramps",
        help="insights: what goes with your cramps",
    ),
    Key(
        "settings",
        "o",
        "Settings",
        id="open-settings",
        footer="dashboard",
        title="Settings and shoes",
        palette="Targets, units, day boundary, theme, shoes",
        help="settings and shoes",
    ),
    Key(
        "experiment",
        where="palette",
        title="Experiment",
        palette="Plan, follow and read a self-experiment on your own nights",
    ),
    Key(
        "undo",
        "u",
        "Undo",
        id="undo",
        palette="Undo the last save, edit or delete",
        help="undo the last save, edit or delete",
    ),
    Key("redo", "ctrl+r", "Redo", id="redo", palette="Redo what was undone", help="redo it"),
    Key(
        "report",
        where="palette",
        title="Clinician report",
        palette="Write the report for a doctor to a file, with a preview",
    ),
    Key("export", where="palette", title="Export", palette="Write the whole journal to a JSON file"),
    Key("backup", where="palette", title="Backup", palette="Copy the journal to a backup file"),
    Key(
        "help",
        "question_mark,f1",
        "Help",
        id="help",
        display="?",
        footer="every",
        palette="Keys, screens and what cramplog can't do",
        help="this help (the keys of the screen you came from come first)",
    ),
    Key(
        "command_palette",
        "ctrl+p",
        where="textual",
        line="every action",
        help="the command palette: every action with its key, the theme",
    ),
    Key("quit", "q", "Quit", id="quit", palette="Leave cramplog", help="quit"),
)
"""Every key, in the palette's order (the forms come first there, in `FORMS` order)."""

BY_ACTION = {k.action: k for k in KEYS}

NO_KEY_FORMS = "Shoe, diet, medicine, full check-in, an experiment: ctrl+p, then the name."
"""Help's line for what has no single key."""

HELP_SECTIONS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    (
        "Log from any screen (one key each; Enter saves, Esc cancels, and asks first if you typed something)",
        (
            ("log('cramp')",),
            ("log('drink')",),
            ("log('stretch')", "log('run')", "log('food')", "log('symptom')", "log('injury')"),
            ("no_cramps",),
            ("red_flags",),
            (),
        ),
    ),
    (
        "Go places",
        (
            ("history",),
            ("last_cramp",),
            ("trends",),
            ("insights",),
            ("settings",),
            ("help",),
            ("command_palette",),
            ("undo", "redo", "quit"),
        ),
    ),
)
"""Help's layout: by section, a line's actions (their words are in `KEYS`); an empty line is
`NO_KEY_FORMS`."""

DASHBOARD_LINES = (
    (
        "log('cramp')",
        "log('drink')",
        "log('stretch')",
        "log('run')",
        "log('food')",
        "log('symptom')",
        "log('injury')",
        "no_cramps",
    ),
    ("last_cramp", "undo", "redo", "quit", "help", "command_palette"),
)
"""The dashboard's key lines: the logging keys, then the others."""


def app_bindings() -> list[BindingType]:
    """The app's bindings: these keys work on every screen (screens show the ones that matter
    there in their footers); the keys typed after one wait for what it opens (`key_order`)."""
    return [
        Binding(k.key, k.action, k.word, id=k.id, show=k.footer == "every", key_display=k.display or None)
        for k in KEYS
        if k.where == "app"
    ]


def dashboard_bindings() -> list[BindingType]:
    """The dashboard's footer (the app's bindings act on these keys), then its own keys."""
    shown = [
        Binding(k.key, f"app.{k.action}", k.word, id=f"show-{k.word.lower()}") for k in KEYS if k.footer == "dashboard"
    ]
    own = [
        Binding(
            k.key,
            k.action,
            k.word,
            id=f"show-{k.word.lower().replace(' ', '-')}",
            show=False,
            key_display=k.display or None,
        )
        for k in KEYS
        if k.where == "dashboard"
    ]
    return [*shown, *own]


NAVIGATION = {
    "help",
    "history",
    "settings",
    "trends",
    "insights",
    "undo",
    "redo",
    "log",
    "no_cramps",
    "quit",
    "dashboard",
}
"""Actions that only make sense with no modal open (a focused checkbox must not quit the app)."""

TYPING_ACTIONS = {"log", "no_cramps", "help", "history", "trends", "insights", "settings", "undo", "quit"}
"""Priority keys that a focused text field gets instead (an `n` typed in a shoe name stays an n)."""


def allowed(action: str, screen: Screen[Any]) -> bool:
    """Whether the app's `action` may run over `screen` (`App.check_action`)."""
    if action == "quit" and isinstance(screen, SavingForm) and screen.saving:
        return True  # q on a form that is saving: quit once the entry is written
    modal = action in NAVIGATION and isinstance(screen, ModalScreen)
    return not (modal or (action in TYPING_ACTIONS and isinstance(screen.focused, Input)))


GLOBAL_KEYS: dict[str, str] = {key: k.action for k in KEYS if k.where == "app" for key in k.key.split(",")}
"""Key -> app action for the keys that mean the same on every screen."""


def help_sections(
    cup: str, screens: Mapping[str, Sequence[BindingType]] | None = None
) -> tuple[tuple[str, tuple[tuple[tuple[str, str], ...], ...]], ...]:
    """Help's key list: by section, each line's (key, what it does), the drink's default `cup`;
    a key that opens a screen in `screens` (action -> the screen's `BINDINGS`) is followed by
    that screen's own keys (`own_keys`)."""
    screens = screens or {}

    def said(action: str) -> str:
        text = BY_ACTION[action].help.format(cup=cup)
        return f"{text}. {own_keys(screens[action])}" if action in screens else text

    return tuple(
        (
            title,
            tuple(
                tuple((BY_ACTION[a].shown, said(a)) for a in line) if line else (("", NO_KEY_FORMS),) for line in lines
            ),
        )
        for title, lines in HELP_SECTIONS
    )


def key_names(binding: Binding, typed: bool = False) -> list[str]:
    """A binding's keys as people write them: `[` for left_square_bracket, `+`, `esc`, `del`,
    `ctrl+s`; a binding's own `key_display` (`⇥`) unless `typed` (`tab`, as the docs name it).
    (The footer writes `ctrl+s` as Textual's `^s`.)"""
    from textual.keys import format_key

    if binding.key_display and "," not in binding.key and not typed:
        return [binding.key_display]
    return [format_key(key.strip()) for key in binding.key.split(",")]


def own_bindings(bindings: Sequence[BindingType]) -> list[Binding]:
    """A screen's own keys, without `escape` (every screen's way back)."""
    return [b for b in bindings if isinstance(b, Binding) and b.key != "escape"]


@dataclass(frozen=True)
class KeyRow:
    """One line of a screen's keys: a binding, or a run of bindings that say the same (`1`-`7`)."""

    names: tuple[str, ...]
    """The keys as people write them (`key_names`): one key's alternatives, or the run's keys."""
    said: str
    """What they do: the bindings' tooltip, else the footer word."""
    run: bool = False
    """Several bindings, one key each, that share their words (`1`–`7` pick the range)."""

    def shown(self, alone: str | None = " ", mark: str = "") -> str:
        """The keys, each between `mark`s: a run of three or more keys in a row (`1`, `2`, ...
        `7`) as its ends (`1–7`), other keys joined by `alone` (None: the first only). Keys
        that share words but are not in a row (`h`, `left`, `a`) are each named."""
        names = [f"{mark}{n}{mark}" for n in self.names]
        if self.run and len(names) > 2 and _in_a_row(self.names):
            return f"{names[0]}–{names[-1]}"
        return names[0] if alone is None else alone.join(names)


def _in_a_row(names: Sequence[str]) -> bool:
    """Single characters, each the next after the one before (`1 2 3`, `a b c`)."""
    return all(len(n) == 1 for n in names) and all(ord(b) - ord(a) == 1 for a, b in zip(names, names[1:]))


def key_rows(bindings: Sequence[BindingType], typed: bool = False) -> list[KeyRow]:
    """A screen's keys as people read them: a row a binding, consecutive bindings with the same
    tooltip in one row (a run of keys, as Trends' range keys); keys named as `key_names` says."""
    rows: list[KeyRow] = []
    for b in bindings:
        if not isinstance(b, Binding):
            continue
        said = b.tooltip or b.description
        if rows and b.tooltip and rows[-1].said == said:
            rows[-1] = KeyRow((*rows[-1].names, key_names(b, typed)[0]), said, run=True)
        else:
            rows.append(KeyRow(tuple(key_names(b, typed)), said))
    return rows


FIRST_CLAUSE = re.compile(r" \(|[;:] ")
"""Where a key's words (its binding's tooltip) go on past what Help's short line needs."""


def key_line(bindings: Sequence[BindingType], *, short: bool = False) -> str:
    """Keys on one line, each with what it does (its binding's tooltip, else its footer word),
    `·` between them: `e edit the entry … · d delete the entry`. `short`: only each one's first
    clause, as Help's line for a screen says it. Every line of keys the app writes is this one."""
    return " · ".join(
        f"{row.shown(None)} {FIRST_CLAUSE.split(row.said)[0] if short else row.said}" for row in key_rows(bindings)
    )


def own_keys(bindings: Sequence[BindingType]) -> str:
    """A screen's own keys on Help's line (`key_line`, first clauses), without `escape`."""
    return key_line(own_bindings(bindings), short=True)


def dashboard_lines() -> tuple[str, ...]:
    """The dashboard's key lines, a key and its word at a time, two spaces between."""
    return tuple(
        "  ".join(f"{BY_ACTION[a].shown} {BY_ACTION[a].line or BY_ACTION[a].word.lower()}" for a in line)
        for line in DASHBOARD_LINES
    )


Command = tuple[str, str, Callable[[], Any], str]
"""A palette entry: (title, help, callback, key as shown or "")."""


def command_callbacks(app: Any) -> list[Command]:
    """Every action the palette offers, calling the app's `action_*` methods directly: the log
    forms (each kind, with its key if it has one), then every other `Key` with palette words."""
    from .forms import FORMS

    keys = {k.kind: k for k in KEYS if k.kind is not None}
    out: list[Command] = [
        (form.title, f"Open the {kind} form", partial(app.action_log, kind), keys[kind].shown if kind in keys else "")
        for kind, form in FORMS.items()
    ]
    for k in KEYS:
        if k.palette:
            _, name, params = parse(k.action)
            method = getattr(app, f"action_{name}")
            out.append(
                (k.title or k.word, k.palette, partial(method, *params) if params else method, k.shown if k.key else "")
            )
    return out
