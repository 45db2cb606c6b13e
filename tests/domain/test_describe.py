"""describe(): the one wording of an entry, shared by the CLI, the History screen and the toasts."""

from __future__ import annotations

import datetime as dt

from cramplog.domain import entries as E
from cramplog.domain.describe import describe, moment
from cramplog.domain.vocab import DRINK_KINDS, choose, label

AT = dt.datetime(2026, 3, 14, 7, 0, tzinfo=dt.timezone.utc)


def test_a_run_names_its_shoe_when_the_name_is_known():
    run = E.Run(at=AT, tz="UTC", distance_km=8.5, shoe_id=19)
    assert describe(run, shoes={19: "Pegasus 40"}) == "run 8.5 km, shoe 'Pegasus 40'"
    assert describe(run) == "run 8.5 km, shoe #19", "without the names the ID still says which shoe"


def test_drink_kinds_read_as_the_vocabulary_and_the_label_reads_back():
    drink = E.Drink(at=AT, tz="UTC", amount_ml=250, drink_kind="coffee_tea")
    assert describe(drink) == "250 ml coffee/tea"
    assert all(choose(label(k), DRINK_KINDS, "drink kind") == k for k in DRINK_KINDS)


def test_a_check_in_can_leave_out_its_day_where_the_day_is_shown_beside_it():
    checkin = E.CheckIn(day=dt.date(2026, 3, 13), tz="UTC", no_cramps=True, sleep_hours=7.5)
    assert describe(checkin) == "check-in for 2026-03-13, no cramps, slept 7.5 h"
    assert describe(checkin, dated=False) == "no cramps, slept 7.5 h"
    # A check-in with nothing ticked says what it said of cramps (not a bare "checked in").
    assert describe(E.CheckIn(day=dt.date(2026, 3, 13), tz="UTC"), dated=False) == "checked in"


def test_every_kind_has_one_word_for_people_and_the_word_reads_back():
    from cramplog.domain.entries import KINDS
    from cramplog.domain.vocab import kind_of_word, kind_word

    words = [kind_word(kind) for kind in KINDS]
    assert words[-1] == "check-in" and "medicine" in words and "med" not in words
    assert len(set(words)) == len(KINDS)
    assert [kind_of_word(word) for word in words] == list(KINDS)
    assert kind_of_word("cramp") == "cramp" and kind_of_word("nonsense") == "nonsense"


def test_a_moment_is_the_true_local_time_with_the_diary_day_beside_it_where_they_differ():
    """03:10 on Thursday happened on Thursday (issue 24); it counts for Wednesday's diary. The
    local time is the entry's own zone, whatever zone the instant came in."""
    night = E.Cramp(
        at=dt.datetime(2026, 12, 3, 2, 10, tzinfo=dt.timezone.utc), tz="Europe/Berlin", muscle="calf", severity=5
    )
    m = moment(night, dt.time(4))
    assert m.text() == "Thu 03 Dec 2026 03:10 (diary day Wed 02 Dec)"
    assert m.date == dt.date(2026, 12, 3) and m.day == dt.date(2026, 12, 2) and m.shifted
    assert moment(night, dt.time(3)).text() == "Thu 03 Dec 2026 03:10", "after a 03:00 boundary: no note"
    day_only = E.Medicine(name="x", start=dt.date(2026, 12, 2), tz="Europe/Berlin")
    assert moment(day_only, dt.time(4)).text() == "Wed 02 Dec 2026" and not moment(day_only, dt.time(4)).shifted
