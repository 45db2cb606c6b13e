"""The repository on a real SQLite file: domain objects out, constraints in force, WAL, perms."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat

import pytest

from cramplog.domain import entries as E
from cramplog.errors import InvalidInput, NotFound
from cramplog.storage.repository import JournalRepository

AT = dt.datetime(2026, 11, 24, 13, 0, tzinfo=dt.timezone.utc)


def one_of_each(shoe_id: int) -> list[E.Entry]:
    tz = "Europe/Berlin"
    return [
        E.Cramp(
            at=AT,
            tz=tz,
            muscle="calf",
            severity=7,
            side="left",
            context="night",
            duration_s=90,
            relief="stood up",
            swelling="one_leg",
            tingling=True,
            persistent_pain=True,
            note="ouch",
        ),
        E.Drink(at=AT, tz=tz, amount_ml=330, drink_kind="electrolyte"),
        E.Stretch(at=AT, tz=tz, minutes=12, muscles=("calf", "hamstring"), style="yoga", cramped=True),
        E.Run(
            at=AT,
            tz=tz,
            distance_km=10.5,
            duration_s=3300,
            effort=7,
            shoe_id=shoe_id,
            surface="trail",
            workout="intervals",
            comfort=4,
        ),
        E.Food(at=AT, tz=tz, food="banana", servings=2, magnesium_mg=64, potassium_mg=844),
        E.Diet(day=dt.date(2026, 10, 1), tz=tz, pattern="vegan", b12=False),
        E.Medicine(name="atorvastatin", start=dt.date(2026, 9, 1), tz=tz, med_class="statin", dose="20 mg"),
        E.Injury(day=dt.date(2026, 11, 20), tz=tz, site="ankle", severity=3),
        E.Symptom(at=AT, tz=tz, symptom="warm_red_calf", side="right"),
        E.CheckIn(day=dt.date(2026, 11, 23), tz=tz, no_cramps=True, hot_day=False, sleep_hours=6.5, soreness=2),
    ]


def test_every_kind_round_trips_as_a_domain_object(repo):
    shoe = repo.add(E.Shoe(name="Pegasus 40", first_used=dt.date(2026, 9, 1), tz="UTC", start_km=12.5, life_km=700))
    originals = [shoe, *(repo.add(e) for e in one_of_each(shoe.id))]
    assert {e.kind for e in originals} == set(E.KINDS)
    loaded = {e.id: e for e in repo.entries()}
    for original in originals:
        assert loaded[original.id] == original
        assert type(loaded[original.id]) is type(original)  # a dataclass, not an ORM row
    assert repo.shoe_distances() == {shoe.id: 23.0}


def test_stored_instant_is_utc_with_the_zone_beside_it(repo, db_path):
    entry = repo.add(
        E.Drink(
            at=dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            tz="Europe/Berlin",
            amount_ml=250,
        )
    )
    row = sqlite3.connect(db_path).execute("SELECT at_utc, tz FROM entry WHERE id = ?", (entry.id,)).fetchone()
    assert row == ("2026-11-24 07:30:00.000000", "Europe/Berlin")
    assert repo.get(entry.id).at.utcoffset() == dt.timedelta(hours=1)


@pytest.mark.sqlite_only
def test_pragmas_wal_foreign_keys_busy_timeout(repo):
    conn = repo._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_file_and_folder_are_private(tmp_path):
    path = tmp_path / "new" / "journal.db"
    JournalRepository.open(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


@pytest.mark.parametrize(
    ("sql", "values"),
    [
        (
            "INSERT INTO cramp (id, muscle, severity, side, context, relief, swelling, tingling, persistent_pain) "
            "VALUES (?, 'calf', 11, 'left', 'other', '', 'none', 0, 0)",
            "severity",
        ),
        (
            "INSERT INTO cramp (id, muscle, severity, side, context, relief, swelling, tingling, persistent_pain) "
            "VALUES (?, 'elbow', 5, 'left', 'other', '', 'none', 0, 0)",
            "muscle",
        ),
        ("INSERT INTO drink (id, amount_ml, drink_kind) VALUES (?, -5, 'water')", "amount"),
        ("INSERT INTO drink (id, amount_ml, drink_kind) VALUES (?, 250, 'lava')", "kind"),
        ("INSERT INTO run (id, distance_km, workout) VALUES (?, 5, 'run')", "no-parent"),
    ],
)
def test_check_constraints_mirror_the_domain(repo, db_path, sql, values):
    """Even SQL that bypasses the domain cannot store what the domain refuses."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(
        "INSERT INTO entry (id, kind, at_utc, tz, note, uid, created_utc, updated_utc) "
        "VALUES (99, 'cramp', '2026-01-01 00:00:00', 'UTC', '', 'u99', '2026-01-01', '2026-01-01')"
    )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(sql, (99 if values != "no-parent" else 1234,))
    conn.rollback()


def test_vocabularies_and_check_constraints_agree(repo, db_path):
    """Every word the domain accepts is accepted by the database (no drift between them)."""
    from cramplog.domain import vocab

    for muscle in vocab.MUSCLES:
        repo.add(E.Cramp(at=AT, tz="UTC", muscle=muscle, severity=1))
    for symptom in vocab.SYMPTOMS:
        repo.add(E.Symptom(at=AT, tz="UTC", symptom=symptom))
    for med_class in vocab.MED_CLASSES:
        repo.add(E.Medicine(name="x", start=dt.date(2026, 1, 1), tz="UTC", med_class=med_class))
    assert repo.count() == len(vocab.MUSCLES) + len(vocab.SYMPTOMS) + len(vocab.MED_CLASSES)


def test_update_validates_and_keeps_the_id(repo):
    cramp = repo.add(E.Cramp(at=AT, tz="UTC", muscle="calf", severity=7))
    assert repo.update(cramp.id, severity=4).severity == 4
    with pytest.raises(InvalidInput):
        repo.update(cramp.id, severity=11)
    assert repo.get(cramp.id).severity == 4


def test_delete_returns_the_entry_and_restore_puts_it_back(repo):
    cramp = repo.add(E.Cramp(at=AT, tz="UTC", muscle="calf", severity=7))
    removed = repo.delete(cramp.id)
    with pytest.raises(NotFound):
        repo.get(cramp.id)
    assert repo.restore(removed) == cramp


def test_a_shoe_with_runs_cannot_be_deleted(repo):
    shoe = repo.add(E.Shoe(name="Old", first_used=dt.date(2026, 1, 1), tz="UTC"))
    repo.add(E.Run(at=AT, tz="UTC", distance_km=5, shoe_id=shoe.id))
    with pytest.raises(InvalidInput, match="retire it instead"):
        repo.delete(shoe.id)
    assert repo.get(shoe.id) == shoe


def test_add_many_is_all_or_nothing(repo):
    good = E.Drink(at=AT, tz="UTC", amount_ml=250)
    with pytest.raises(InvalidInput):
        repo.add_many([good, E.Run(at=AT, tz="UTC", distance_km=5, shoe_id=12345)])
    assert repo.count() == 0


def test_one_checkin_per_day(repo):
    first = repo.add(E.CheckIn(day=dt.date(2026, 11, 23), tz="UTC", no_cramps=True))
    second = repo.add(E.CheckIn(day=dt.date(2026, 11, 23), tz="UTC", no_cramps=True, hot_day=True))
    assert first.id == second.id and repo.count() == 1
    [stored] = repo.entries(["checkin"])
    assert stored.hot_day is True


def test_a_second_check_in_merges_only_what_it_says(repo):
    """An imported check-in (or a second one saved for the day) that leaves sleep blank or "no
    cramps" unticked says nothing of them: the day's check-in keeps its own (it used to be cleared)."""
    day = dt.date(2026, 11, 23)
    repo.add(E.CheckIn(day=day, tz="UTC", no_cramps=True, sleep_hours=7.5, soreness=2, note="slept well"))
    with repo.bulk() as batch:
        batch.add(E.CheckIn(day=day, tz="UTC", hot_day=True))
    repo.add(E.CheckIn(day=day, tz="UTC", soreness=4))
    [stored] = repo.entries(["checkin"])
    assert (stored.no_cramps, stored.sleep_hours, stored.hot_day, stored.soreness, stored.note) == (
        True,
        7.5,
        True,
        4,
        "slept well",
    )


def test_check_in_merges_into_the_days_check_in(repo):
    day = dt.date(2026, 11, 23)
    first, created = repo.check_in(day, "UTC", no_cramps=True)
    assert created and first.no_cramps and first.hot_day is None
    merged, created = repo.check_in(day, "UTC", hot_day=True, sleep_hours=7.0)
    assert not created and merged.id == first.id
    assert (merged.no_cramps, merged.hot_day, merged.sleep_hours) == (True, True, 7.0)
    assert repo.count() == 1
    with pytest.raises(InvalidInput):
        repo.check_in(day, "UTC", soreness=11)
    assert repo.get(first.id) == merged


def test_change_token_moves_on_every_add_edit_delete(repo):
    tokens = [repo.change_token()]
    entry = repo.add(E.Drink(at=AT, tz="UTC", amount_ml=250))
    tokens.append(repo.change_token())
    repo.update(entry.id, amount_ml=300)
    tokens.append(repo.change_token())
    repo.delete(entry.id)
    tokens.append(repo.change_token())
    assert all(a != b for a, b in zip(tokens, tokens[1:]))


def test_entries_filter_by_kind_and_time(repo):
    repo.add(E.Drink(at=AT, tz="UTC", amount_ml=250))
    repo.add(E.Drink(at=AT - dt.timedelta(days=2), tz="UTC", amount_ml=500))
    repo.add(E.Cramp(at=AT, tz="UTC", muscle="calf", severity=3))
    drinks = repo.entries(["drink"], since=AT - dt.timedelta(days=1))
    assert [d.amount_ml for d in drinks] == [250]
    assert repo.last("drink").amount_ml == 250


def test_two_writers_at_once_lose_nothing(db_path):
    """The TUI and a shell command may write the same journal concurrently (WAL + busy timeout)."""
    import threading

    JournalRepository.open(db_path).close()
    errors: list[Exception] = []

    def writer(n: int) -> None:
        repo = JournalRepository.open(db_path)
        try:
            for i in range(40):
                repo.add(E.Drink(at=AT, tz="UTC", amount_ml=100 + n, note=f"{n}-{i}"))
        except Exception as exc:
            errors.append(exc)
        finally:
            repo.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert JournalRepository.open(db_path).count() == 120


def test_a_cramp_outranks_its_days_no_cramps_check_in(repo):
    """One merge rule for every path: a cramp logged for a day checked in as "no cramps"
    turns that check-in's "no cramps" off (03:10 belongs to the evening before)."""
    day = dt.date(2026, 11, 23)
    repo.check_in(day, "UTC", no_cramps=True, sleep_hours=7.0)
    repo.check_in(day + dt.timedelta(days=1), "UTC", no_cramps=True)
    repo.add(E.Cramp(at=dt.datetime(2026, 11, 24, 3, 10, tzinfo=dt.timezone.utc), tz="UTC", muscle="calf", severity=5))
    checkins = {c.day: (c.no_cramps, c.sleep_hours) for c in repo.entries(["checkin"])}
    assert checkins == {day: (False, 7.0), day + dt.timedelta(days=1): (True, None)}


def test_save_says_which_no_cramps_check_in_a_cramp_turned_off(repo):
    """The answer comes from the write itself, in the cramp's zone (00:30 in Los Angeles on the
    24th is 08:30 UTC, still the 23rd's diary day there)."""
    day = dt.date(2026, 11, 23)
    repo.check_in(day, "UTC", no_cramps=True)
    repo.check_in(day + dt.timedelta(days=1), "UTC", no_cramps=True)
    la = dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.timezone.utc)
    saved = repo.save(E.Cramp(at=la, tz="America/Los_Angeles", muscle="calf", severity=5))
    assert saved.cleared == day and saved.entry.id is not None
    night = dt.datetime(2026, 11, 24, 3, 10, tzinfo=dt.timezone.utc)
    assert repo.save(E.Cramp(at=night, tz="UTC", muscle="calf", severity=5)).cleared is None  # already off
    assert repo.save(
        E.Cramp(at=night + dt.timedelta(days=1), tz="UTC", muscle="calf", severity=5)
    ).cleared == day + dt.timedelta(days=1)
    assert repo.save(E.Drink(at=night, tz="UTC", amount_ml=250)).cleared is None
    edited = repo.save(saved.entry.replace(severity=6))  # an edit: updated in place, nothing cleared
    assert (edited.entry.id, edited.entry.severity, edited.cleared) == (saved.entry.id, 6, None)


def test_a_diary_day_with_a_cramp_cannot_be_checked_in_as_cramp_free(repo):
    """The journal never says both: checking in "no cramps" (or editing a check-in to say so) on a
    diary day with a cramp is refused; the cramp's diary day is in its own zone (03:10 UTC on the
    24th is 19:10 on the 23rd in Los Angeles)."""
    repo.add(
        E.Cramp(
            at=dt.datetime(2026, 11, 24, 3, 10, tzinfo=dt.timezone.utc),
            tz="America/Los_Angeles",
            muscle="calf",
            severity=5,
        )
    )
    with pytest.raises(InvalidInput, match="Mon 23 Nov has a cramp logged") as refused:
        repo.check_in(dt.date(2026, 11, 23), "UTC", no_cramps=True)
    assert refused.value.field == "no_cramps"
    checkin, _ = repo.check_in(dt.date(2026, 11, 23), "UTC", sleep_hours=7.0)  # other values: fine
    with pytest.raises(InvalidInput, match="has a cramp logged"):
        repo.update(checkin.id, no_cramps=True)
    assert repo.check_in(dt.date(2026, 11, 24), "UTC", no_cramps=True)[0].no_cramps  # the next day
    assert [c.no_cramps for c in repo.entries(["checkin"])] == [False, True]


def test_a_no_cramps_check_in_saved_on_a_cramp_day_is_refused_and_an_imported_one_comes_in_off(repo):
    """The form's save (`save`, `add`) refuses it as `check_in` does, writing nothing; in an import
    (`bulk`, all or nothing) the cramp outranks it, as a cramp logged after it would: it comes in,
    and merges into the day's check-in, with "no cramps" off and its other values kept."""
    repo.add(
        E.Cramp(
            at=dt.datetime(2026, 11, 24, 3, 10, tzinfo=dt.timezone.utc),
            tz="America/Los_Angeles",
            muscle="calf",
            severity=5,
        )
    )
    contradicting = E.CheckIn(day=dt.date(2026, 11, 23), tz="UTC", no_cramps=True, sleep_hours=6.0)
    for save in (repo.save, repo.add):
        with pytest.raises(InvalidInput, match="Mon 23 Nov has a cramp logged") as refused:
            save(contradicting)
        assert refused.value.field == "no_cramps"
    assert repo.entries(["checkin"]) == []
    with repo.bulk() as batch:
        batch.add(contradicting)
        batch.add(contradicting.replace(hot_day=True))  # merges
        batch.add(E.CheckIn(day=dt.date(2026, 11, 24), tz="UTC", no_cramps=True))  # no cramp that day
    checkins = {c.day: (c.no_cramps, c.sleep_hours, c.hot_day) for c in repo.entries(["checkin"])}
    assert checkins == {dt.date(2026, 11, 23): (False, 6.0, True), dt.date(2026, 11, 24): (True, None, None)}


def test_a_cramp_edited_onto_a_no_cramps_day_turns_that_check_in_off(repo):
    """Moving a cramp's time onto a day checked in as "no cramps" (an edit, or undoing an edit) is
    a cramp logged there: the check-in is turned off in the same write and the save says so."""
    cramp = repo.add(
        E.Cramp(at=dt.datetime(2026, 11, 20, 17, tzinfo=dt.timezone.utc), tz="UTC", muscle="calf", severity=5)
    )
    repo.check_in(dt.date(2026, 11, 19), "UTC", no_cramps=True, sleep_hours=7.0)
    saved = repo.edit(cramp.id, at=dt.datetime(2026, 11, 19, 17, tzinfo=dt.timezone.utc))
    assert saved.cleared == dt.date(2026, 11, 19)
    [checkin] = repo.entries(["checkin"])
    assert (checkin.no_cramps, checkin.sleep_hours) == (False, 7.0)
    assert repo.edit(cramp.id, severity=6).cleared is None


def test_undoing_a_cramp_leaves_no_cramps_off_while_another_cramp_is_that_day(repo):
    day = dt.date(2026, 11, 23)
    repo.check_in(day, "UTC", no_cramps=True)
    first = repo.add(
        E.Cramp(at=dt.datetime(2026, 11, 23, 20, tzinfo=dt.timezone.utc), tz="UTC", muscle="calf", severity=5)
    )
    repo.add(E.Cramp(at=dt.datetime(2026, 11, 23, 21, tzinfo=dt.timezone.utc), tz="UTC", muscle="toes", severity=2))
    repo.delete(first.id, reopen_no_cramps=True)
    assert repo.entries(["checkin"])[0].no_cramps is False


def test_a_merge_adds_what_is_set_or_ticked_and_reports_the_check_in_it_changed(repo):
    """A form's unticked "hot day" (False) says nothing in a merge; a soreness of 0 says something;
    the save names the check-in as it was, so undo can put it back."""
    day = dt.date(2026, 11, 23)
    before = repo.add(E.CheckIn(day=day, tz="UTC", hot_day=True, sleep_hours=7.0, soreness=4))
    saved = repo.save(E.CheckIn(day=day, tz="UTC", hot_day=False, soreness=0))
    assert saved.before == before and saved.entry.id == before.id
    assert (saved.entry.hot_day, saved.entry.sleep_hours, saved.entry.soreness) == (True, 7.0, 0)


def test_a_later_day_boundary_can_show_which_no_cramps_days_now_hold_a_cramp(repo):
    """04:30 on the 21st is the 21st's under 04:00 and the 20th's under 05:00 (no save can put the
    two together; a new boundary can, and `contradictions` names the check-in)."""
    repo.add(E.Cramp(at=dt.datetime(2026, 11, 21, 4, 30, tzinfo=dt.timezone.utc), tz="UTC", muscle="calf", severity=4))
    repo.check_in(dt.date(2026, 11, 20), "UTC", no_cramps=True)
    repo.check_in(dt.date(2026, 11, 19), "UTC", no_cramps=True)
    assert repo.contradictions() == []
    later = repo.with_day_boundary(dt.time(5, 0))
    assert [c.day for c in later.contradictions()] == [dt.date(2026, 11, 20)]
    assert repo.contradictions() == [] and repo.day_boundary == dt.time(4, 0)  # the first is as it was


def test_deleting_that_cramp_to_undo_it_turns_no_cramps_back_on_in_the_same_write(repo):
    """Undo of the save above: `delete(..., reopen_no_cramps=True)` puts the check-in back; a
    plain delete leaves it alone (the user deleted a cramp that happened)."""
    day = dt.date(2026, 11, 23)
    repo.check_in(day, "UTC", no_cramps=True, sleep_hours=7.0)
    night = dt.datetime(2026, 11, 24, 3, 10, tzinfo=dt.timezone.utc)
    first = repo.add(E.Cramp(at=night, tz="UTC", muscle="calf", severity=5))
    repo.delete(first.id, reopen_no_cramps=True)
    [checkin] = repo.entries(["checkin"])
    assert (checkin.no_cramps, checkin.sleep_hours) == (True, 7.0)
    second = repo.add(E.Cramp(at=night, tz="UTC", muscle="calf", severity=5))
    repo.delete(second.id)
    assert repo.entries(["checkin"])[0].no_cramps is False


def test_what_add_returns_is_what_reading_gives_back(repo):
    """`add` returns the entry as written instead of reading it again (imports depend on its
    speed); for every kind, with an offset that is not the entry's zone, the two are equal."""
    at = dt.datetime(2026, 11, 24, 9, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    shoe = repo.add(E.Shoe(name="Pegasus", first_used=dt.date(2026, 1, 1), tz="Europe/Berlin"))
    for entry in (
        E.Cramp(at=at, tz="Europe/Berlin", muscle="calf", severity=4, tingling=True, duration_s=90),
        E.Drink(at=at, tz="Europe/Berlin", amount_ml=330, drink_kind="coffee_tea", note="ok"),
        E.Stretch(at=at, tz="Asia/Tokyo", minutes=10, muscles=("calf", "hamstring")),
        E.Run(at=at, tz="UTC", distance_km=5.25, duration_s=1800, effort=6, shoe_id=shoe.id),
        E.Run(at=at, tz="UTC", distance_km=None, workout="jump_rope"),
        E.Food(at=at, tz="UTC", food="banana", servings=1.5, magnesium_mg=48.0, potassium_mg=633.0),
        E.Diet(day=dt.date(2026, 10, 1), tz="UTC", pattern="vegan", b12=True),
        E.Medicine(name="x", start=dt.date(2026, 10, 1), tz="UTC", med_class="ppi", dose="20 mg"),
        E.Injury(day=dt.date(2026, 10, 1), tz="UTC", site="calf", severity=3),
        E.Symptom(at=at, tz="UTC", symptom="tingling", side="left"),
        E.CheckIn(day=dt.date(2026, 11, 20), tz="UTC", no_cramps=True, sleep_hours=6.5),
    ):
        stored = repo.add(entry)
        again = repo.get(stored.id or 0)
        assert stored == again and stored.at.utcoffset() == again.at.utcoffset(), entry.kind
