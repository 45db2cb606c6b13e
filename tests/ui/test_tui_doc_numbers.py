"""docs/tui.md's numbers against the constants they describe: prose a person reads, so it is
written by hand, and a constant changed without it leaves the page wrong (the first-run
questions' width was 64 there after their labels had grown)."""

from __future__ import annotations

from pathlib import Path

from cramplog.domain.settings import WORN_NOTICE
from cramplog.ui.modals import entry_form, first_run

DOC = (Path(__file__).resolve().parents[2] / "docs" / "tui.md").read_text()


def _prose(text: str) -> str:
    return " ".join(text.split())


def test_the_worn_shoe_notice_is_at_the_share_the_dashboard_uses():
    assert f"A shoe in use that has run {WORN_NOTICE:.0%} of its life or more gets a one-line notice" in _prose(DOC)


def test_the_widths_where_labels_go_over_their_fields_are_the_forms_own():
    said = f"Below {entry_form.STACK_BELOW} columns (the first-run questions: {first_run.STACK_BELOW})"
    assert said in _prose(DOC)


def test_keys_typed_after_enter_wait_as_long_as_the_form_holds_them():
    assert f"Keys typed after Enter wait up to {entry_form.SAVE_HOLD_LIMIT:g} s for the save's answer" in _prose(DOC)
