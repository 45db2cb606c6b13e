"""A shoe's name is unique by the domain's rule, in the database too (migration 0007).

The rule is `domain.shoes.name_key` (cleaned, case folded). Storage writes that key beside each
shoe (`rows.KEYS`) and a unique index holds it, on SQLite and PostgreSQL alike; the index on
`lower(name)` it replaces folded ASCII only on SQLite (and in PostgreSQL's C locale), and
lower() is not case folding anywhere ("Straße" and "STRASSE"). The pairs below are Unicode's
own (CaseFolding.txt, unicode.org/Public/UCD/latest/ucd/CaseFolding.txt: U+00DF ß -> "ss",
U+FB01 ﬁ -> "fi", U+03C2 final ς and U+03A3 Σ -> σ), not read off our code.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from cramplog.domain import entries as E
from cramplog.domain.shoes import name_key
from cramplog.errors import InvalidInput
from cramplog.paths import JournalURL
from cramplog.storage import migrate, pg, verify
from cramplog.storage.repository import JournalRepository

DAY = dt.date(2026, 11, 1)
SAME = [
    ("Äro", "äro"),
    ("Straße", "STRASSE"),
    ("ﬁve", "FIVE"),
    ("ΣΊΣΥΦΟΣ", "σίσυφος"),
    ("Äro", "A\u0308ro"),  # U+00C4 and A + U+0308 COMBINING DIAERESIS: canonically equivalent (UAX #15)
    ("Ｐｅｇａｓｕｓ", "Pegasus"),  # full-width forms: compatibility equivalent (UAX #15, NFKC)
]
"""Names that are one name by Unicode's case folding; lower() tells each pair apart."""

OLD = ["Äro", "äro", "Straße", "STRASSE", "Pegasus 40", "Äro (2)"]
"""Shoes an older cramplog let in, oldest first (0006's index allowed every one)."""
UPGRADED = {
    1: ("Äro", "äro"),
    2: ("äro (3)", "äro (3)"),
    3: ("Straße", "strasse"),
    4: ("STRASSE (2)", "strasse (2)"),
    5: ("Pegasus 40", "pegasus 40"),
    6: ("Äro (2)", "äro (2)"),
}
"""Each clash numbered with a number no shoe's name has: "Äro (2)" (#6) was never a clash and
keeps its name, so "äro" (#2) becomes "äro (3)", not "äro (2)" (which renamed #6 in turn)."""
RENAMED = {2: "äro", 4: "STRASSE"}
"""The oldest keeps its name; a later one is numbered, as 0003 numbered names equal in ASCII case."""


def _sql(backend: str, target: Path | JournalURL) -> tuple[Callable[[str, tuple], list], Callable[[], None]]:
    """Run SQL past cramplog (for rows only an older or a hostile writer would leave)."""
    if backend == "postgresql":
        import psycopg

        conn = psycopg.connect(str(target))

        def run(sql: str, args: tuple = ()) -> list:
            cur = conn.execute(sql.replace("?", "%s"), args)
            return cur.fetchall() if cur.description else []

        return run, conn.close
    lite = sqlite3.connect(target, isolation_level=None)
    return (lambda sql, args=(): lite.execute(sql, args).fetchall()), lite.close


def named(repo: JournalRepository, name: str) -> int | None:
    """The shoe an import would match `name` to (`Batch.shoe_named`, by the stored key)."""
    with repo.bulk(dry_run=True) as batch:
        return batch.shoe_named(name)


@pytest.fixture
def target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | JournalURL:
    return JournalURL(request.getfixturevalue("pg_url")) if backend == "postgresql" else tmp_path / "journal.db"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_an_older_journal_gets_each_shoes_key_and_numbers_the_names_the_rule_makes_one(backend, target):
    if backend == "postgresql":
        pg.upgrade_database(target, "0006")
    else:
        migrate.upgrade_file(target, "0006")
    run, close = _sql(backend, target)
    for i, name in enumerate(OLD, start=1):
        run(
            "INSERT INTO entry (id, kind, at_utc, tz, note, uid, source, created_utc, updated_utc) "
            "VALUES (?, 'shoe', '2026-11-01 12:00:00.000000', 'UTC', '', ?, 'cramplog', '2026-11-01', '2026-11-01')",
            (i, f"u{i}"),
        )
        run("INSERT INTO shoe (id, name, first_used, start_km) VALUES (?, ?, '2026-11-01', 0)", (i, name))
    run(
        "INSERT INTO entry (id, kind, at_utc, tz, note, uid, source, created_utc, updated_utc) "
        "VALUES (7, 'run', '2026-11-02 07:00:00.000000', 'UTC', '', 'u7', 'cramplog', '2026-11-02', '2026-11-02')"
    )
    run("INSERT INTO run (id, distance_km, shoe_id, workout) VALUES (7, 5.0, 2, 'run')")
    if backend == "postgresql":
        run("COMMIT")
    close()

    repo = JournalRepository.open(target)  # upgrades to the head
    try:
        shoes = {s.id: s.name for s in repo.shoes()}
        notes = {s.id: s.note for s in repo.shoes()}
        [ran] = [e for e in repo.entries(["run"]) if isinstance(e, E.Run)]
        assert named(repo, "STRASSE") == 3 and named(repo, "strasse (2)") == 4
    finally:
        repo.close()
    run, close = _sql(backend, target)
    keys = dict(run("SELECT id, name_key FROM shoe"))
    close()
    assert {i: (shoes[i], keys[i]) for i in shoes} == UPGRADED
    assert all(key == name_key(shoes[i]) for i, key in keys.items())
    assert ran.shoe_id == 2  # the table rebuilt on SQLite keeps every run's shoe
    assert {i: note for i, note in notes.items() if note} == {
        i: f"Called “{was}” until this journal was upgraded: another shoe has that name, ignoring case."
        for i, was in RENAMED.items()
    }


@pytest.mark.parametrize(("first", "second"), SAME)
def test_the_database_refuses_a_second_name_the_rule_makes_one(repo, first, second):
    """Written past the domain's check (a bug, another program): the unique key still refuses it."""
    shoe = repo.add(E.Shoe(name=first, first_used=DAY, tz="UTC"))
    conn = repo._conn
    with pytest.raises(InvalidInput, match="repeats one that must be unique"), repo._write():
        conn.execute(
            "INSERT INTO entry (id, kind, at_utc, tz, note, uid, source, created_utc, updated_utc) "
            "VALUES (99, 'shoe', '2026-11-01 12:00:00.000000', 'UTC', '', 'u99', 'x', '2026-11-01', '2026-11-01')"
        )
        conn.execute(
            "INSERT INTO shoe (id, name, name_key, first_used, start_km) VALUES (99, ?, ?, '2026-11-01', 0)",
            (second, name_key(second)),
        )
    assert [s.id for s in repo.shoes()] == [shoe.id]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_the_writer_stores_the_domains_key_on_adding_and_renaming(repo, first, second):
    shoe = repo.add(E.Shoe(name=f"  {second}  ", first_used=DAY, tz="UTC"))
    assert named(repo, first) == shoe.id
    with pytest.raises(InvalidInput, match="already exists"):
        repo.add(E.Shoe(name=first, first_used=DAY, tz="UTC"))
    repo.update(shoe.id or 0, name=f"{first} 2")
    [(stored,)] = repo._conn.execute("SELECT name_key FROM shoe WHERE id = ?", (shoe.id,)).fetchall()
    assert stored == name_key(f"{first} 2") == f"{name_key(first)} 2"
    assert named(repo, second) is None and named(repo, f"{second} 2") == shoe.id


@pytest.mark.sqlite_only
def test_a_journal_whose_key_is_not_its_names_is_not_adopted(repo):
    """A file from elsewhere with a key that does not match its name would let a duplicate in."""
    repo.add(E.Shoe(name="Straße", first_used=DAY, tz="UTC"))
    repo.close()
    conn = sqlite3.connect(repo.path)
    verify.check_rows(conn, repo.path)  # as written: adopted
    conn.execute("UPDATE shoe SET name_key = 'something else'")
    conn.commit()
    with pytest.raises(InvalidInput, match="name_key"):
        verify.check_rows(conn, repo.path)
    conn.close()
