"""shoe: names are unique by the domain's rule, stored as a key. The index on SQLite's lower(name)
folded ASCII only ("Äro" and "äro" both got in) and PostgreSQL's lower() is not case folding
("Straße" and "STRASSE"); each shoe now carries `name_key` (`domain.shoes.name_key`: cleaned,
Unicode's caseless match), unique. Names an older cramplog let in twice by that rule keep the
oldest shoe's; the others are numbered, as 0003 numbered those differing in ASCII case, with a
number no other shoe's name has, and the shoe's note says what it was called.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cramplog.domain.fields import NAME_MAX, clean_name
from cramplog.domain.shoes import name_key

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SHOE = """CREATE TABLE shoe_new (
	id INTEGER NOT NULL,
	name VARCHAR(80) NOT NULL,
	name_key TEXT NOT NULL,
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


def _named(bind: sa.Connection) -> list[tuple[int, str, str, str | None]]:
    """(id, name, key, the name it had if renamed) of every shoe, oldest first. A name keeps its
    key unless an older shoe's name has it; such a name is numbered with the first number whose
    key no shoe's name has ("äro" beside "Äro" and "Äro (2)" becomes "äro (3)")."""
    shoes = bind.exec_driver_sql("SELECT id, name FROM shoe ORDER BY id").fetchall()
    taken: set[str] = set()
    clashes = set()
    for shoe_id, name in shoes:
        key = name_key(name)
        if key in taken:
            clashes.add(shoe_id)
        taken.add(key)
    out: list[tuple[int, str, str, str | None]] = []
    for shoe_id, name in shoes:
        if shoe_id not in clashes:
            out.append((shoe_id, name, name_key(name), None))
            continue
        n, new = 1, name
        while name_key(new) in taken:
            n += 1
            suffix = f" ({n})"
            new = clean_name(name)[: NAME_MAX - len(suffix)].rstrip() + suffix
        taken.add(name_key(new))
        out.append((shoe_id, new, name_key(new), name))
    return out


def _noted(bind: sa.Connection, named: list[tuple[int, str, str, str | None]]) -> None:
    """A renamed shoe's note says what it was called, so the journal itself tells the user."""
    for shoe_id, _, _, was in named:
        if was is not None:
            said = f"Called “{was}” until this journal was upgraded: another shoe has that name, ignoring case."
            bind.execute(
                sa.text("UPDATE entry SET note = CASE WHEN note = '' THEN :said ELSE note || ' · ' || :said END "
                        "WHERE id = :id"),
                {"said": said, "id": shoe_id},
            )


def upgrade() -> None:
    bind = op.get_bind()
    named = _named(bind)
    if bind.dialect.name != "sqlite":
        bind.exec_driver_sql("DROP INDEX ix_shoe_name_nocase")
        op.add_column("shoe", sa.Column("name_key", sa.Text(), nullable=True))
        for shoe_id, name, key, _ in named:
            bind.execute(sa.text("UPDATE shoe SET name = :name, name_key = :key WHERE id = :id"),
                         {"name": name, "key": key, "id": shoe_id})
        op.alter_column("shoe", "name_key", nullable=False)
        _noted(bind, named)
        bind.exec_driver_sql("CREATE UNIQUE INDEX ix_shoe_name_key ON shoe (name_key)")
        return
    # The SQLite way to add a column NOT NULL without a default (as in 0003, 0005); foreign keys are off.
    bind.exec_driver_sql(SHOE)
    bind.exec_driver_sql("INSERT INTO shoe_new SELECT id, name, '', first_used, retired, start_km, life_km FROM shoe")
    for shoe_id, name, key, _ in named:
        bind.execute(sa.text("UPDATE shoe_new SET name = :name, name_key = :key WHERE id = :id"),
                     {"name": name, "key": key, "id": shoe_id})
    _noted(bind, named)
    bind.exec_driver_sql("DROP TABLE shoe")
    bind.exec_driver_sql("ALTER TABLE shoe_new RENAME TO shoe")
    bind.exec_driver_sql("CREATE UNIQUE INDEX ix_shoe_name_key ON shoe (name_key)")
    bind.exec_driver_sql("PRAGMA user_version = 7")


def downgrade() -> None:
    raise NotImplementedError("0007 cannot be undone: restore the copy saved before the upgrade")
