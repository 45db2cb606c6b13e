"""An option given an empty value is refused, never read as "left out" (review B, M3).

`--at ""`, `" "`, a tab or escapes alone logged the entry now; `edit 3 --at ""` moved a drink
to now; `checkin --date "$D"` with D unset checked in today; `run --shoe ""` dropped the shoe;
`list --from ''` did not filter while `--from ' '` meant today; `experiment plan --minutes 0`
planned 3 minutes. A script's unset variable wrote wrong data with exit 0.
Template: cramp #1, shoe #2, drink #3, run #4, check-in #5, food #6.
"""

from __future__ import annotations

import pytest

from .contract import ESC

BLANKS = ["", " ", "\t", "\x1b[2J", ESC]


@pytest.mark.parametrize("blank", BLANKS)
@pytest.mark.parametrize(
    "args",
    [
        ("drink", "500", "--at"),
        ("checkin", "--date"),
        ("diet", "vegan", "--date"),
        ("med", "x", "--start"),
        ("injury", "ankle", "--date"),
        ("shoe", "Novablast", "--first-used"),
        ("run", "5", "--shoe"),
        ("cramp", "calf", "-s", "5", "--duration"),
        ("edit", "3", "--at"),
        ("edit", "1", "--duration"),
        ("list", "--from"),
        ("list", "--to"),
        ("report", "--from"),
        ("insights", "--from"),
        ("trends", "--chart"),
        ("experiment", "plan", "--yes", "--minutes"),
        ("experiment", "plan", "--yes", "--start"),
    ],
)
def test_an_empty_value_is_refused(journal, args, blank):
    journal.refuses(*args, blank, reason="is empty")


def test_none_still_clears_an_optional_field_and_zero_minutes_is_refused(journal):
    journal.accepts("edit", "1", "--duration", "90")
    journal.accepts("edit", "1", "--duration", "none")
    journal.refuses("experiment", "plan", "--yes", "--minutes", "0", reason="minutes")
