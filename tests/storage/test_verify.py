"""The schema fingerprints a journal is checked against are the migrations' own.

`verify.SCHEMAS` holds one fingerprint per revision; a journal built fresh at a revision, and one
upgraded to it from every earlier revision, must both have it, or cramplog would refuse its own
journals (or accept a schema it never made). Print the current values with
`python -m tests.storage.test_verify` after adding a migration.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from cramplog.storage import migrate
from cramplog.storage.constants import HEAD
from cramplog.storage.verify import SCHEMAS, fingerprint


def revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return sorted(rev.revision for rev in script.walk_revisions())


def built(folder: Path, revision: str, start: str | None = None) -> str:
    path = folder / f"{start or 'fresh'}-{revision}.db"
    migrate.upgrade_file(path, start or revision)
    if start:
        migrate.upgrade_file(path, revision)
    conn = sqlite3.connect(path)
    try:
        return fingerprint(conn)
    finally:
        conn.close()


def test_every_revision_has_its_fingerprint_and_head_is_the_last():
    assert sorted(SCHEMAS) == revisions()
    assert max(SCHEMAS) == HEAD


def test_a_fresh_and_an_upgraded_journal_have_their_revisions_fingerprint(tmp_path):
    known = revisions()
    for revision in known:
        assert built(tmp_path, revision) == SCHEMAS[revision], (
            f"revision {revision}: run python -m tests.storage.test_verify and update verify.SCHEMAS"
        )
        for start in known[: known.index(revision)]:
            assert built(tmp_path, revision, start) == SCHEMAS[revision], (start, revision)


def test_a_changed_schema_has_another_fingerprint(tmp_path):
    path = tmp_path / "j.db"
    migrate.upgrade_file(path)
    conn = sqlite3.connect(path)
    before = fingerprint(conn)
    conn.execute("CREATE INDEX ix_extra ON drink (amount_ml)")
    assert fingerprint(conn) != before
    conn.close()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for rev in revisions():
            sys.stdout.write(f'    "{rev}": "{built(Path(folder), rev)}",\n')
