"""docs/tui.md's tables of History's and Settings' keys are built from the screens' `BINDINGS`,
the one statement of those keys (each key with what it does, as Help and the footer say it), so
a binding changed in code changes the docs. Regenerate after changing one:
python -m tests.ui.test_screen_keys_docs
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from textual.binding import Binding, BindingType

from cramplog.ui.keys import key_names
from cramplog.ui.screens.history import HistoryScreen
from cramplog.ui.screens.settings import SettingsScreen
from tests.support.doc_tables import between, regenerate

SCREENS = {"history-keys": HistoryScreen, "settings-keys": SettingsScreen}
"""The generated part of docs/tui.md, and the screen it lists the keys of."""


def table(bindings: Sequence[BindingType]) -> str:
    rows = ["| Key | Does |", "|---|---|"]
    for b in bindings:
        assert isinstance(b, Binding) and b.tooltip, f"{b}: a screen's key says what it does (tooltip)"
        rows.append(f"| {' or '.join(f'`{k}`' for k in key_names(b))} | {b.tooltip} |")
    return "\n".join(rows)


@pytest.mark.parametrize("name", SCREENS)
def test_the_docs_key_table_is_built_from_the_screens_bindings(name):
    assert between("tui.md", name) == table(SCREENS[name].BINDINGS), (
        "regenerate: python -m tests.ui.test_screen_keys_docs"
    )


def test_a_changed_binding_no_longer_matches_the_docs():
    """Guard against a table that cannot fail: a key's words changed in code differ from the docs."""
    changed = [Binding(b.key, b.action, b.description, tooltip=f"{b.tooltip}!") for b in HistoryScreen.BINDINGS]
    assert between("tui.md", "history-keys") != table(changed)


if __name__ == "__main__":
    for name, screen in SCREENS.items():
        regenerate("tui.md", name, table(screen.BINDINGS))
