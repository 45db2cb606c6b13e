"""docs/tui.md's key tables against the one declaration of the keys (`cramplog.ui.keys.KEYS`).

The tables say more than the declaration (the fastest path, what a screen shows), so they are
written by hand; these tests hold the part the declaration states: which keys there are and what
each one does. They read the docs as a person does: a row's first cell is the key, as written.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.actions import parse

from cramplog.ui.keys import GLOBAL_KEYS, KEYS, Key, dashboard_bindings, help_sections

DOC = Path(__file__).resolve().parents[2] / "docs" / "tui.md"


def _table(heading: str) -> list[tuple[list[str], str, str]]:
    """The rows of the first table under `heading`: (keys in the first cell, second cell, row)."""
    text = DOC.read_text()
    section = text[text.index(heading) :]
    rows = []
    for line in section.splitlines()[1:]:
        if line.startswith("## "):
            break
        if line.startswith("| `") or line.startswith("| Enter") or line.startswith("| Escape"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows.append((re.findall(r"`([^`]+)`", cells[0]), cells[1], line))
        elif rows and not line.startswith("|"):
            break
    return rows


def _by_shown(where: tuple[str, ...]) -> dict[str, Key]:
    return {k.shown: k for k in KEYS if k.key and k.where in where}


def _says(key: Key, text: str) -> bool:
    """Whether a docs cell names what `key` does: the kind a log key logs, else its action
    (`command_palette`: "command palette")."""
    _, name, _ = parse(key.action)
    said = key.kind or name.replace("_", " ")
    return said in text.lower()


def test_the_logging_table_lists_every_logging_key_with_what_it_logs():
    rows = _table("## Logging: one key per kind")
    declared = _by_shown(("app",))
    logging = [k.shown for k in KEYS if k.kind is not None or k.action == "no_cramps"]
    assert [keys[0] for keys, _, _ in rows] == logging
    for keys, logs, row in rows:
        assert _says(declared[keys[0]], logs), row


def test_the_other_keys_table_says_what_each_key_does():
    rows = _table("## Other keys")
    declared = _by_shown(("app", "textual"))
    assert rows, "no table under '## Other keys'"
    for keys, does, row in rows:
        assert keys[0] in declared, f"{keys[0]} is in docs/tui.md but not declared in cramplog.ui.keys"
        assert _says(declared[keys[0]], does), row


def test_every_key_of_every_screen_is_in_the_docs():
    text = " ".join(DOC.read_text().split())  # a phrase may break over two lines
    for k in KEYS:
        if k.key and k.where != "palette":
            assert f"`{k.shown}`" in text or (k.key == "enter" and "Enter on the dashboard" in text), k


def test_help_lists_every_key_that_has_words_for_it():
    listed = {key for _, lines in help_sections("250 ml") for line in lines for key, _ in line if key}
    assert listed == {k.shown for k in KEYS if k.help}


def test_the_dashboard_footer_shows_keys_that_work_on_every_screen():
    footer = [b for b in dashboard_bindings() if b.show]
    assert [b.key for b in footer] == ["c", "w", "h", "t", "a", "o"]
    assert all(GLOBAL_KEYS[b.key] == b.action.removeprefix("app.") for b in footer)
