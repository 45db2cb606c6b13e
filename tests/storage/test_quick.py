"""The quick (sqlite3) path and the ORM repository read and write the same journal identically."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cramplog.domain import entries as E
from cramplog.errors import InvalidInput, NotFound
from cramplog.storage.quick import QuickJournal

from .test_repository import AT, one_of_each


@pytest.fixture
def quick(repo, db_path):
    journal = QuickJournal.open(db_path)
    yield journal
    journal.close()


def test_entries_written_quickly_read_back_identically_through_the_orm(repo, quick):
    shoe = quick.add(E.Shoe(name="Pegasus 40", first_used=dt.date(2026, 9, 1), tz="UTC", start_km=12.5))
    written = [shoe, *(quick.add(e) for e in one_of_each(shoe.id))]
    assert {e.kind for e in written} == set(E.KINDS)
    by_id = {e.id: e for e in repo.entries()}
    assert [by_id[e.id] for e in written] == written


def test_the_quick_reader_sees_what_the_orm_wrote(repo, quick):
    shoe = repo.add(E.Shoe(name="Pegasus 40", first_used=dt.date(2026, 9, 1), tz="UTC"))
    for entry in one_of_each(shoe.id):
        repo.add(entry)
    assert quick.entries() == repo.entries()
    since = AT - dt.timedelta(hours=1)
    assert quick.entries(["cramp", "drink"], since=since) == repo.entries(["cramp", "drink"], since=since)
    assert quick.last("cramp") == repo.last("cramp")
    assert quick.shoe_id("pegasus  40") == shoe.id


def test_a_row_the_database_refuses_leaves_nothing_behind(repo, quick):
    bad = E.Drink(at=AT, tz="UTC", amount_ml=250)
    object.__setattr__(bad, "amount_ml", -5)  # bypass the domain: the CHECK constraint must hold
    with pytest.raises(InvalidInput):
        quick.add(bad)
    assert repo.count() == 0


def test_unknown_shoe_is_refused(quick):
    with pytest.raises(NotFound):
        quick.add(E.Run(at=AT, tz="UTC", distance_km=5, shoe_id=77))
    with pytest.raises(NotFound):
        quick.shoe_id("nothing")


def test_an_older_journal_is_migrated_before_the_quick_path_writes(tmp_path):
    from cramplog.storage.db import make_engine
    from cramplog.storage.migrate import upgrade

    path = tmp_path / "old.db"
    upgrade(make_engine(path), "0001")
    journal = QuickJournal.open(path)
    entry = journal.add(E.Drink(at=AT, tz="UTC", amount_ml=250))
    assert dataclasses.replace(entry, id=None) == E.Drink(at=AT, tz="UTC", amount_ml=250)
    assert list(tmp_path.glob("old.db.before-*.bak"))


def test_orm_columns_are_the_dataclass_fields():
    """`rows.py` maps fields to columns by name for both paths; the models must agree."""
    from cramplog.storage.models import RECORDS
    from cramplog.storage.rows import TABLES, detail_fields

    for kind, record in RECORDS.items():
        table = record.__table__
        assert table.name == TABLES[kind]
        assert set(detail_fields(kind)) | {"id"} == {c.name for c in table.columns}
