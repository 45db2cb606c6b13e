"""Migrations: shipped in the package, golden schema, backups before upgrades, light check."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

from cramplog.domain import entries as E
from cramplog.storage import migrate
from cramplog.storage.db import make_engine
from cramplog.storage.repository import JournalRepository

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "schema" / "schema.sql"


def dump_schema(path: Path) -> str:
    """Tables and indexes, as SQLite stores them, in a stable order."""
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name"
    ).fetchall()
    conn.close()
    return "\n".join(_tidy(r[0]) + ";" for r in rows) + "\n"


def _tidy(sql: str) -> str:
    lines = [line.rstrip() for line in sql.strip().splitlines()]
    return "\n".join(line for line in lines if line.strip())


def migrated(path: Path, revision: str = "head") -> Path:
    migrate.upgrade_file(path, revision)
    return path


def body(schema: str) -> str:
    return "\n".join(line for line in schema.splitlines() if not line.startswith("--"))


def test_golden_schema_matches_a_freshly_migrated_journal(tmp_path):
    assert body(GOLDEN.read_text()).strip() == dump_schema(migrated(tmp_path / "m.db")).strip(), (
        "schema/schema.sql is out of date: regenerate it with  python -m tests.storage.test_migrations"
    )


def test_a_new_journal_is_built_by_the_migrations(tmp_path):
    JournalRepository.open(tmp_path / "new.db").close()
    assert dump_schema(tmp_path / "new.db") == dump_schema(migrated(tmp_path / "m.db"))


def model_diff(path: Path) -> list:
    """What Alembic's autogenerate sees between the ORM models and the journal at `path`."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from cramplog.storage.models import Base

    with make_engine(path).connect() as conn, warnings.catch_warnings():
        # SQLite cannot reflect the expression index lower(name); the golden schema checks it.
        warnings.filterwarnings("ignore", message=".*expression-based index 'ix_shoe_name_nocase'")
        warnings.filterwarnings("ignore", message=".*expression-based index ix_shoe_name_nocase")
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def test_models_match_migrations(tmp_path):
    """Like `alembic check`: the ORM models describe exactly the migrated schema."""
    assert model_diff(migrated(tmp_path / "m.db")) == []


def test_head_constant_matches_alembic():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == migrate.HEAD


def test_0002_journal_upgrades_to_head_keeping_ids_and_giving_uids(tmp_path):
    path = migrated(tmp_path / "m.db", "0002")
    conn = sqlite3.connect(path)
    for i in (1, 2, 5):
        conn.execute(
            "INSERT INTO entry (id, kind, at_utc, tz, note, created_utc, updated_utc) VALUES "
            f"({i}, 'drink', '2026-11-24 09:00:00.000000', 'UTC', '', '2026-11-24', '2026-11-24')"
        )
        conn.execute(f"INSERT INTO drink (id, amount_ml, drink_kind) VALUES ({i}, 250, 'water')")
    conn.commit()
    conn.close()
    repo = JournalRepository.open(path)
    uids = {e.id: e.uid for e in repo.entries()}
    assert sorted(uids) == [1, 2, 5] and len(set(uids.values())) == 3 and None not in uids.values()
    repo.delete(5)
    assert (
        repo.add(E.Drink(at=dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc), tz="UTC", amount_ml=300)).id == 6
    )  # AUTOINCREMENT: 5 is never handed out again
    repo.close()
    assert model_diff(path) == []


FOODS_0004 = (  # (food key, text, magnesium, potassium, source): before 0005, 0 stood for "not known"
    ("banana", "", 32.0, 422.0, "cramplog"),
    ("", "lentil soup", 0.0, 0.0, "cramplog"),
    ("", "daily total from Apple Health", 250.0, 0.0, "apple_health"),
    ("almonds", "", 0.0, 0.0, "cramplog"),
)


def test_0005_turns_free_text_zeros_into_unknown_and_keeps_every_known_amount(tmp_path):
    path = migrated(tmp_path / "m.db", "0004")
    conn = sqlite3.connect(path)
    for i, (key, text, mg, k, source) in enumerate(FOODS_0004, start=1):
        conn.execute(
            "INSERT INTO entry (id, kind, at_utc, tz, note, uid, source, created_utc, updated_utc) "
            f"VALUES ({i}, 'food', '2026-11-24 12:00:00.000000', 'UTC', '', 'u{i}', '{source}', "
            "'2026-11-24', '2026-11-24')"
        )
        conn.execute(
            "INSERT INTO food (id, food, servings, magnesium_mg, potassium_mg, text) VALUES "
            f"({i}, '{key}', 1, {mg}, {k}, '{text}')"
        )
    conn.commit()
    conn.close()
    repo = JournalRepository.open(path)
    foods = {e.id: (e.magnesium_mg, e.potassium_mg) for e in repo.entries()}
    repo.close()
    # A table food's figures are known even at 0; a free-text 0 was the only way to say "not known".
    assert foods == {1: (32.0, 422.0), 2: (None, None), 3: (250.0, None), 4: (0.0, 0.0)}
    assert dump_schema(path) == dump_schema(migrated(tmp_path / "fresh.db"))


def test_an_older_journal_is_backed_up_then_upgraded_with_its_data(tmp_path):
    path = migrated(tmp_path / "old.db", "0001")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(
        "INSERT INTO entry (id, kind, at_utc, tz, note, created_utc, updated_utc) VALUES "
        "(1, 'cramp', '2026-11-24 03:10:00', 'Europe/Berlin', 'old one', '2026-11-24', '2026-11-24')"
    )
    conn.execute(
        "INSERT INTO cramp (id, muscle, severity, side, context, relief, swelling, tingling, "
        "persistent_pain) VALUES (1, 'calf', 8, 'left', 'night', '', 'none', 0, 0)"
    )
    conn.commit()
    conn.close()

    repo = JournalRepository.open(path)
    assert repo.backup_made is not None
    backup = Path(repo.backup_made)
    assert backup.exists() and backup.parent == path.parent
    [cramp] = repo.entries()
    assert isinstance(cramp, E.Cramp) and (cramp.severity, cramp.note) == (8, "old one")
    old = sqlite3.connect(backup).execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert old == "0001"
    assert dump_schema(path) == dump_schema(migrated(tmp_path / "fresh.db"))
    repo.close()


def test_a_journal_from_a_newer_cramplog_is_refused_untouched(tmp_path, capsys):
    from cramplog.cli import main

    path = tmp_path / "future.db"
    JournalRepository.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    assert main(["--db", str(path), "drink", "250"]) == 1
    assert "newer cramplog" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_checking_a_current_journal_does_not_import_alembic(tmp_path):
    path = tmp_path / "j.db"
    JournalRepository.open(path).close()
    code = (
        "import sys; from pathlib import Path; from cramplog.storage.repository import JournalRepository;"
        f"JournalRepository.open(Path({str(path)!r})).close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def write_golden() -> None:
    """Regenerate schema/schema.sql from the migrations (run after adding a migration)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        schema = dump_schema(migrated(Path(tmp) / "m.db"))
    header = (
        "-- cramplog journal schema (SQLite), generated from the Alembic migrations.\n"
        "-- Golden file: tests/storage/test_migrations.py compares it with a freshly migrated\n"
        f"-- journal. Revision {migrate.HEAD}. Regenerate: python -m tests.storage.test_migrations\n"
    )
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(header + schema)


if __name__ == "__main__":
    write_golden()
