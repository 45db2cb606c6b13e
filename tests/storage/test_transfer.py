"""The writer of imports on both back ends: plain kinds written by the batch with IDs never handed
out before, records of one source never taken for each other, and a later source filling in
what an entry already there lacks, never what the user typed."""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.domain import entries as E
from cramplog.importers.records import Imported, matches
from cramplog.storage.transfer import import_all

UTC = dt.timezone.utc
AT = dt.datetime(2024, 5, 1, 6, 30, 12, tzinfo=UTC)


def test_plain_entries_go_in_batched_with_ids_never_handed_out_before(repo):
    first = repo.add(E.Drink(at=AT, tz="UTC", amount_ml=100))
    last = repo.add(E.Drink(at=AT, tz="UTC", amount_ml=200))
    repo.delete(last.id)  # its ID is spent: AUTOINCREMENT (and a sequence) never hand it out again
    drinks = [E.Drink(at=AT + dt.timedelta(minutes=i), tz="UTC", amount_ml=250 + i) for i in range(3)]
    result = import_all(repo, [(None, d) for d in drinks])
    assert result.added == {"drink": 3}
    stored = [e for e in repo.entries() if isinstance(e, E.Drink)]
    assert [d.amount_ml for d in stored] == [100, 250, 251, 252]
    assert all(d.id > last.id for d in stored[1:]) and stored[0].id == first.id
    assert len({d.uid for d in stored}) == 4
    again = repo.add(E.Drink(at=AT, tz="UTC", amount_ml=300))
    assert again.id > max(d.id for d in stored)


def test_a_dry_run_of_plain_entries_writes_nothing(repo):
    result = import_all(repo, [(None, E.Drink(at=AT, tz="UTC", amount_ml=250))], dry_run=True)
    assert result.added == {"drink": 1} and repo.entries() == []


def test_two_runs_of_one_source_are_never_one_run_even_across_imports(repo):
    """Two track sessions a minute apart from one watch are two runs (docs/import.md)."""
    a = Imported(E.Run(at=AT, tz="UTC", distance_km=0.4), "fit", "a")
    b = Imported(E.Run(at=AT + dt.timedelta(seconds=60), tz="UTC", distance_km=0.4), "fit", "b")
    result = import_all(repo, [], [a, b], match=matches)
    assert (result.added, result.already) == ({"run": 2}, 0)
    c = Imported(E.Run(at=AT + dt.timedelta(seconds=30), tz="UTC", distance_km=0.4), "fit", "c")
    assert import_all(repo, [], [c], match=matches).added == {"run": 1}
    strava = Imported(E.Run(at=AT, tz="UTC", distance_km=0.43), "strava", "9")
    assert import_all(repo, [], [strava], match=matches).already == 1  # another source: the same run


def test_a_later_source_fills_in_what_the_stored_run_lacks_and_says_so(repo):
    watch = Imported(
        E.Run(at=AT, tz="Etc/GMT-2", distance_km=5.02, duration_s=1800, note="average heart rate 151 bpm"),
        "fit",
        "serial:1",
    )
    import_all(repo, [], [watch], match=matches)
    strava = Imported(
        E.Run(
            at=AT + dt.timedelta(seconds=20),
            tz="Europe/London",
            distance_km=5.0,
            duration_s=1795,
            effort=6,
            note="Morning Run; average heart rate 151 bpm",
        ),
        "strava",
        "101",
        shoe_name="Pegasus 40",
    )
    result = import_all(repo, [], [strava], match=matches)
    assert (result.added, result.already, result.new_shoes) == ({}, 1, ["Pegasus 40"])
    assert result.filled == {"effort": 1, "note": 1, "shoe": 1}
    [stored] = [e for e in repo.entries() if isinstance(e, E.Run)]
    [shoe] = repo.shoes()
    assert (stored.effort, stored.note, stored.shoe_id) == (6, "Morning Run; average heart rate 151 bpm", shoe.id)
    assert (stored.distance_km, stored.duration_s, stored.tz) == (5.02, 1800, "Etc/GMT-2")  # kept: never overwritten
    again = import_all(repo, [], [strava], match=matches)
    assert (again.already, again.filled) == (1, {})  # nothing left to fill: said once


def test_what_the_user_typed_is_never_overwritten(repo):
    typed = repo.add_run(
        E.Run(at=AT, tz="Europe/London", distance_km=5.0, duration_s=1900, effort=4, note="calf tight after"),
        "Clifton 9",
    ).entry
    strava = Imported(
        E.Run(
            at=AT + dt.timedelta(seconds=30),
            tz="Europe/London",
            distance_km=5.04,
            duration_s=1790,
            effort=7,
            surface="trail",
            note="Morning Run",
        ),
        "strava",
        "7",
        shoe_name="Pegasus",
    )
    watch = Imported(E.Run(at=AT, tz="Etc/GMT-2", distance_km=5.01), "fit", "s:1")
    result = import_all(repo, [], [strava, watch], match=matches)
    assert (result.already, result.filled) == (2, {"surface": 1})  # the one blank it had
    stored = repo.get(typed.id)
    assert (stored.distance_km, stored.duration_s, stored.effort, stored.note, stored.shoe_id, stored.tz) == (
        5.0,
        1900,
        4,
        "calf tight after",
        typed.shoe_id,
        "Europe/London",
    )
    assert stored.surface == "trail" and [s.name for s in repo.shoes()] == ["Clifton 9"]


def test_a_run_without_a_distance_is_filled_in_by_the_run_with_one(repo):
    health = Imported(
        E.Run(at=AT, tz="Europe/London", workout="other", duration_s=3600, note="run without a distance"),
        "apple_health",
        "Workout|x",
    )
    import_all(repo, [], [health], match=matches)
    watch = Imported(
        E.Run(at=AT + dt.timedelta(seconds=40), tz="Etc/GMT-2", distance_km=9.1, duration_s=3580), "fit", "s:2"
    )
    result = import_all(repo, [], [watch], match=matches)
    assert (result.already, result.filled) == (1, {"distance_km": 1})
    [stored] = [e for e in repo.entries() if isinstance(e, E.Run)]
    assert (stored.distance_km, stored.duration_s) == (9.1, 3600)


def test_a_fill_that_would_make_an_impossible_run_fills_nothing(repo):
    import_all(repo, [], [Imported(E.Run(at=AT, tz="UTC", distance_km=10.0), "gpx", "g")], match=matches)
    with pytest.raises(E.ImpossiblePace):
        E.Run(at=AT, tz="UTC", distance_km=10.0, duration_s=600)
    ten_minutes = Imported(E.Run(at=AT, tz="UTC", workout="other", duration_s=600), "apple_health", "w")
    result = import_all(repo, [], [ten_minutes], match=matches)
    assert (result.already, result.filled) == (1, {})
    assert [e.duration_s for e in repo.entries()] == [None]
