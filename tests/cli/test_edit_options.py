"""`edit`'s options read as the logging commands read them (review B, H1 and M1).

Every valued option needs a value: `--note` alone and `--no-note` were saved as the text "true"
and "false" (and `--no-shoe` made a shoe called 'false'). Yes/no options take their on and off
words, the check-in's own (`--no-cramps`, `--not-hot`) included.
Template: cramp #1, shoe #2, drink #3, run #4, check-in #5 (no cramps), food #6.
"""

from __future__ import annotations

import json

import pytest


def entry(journal, entry_id: int) -> dict:
    code, out, err = journal("export")
    assert code == 0, err
    return next(e for e in json.loads(out)["entries"] if e["id"] == entry_id)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("edit", "1", "--no-note"), "no option --no-note"),
        (("edit", "1", "--note"), "--note needs a value"),
        (("edit", "1", "--note", "--severity", "5"), "--note needs a value"),
        (("edit", "4", "--no-shoe"), "no option --no-shoe"),
        (("edit", "4", "--shoe"), "--shoe needs a value"),
        (("edit", "1", "--no-relief"), "no option --no-relief"),
        (("edit", "1", "--severity"), "--severity needs a value"),
        (("edit", "6", "--no-text"), "no option --no-text"),
        (("edit", "5", "--not-hot=yes"), "takes no value"),
        (("edit", "1", "--no-side"), "no option --no-side"),
    ],
)
def test_a_valued_option_without_a_value_or_negated_is_refused(journal, args, reason):
    journal.refuses(*args, reason=reason)


def test_a_shoe_named_false_is_never_made(journal):
    journal.refuses("edit", "4", "--no-shoe")
    assert "false" not in journal("list", "--kind", "shoe")[1]


def test_yes_no_options_take_their_on_and_off_words(journal):
    journal.accepts("edit", "1", "--tingling")
    assert entry(journal, 1)["tingling"] is True
    journal.accepts("edit", "1", "--no-tingling", "--persistent-pain")
    assert (entry(journal, 1)["tingling"], entry(journal, 1)["persistent_pain"]) == (False, True)
    journal.accepts("edit", "1", "--persistent-pain", "no", "--note=--dash is fine")
    assert entry(journal, 1)["persistent_pain"] is False


def test_the_check_ins_negations_work_through_edit(journal):
    assert entry(journal, 5)["no_cramps"] is True
    journal.accepts("edit", "5", "--no-cramps", "no", "--hot-day")
    assert (entry(journal, 5)["no_cramps"], entry(journal, 5)["hot_day"]) == (False, True)
    journal.accepts("edit", "5", "--not-hot", "--no-cramps")
    assert (entry(journal, 5)["no_cramps"], entry(journal, 5)["hot_day"]) == (True, False)


def test_an_empty_note_still_clears_it_and_json_still_reads(journal):
    journal.accepts("edit", "1", "--note", "calf at night")
    code, out, _ = journal("edit", "1", "--note=", "--json")
    assert code == 0 and json.loads(out)["entry"]["note"] == ""
