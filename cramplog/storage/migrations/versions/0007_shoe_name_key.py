"""shoe: names are unique by the domain's rule, stored as a key. The index on SQLite's lower(name)
folded ASCII only ("Äro" and "äro" both got in) and PostgreSQL's lower() is not case folding
("Straße" and "STRASSE"); each shoe now carries `name_key` (`domain.shoes.name_key`: cleaned,
case folded), unique. Names an older cramplog let in twice by that rule keep the oldest shoe's;
the others are numbered, as 0003 numbered those differing in ASCII case.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cramplog.domain.shoes import name_key

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

KEY_LENGTH = 240
"""Three times a name's 80 characters: case folding turns one character into at most three."""

SHOE = f"""CREATE TABLE shoe_new (
	id INTEGER NOT NULL,
	name VARCHAR(80) NOT NULL,
	name_key VARCHAR({KEY_LENGTH}) NOT NULL,
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


def _named(bind: sa.Connection) -> list[tuple[int, str, str]]:
    """(id, name, key) of every shoe, oldest first; a name whose key an older shoe has is numbered."""
    seen: set[str] = set()
    out = []
    for shoe_id, name in bind.exec_driver_sql("SELECT id, name FROM shoe ORDER BY id").fetchall():
        key, n, new = name_key(name), 1, name
        while key in seen:
            n += 1
            new = f"{name[:75]} ({n})"
            key = name_key(new)
        seen.add(key)
        out.append((shoe_id, new, key))
    return out


def upgrade() -> None:
    bind = op.get_bind()
    named = _named(bind)
    if bind.dialect.name != "sqlite":
        bind.exec_driver_sql("DROP INDEX ix_shoe_name_nocase")
        op.add_column("shoe", sa.Column("name_key", sa.String(KEY_LENGTH), nullable=True))
        for shoe_id, name, key in named:
            bind.execute(sa.text("UPDATE shoe SET name = :name, name_key = :key WHERE id = :id"),
                         {"name": name, "key": key, "id": shoe_id})
        op.alter_column("shoe", "name_key", nullable=False)
        bind.exec_driver_sql("CREATE UNIQUE INDEX ix_shoe_name_key ON shoe (name_key)")
        return
    # The SQLite way to add a column NOT NULL without a default (as in 0003, 0005); foreign keys are off.
    bind.exec_driver_sql(SHOE)
    bind.exec_driver_sql("INSERT INTO shoe_new SELECT id, name, '', first_used, retired, start_km, life_km FROM shoe")
    for shoe_id, name, key in named:
        bind.execute(sa.text("UPDATE shoe_new SET name = :name, name_key = :key WHERE id = :id"),
                     {"name": name, "key": key, "id": shoe_id})
    bind.exec_driver_sql("DROP TABLE shoe")
    bind.exec_driver_sql("ALTER TABLE shoe_new RENAME TO shoe")
    bind.exec_driver_sql("CREATE UNIQUE INDEX ix_shoe_name_key ON shoe (name_key)")
    bind.exec_driver_sql("PRAGMA user_version = 7")


def downgrade() -> None:
    raise NotImplementedError("0007 cannot be undone: restore the copy saved before the upgrade")
