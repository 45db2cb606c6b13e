"""docs/tui.md's descriptions of every screen's own keys (and a form's, and the first-run
questions') are built from their `BINDINGS`, the one statement of those keys (each key with what
it does, as Help and the footer say it), so a binding changed in code changes the docs.
Regenerate after changing one: python -m tests.ui.test_screen_keys_docs
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from textual.binding import Binding, BindingType
from textual.screen import Screen

import cramplog.ui.modals
import cramplog.ui.screens
from cramplog.analysis.trends import RANGES
from cramplog.ui.keys import KeyRow, key_rows
from cramplog.ui.modals.confirm import ConfirmModal
from cramplog.ui.modals.date_prompt import DatePromptModal
from cramplog.ui.modals.entry_form import EntryFormModal
from cramplog.ui.modals.first_run import FirstRunModal
from cramplog.ui.modals.output import PathPromptModal, PreviewModal
from cramplog.ui.modals.red_flag import RedFlagModal
from cramplog.ui.screens.cramp_context import CrampContextScreen
from cramplog.ui.screens.dashboard import DashboardScreen
from cramplog.ui.screens.experiment import ExperimentScreen
from cramplog.ui.screens.help import HelpScreen
from cramplog.ui.screens.history import HistoryScreen
from cramplog.ui.screens.insights import InsightsScreen
from cramplog.ui.screens.quick_log import QuickCrampScreen
from cramplog.ui.screens.settings import SettingsScreen
from cramplog.ui.screens.trends import TrendsScreen
from tests.support.doc_tables import between, regenerate


def _rows(bindings: Sequence[BindingType]) -> list[KeyRow]:
    for b in bindings:
        assert isinstance(b, Binding) and b.tooltip, f"{b}: a screen's key says what it does (tooltip)"
    return key_rows(bindings, typed=True)


def table(bindings: Sequence[BindingType]) -> str:
    """A table, for a screen with many keys."""
    rows = ["| Key | Does |", "|---|---|"]
    rows += [f"| {row.shown(' or ', '`')} | {row.said} |" for row in _rows(bindings)]
    return "\n".join(rows)


def listing(bindings: Sequence[BindingType]) -> str:
    """A list, for a screen with a few keys, in its prose."""
    return "\n".join(f"- {row.shown(' or ', '`')}: {row.said}" for row in _rows(bindings))


SCREENS: dict[str, tuple[type[Screen[Any]], Callable[[Sequence[BindingType]], str]]] = {
    "history-keys": (HistoryScreen, table),
    "context-keys": (CrampContextScreen, listing),
    "settings-keys": (SettingsScreen, table),
    "trends-keys": (TrendsScreen, table),
    "insights-keys": (InsightsScreen, table),
    "experiment-keys": (ExperimentScreen, listing),
    "quick-keys": (QuickCrampScreen, listing),
    "form-keys": (EntryFormModal, listing),
    "first-run-keys": (FirstRunModal, listing),
}
"""The generated parts of docs/tui.md: the screen each lists the keys of, and in what form."""

ONE_WAY_OUT = "its one key closes it (Escape, or a button on a phone), as the docs' prose says"

UNLISTED: dict[type[Screen[Any]], str] = {
    DashboardScreen: "its keys are declared in cramplog.ui.keys; tests/ui/test_keys_declared.py holds the docs to them",
    HelpScreen: ONE_WAY_OUT,
    ConfirmModal: "a yes/no question whose keys each caller passes with their words, shown on the question",
    DatePromptModal: ONE_WAY_OUT,
    PathPromptModal: ONE_WAY_OUT,
    PreviewModal: ONE_WAY_OUT,
    RedFlagModal: ONE_WAY_OUT,
}
"""Screens whose keys docs/tui.md does not generate a list of, and why."""


@pytest.mark.parametrize("name", SCREENS)
def test_the_docs_keys_are_built_from_the_screens_bindings(name):
    screen, form = SCREENS[name]
    assert between("tui.md", name) == form(screen.BINDINGS), "regenerate: python -m tests.ui.test_screen_keys_docs"


@pytest.mark.parametrize("name", SCREENS)
def test_a_changed_binding_no_longer_matches_the_docs(name):
    """Guard against a list that cannot fail: a key's words changed in code differ from the docs."""
    screen, form = SCREENS[name]
    first, *rest = screen.BINDINGS
    assert isinstance(first, Binding)
    changed = [Binding(first.key, first.action, first.description, tooltip=f"{first.tooltip}!"), *rest]
    assert between("tui.md", name) != form(changed)


def test_every_screen_and_dialog_with_keys_has_its_keys_in_the_docs():
    """A new screen or dialog (or the first binding of one) needs its generated part in
    docs/tui.md, or a reason in `UNLISTED`."""
    found = set()
    for package in (cramplog.ui.screens, cramplog.ui.modals):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found |= {
                cls
                for _, cls in inspect.getmembers(module, inspect.isclass)
                if issubclass(cls, Screen) and cls.__module__ == module.__name__ and cls.BINDINGS
            }
    documented = {screen for screen, _ in SCREENS.values()} | set(UNLISTED)
    assert found - documented == set()
    assert documented - found == set(), "a screen listed here no longer has keys"


def test_a_run_of_keys_that_say_the_same_is_one_row():
    """Trends' digit keys share their words (one range each, in key order): one row, `1`–`7`."""
    digits = [row for row in key_rows(TrendsScreen.BINDINGS, typed=True) if row.run]
    assert len(digits) == 1 and digits[0].names == tuple(str(n) for n in range(1, len(RANGES) + 1))
    assert f"`1`–`{len(RANGES)}`" in between("tui.md", "trends-keys")


def test_keys_that_share_words_but_are_not_in_a_row_are_each_named():
    """Three bindings with one tooltip are a range only when their keys follow each other: `h`,
    `left` and `a` (three ways to go back) must not read `h–a`, which names keys that do nothing."""
    back = [Binding(key, "back", "Back", tooltip="go back a week") for key in ("h", "left", "a")]
    digits = [Binding(str(n), f"range({n})", str(n), tooltip="show a range") for n in (1, 2, 3)]
    assert key_rows(back)[0].shown() == "h ← a"
    assert key_rows(back)[0].shown(" / ") == "h / ← / a"
    assert key_rows(digits)[0].shown() == "1–3"


if __name__ == "__main__":
    for name, (screen, form) in SCREENS.items():
        regenerate("tui.md", name, form(screen.BINDINGS))
