"""identity: AUTOINCREMENT IDs, a stable uid per entry, source_ref, shoe names unique ignoring
case, runs without a distance, the journal's own mark (application_id, user_version)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPLICATION_ID = 0x43524C47  # "CRLG"; repeated here because a migration is frozen history
TEXT_DATETIMES = {"entry": ("at_utc", "created_utc", "updated_utc")}


ENTRY = """CREATE TABLE entry_new (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
	kind VARCHAR(16) NOT NULL,
	at_utc DATETIME NOT NULL,
	tz VARCHAR(64) NOT NULL,
	note TEXT NOT NULL,
	uid VARCHAR(36) NOT NULL,
	source VARCHAR(32) DEFAULT 'cramplog' NOT NULL,
	source_ref VARCHAR(200),
	created_utc DATETIME NOT NULL,
	updated_utc DATETIME NOT NULL,
	CONSTRAINT ck_entry_kind CHECK (kind IN ('cramp', 'drink', 'stretch', 'run', 'shoe', 'food', 'diet', 'med', 'injury', 'symptom', 'checkin')),
	CONSTRAINT uq_entry_uid UNIQUE (uid)
)"""
ENTRY_INDEXES = (
    "CREATE INDEX ix_entry_at_utc ON entry (at_utc)",
    "CREATE INDEX ix_entry_kind_at_utc ON entry (kind, at_utc)",
    "CREATE UNIQUE INDEX ix_entry_source_ref ON entry (source, source_ref)",
)
RUN = """CREATE TABLE run_new (
	id INTEGER NOT NULL,
	distance_km FLOAT,
	duration_s INTEGER,
	effort INTEGER,
	shoe_id INTEGER,
	surface VARCHAR(16),
	workout VARCHAR(16) NOT NULL,
	comfort INTEGER,
	CONSTRAINT pk_run PRIMARY KEY (id),
	CONSTRAINT ck_run_surface CHECK (surface IS NULL OR surface IN ('road', 'trail', 'track', 'treadmill', 'grass', 'other')),
	CONSTRAINT ck_run_workout CHECK (workout IN ('run', 'intervals', 'jump_rope', 'aerobics', 'other')),
	CONSTRAINT ck_run_comfort_range CHECK (comfort IS NULL OR (comfort >= 1 AND comfort <= 5)),
	CONSTRAINT ck_run_distance_km_range CHECK (distance_km IS NULL OR (distance_km > 0 AND distance_km <= 400)),
	CONSTRAINT ck_run_duration_s_range CHECK (duration_s IS NULL OR (duration_s >= 1 AND duration_s <= 172800)),
	CONSTRAINT ck_run_effort_range CHECK (effort IS NULL OR (effort >= 0 AND effort <= 10)),
	CONSTRAINT fk_run_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE,
	CONSTRAINT fk_run_shoe_id_shoe FOREIGN KEY(shoe_id) REFERENCES shoe (id) ON DELETE RESTRICT
)"""
SHOE = """CREATE TABLE shoe_new (
	id INTEGER NOT NULL,
	name VARCHAR(80) NOT NULL,
	first_used DATE NOT NULL,
	retired DATE,
	start_km FLOAT NOT NULL,
	life_km FLOAT,
	CONSTRAINT pk_shoe PRIMARY KEY (id),
	CONSTRAINT ck_shoe_name_length CHECK (length(trim(name)) BETWEEN 1 AND 80),
	CONSTRAINT ck_shoe_life_km_range CHECK (life_km IS NULL OR (life_km > 0 AND life_km <= 5000)),
	CONSTRAINT ck_shoe_retired_after_first_used CHECK (retired IS NULL OR retired >= first_used),
	CONSTRAINT ck_shoe_start_km_range CHECK (start_km IS NULL OR (start_km >= 0 AND start_km <= 5000)),
	CONSTRAINT fk_shoe_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
)"""


def _pad_years(bind: sa.Connection) -> None:
    """Earlier versions wrote years before 1000 unpadded ('226-11-20 ...'), which no ISO reader
    accepts; pad them so such entries can be read, edited and deleted."""
    for table, columns in TEXT_DATETIMES.items():
        for column in columns:
            bind.exec_driver_sql(
                f"UPDATE {table} SET {column} = substr('0000', 1, 5 - instr({column}, '-')) || {column} "
                f"WHERE instr({column}, '-') BETWEEN 2 AND 4")


def _repair(bind: sa.Connection) -> None:
    # Data the new CHECKs refuse: a 0 km run has no distance; shoe figures above 5,000 km.
    bind.exec_driver_sql("UPDATE run SET distance_km = NULL WHERE distance_km <= 0")
    bind.exec_driver_sql("UPDATE shoe SET start_km = 5000 WHERE start_km > 5000")
    bind.exec_driver_sql("UPDATE shoe SET life_km = 5000 WHERE life_km > 5000")
    # Shoe names differing only in case: keep the oldest, number the others.
    seen: set[str] = set()
    for shoe_id, name in bind.exec_driver_sql("SELECT id, name FROM shoe ORDER BY id").fetchall():
        key, n, new = name.lower(), 1, name
        while key in seen:
            n += 1
            new = f"{name[:75]} ({n})"
            key = new.lower()
        seen.add(key)
        if new != name:
            bind.execute(sa.text("UPDATE shoe SET name = :name WHERE id = :id"), {"name": new, "id": shoe_id})


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        _upgrade_server(bind)
        return
    _pad_years(bind)
    _repair(bind)

    # The SQLite way to change a table (https://sqlite.org/lang_altertable.html, "other kinds of
    # table schema changes"), written out so the resulting schema is exact and reviewable;
    # foreign keys are off during migrations (migrate.upgrade_file) and checked after.
    bind.exec_driver_sql(ENTRY)
    bind.exec_driver_sql(
        "INSERT INTO entry_new (id, kind, at_utc, tz, note, created_utc, updated_utc, source, uid) "
        "SELECT id, kind, at_utc, tz, note, created_utc, updated_utc, source, 'pending-' || id FROM entry")
    ids = [row[0] for row in bind.exec_driver_sql("SELECT id FROM entry_new").fetchall()]
    if ids:
        bind.exec_driver_sql("UPDATE entry_new SET uid = ? WHERE id = ?", [(str(uuid.uuid4()), i) for i in ids])
    bind.exec_driver_sql("DROP TABLE entry")
    bind.exec_driver_sql("ALTER TABLE entry_new RENAME TO entry")
    for index in ENTRY_INDEXES:
        bind.exec_driver_sql(index)

    bind.exec_driver_sql(RUN)
    bind.exec_driver_sql("INSERT INTO run_new SELECT id, distance_km, duration_s, effort, shoe_id, surface, "
                         "workout, comfort FROM run")
    bind.exec_driver_sql("DROP TABLE run")
    bind.exec_driver_sql("ALTER TABLE run_new RENAME TO run")
    bind.exec_driver_sql("CREATE INDEX ix_run_shoe_id ON run (shoe_id)")

    bind.exec_driver_sql(SHOE)
    bind.exec_driver_sql("INSERT INTO shoe_new SELECT id, name, first_used, retired, start_km, life_km FROM shoe")
    bind.exec_driver_sql("DROP TABLE shoe")
    bind.exec_driver_sql("ALTER TABLE shoe_new RENAME TO shoe")
    bind.exec_driver_sql("CREATE UNIQUE INDEX ix_shoe_name_nocase ON shoe (lower(name))")

    bind.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    bind.exec_driver_sql("PRAGMA user_version = 3")


def _upgrade_server(bind: sa.Connection) -> None:
    """PostgreSQL: the same schema by ALTERs (its IDs already come from a sequence, never reused;
    its timestamps are typed, so there are no unpadded years)."""
    _repair(bind)
    op.add_column("entry", sa.Column("uid", sa.String(36), nullable=True))
    op.add_column("entry", sa.Column("source_ref", sa.String(200), nullable=True))
    for (entry_id,) in bind.exec_driver_sql("SELECT id FROM entry").fetchall():
        bind.execute(sa.text("UPDATE entry SET uid = :uid WHERE id = :id"), {"uid": str(uuid.uuid4()), "id": entry_id})
    op.alter_column("entry", "uid", nullable=False)
    op.create_unique_constraint(op.f("uq_entry_uid"), "entry", ["uid"])
    op.create_index("ix_entry_source_ref", "entry", ["source", "source_ref"], unique=True)

    op.alter_column("run", "distance_km", nullable=True)
    op.drop_constraint(op.f("ck_run_distance_km_range"), "run", type_="check")
    op.create_check_constraint(op.f("ck_run_distance_km_range"), "run",
                               "distance_km IS NULL OR (distance_km > 0 AND distance_km <= 400)")
    op.drop_constraint(op.f("uq_shoe_name"), "shoe", type_="unique")
    for name, rule in (("ck_shoe_life_km_range", "life_km IS NULL OR (life_km > 0 AND life_km <= 5000)"),
                       ("ck_shoe_start_km_range", "start_km IS NULL OR (start_km >= 0 AND start_km <= 5000)")):
        op.drop_constraint(op.f(name), "shoe", type_="check")
        op.create_check_constraint(op.f(name), "shoe", rule)
    bind.exec_driver_sql("CREATE UNIQUE INDEX ix_shoe_name_nocase ON shoe (lower(name))")
    # IDs written explicitly by an older writer must not be handed out again (AUTOINCREMENT's promise).
    bind.exec_driver_sql("SELECT setval(pg_get_serial_sequence('entry', 'id'), GREATEST(max(id), "
                         "(SELECT last_value FROM entry_id_seq))) FROM entry HAVING max(id) IS NOT NULL")
    bind.exec_driver_sql("COMMENT ON TABLE entry IS 'cramplog journal'")


def downgrade() -> None:
    raise NotImplementedError("0003 cannot be undone: restore the copy saved before the upgrade")
