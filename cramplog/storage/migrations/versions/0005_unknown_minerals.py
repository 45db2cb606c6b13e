"""food: magnesium and potassium may be unknown (NULL). A food described in free text, or a
mineral an app's daily total did not log, was stored as 0 mg, and every such day read as a
low-magnesium, low-potassium day; such zeros become unknown.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FOOD = """CREATE TABLE food_new (
	id INTEGER NOT NULL,
	food VARCHAR(40) NOT NULL,
	servings FLOAT NOT NULL,
	magnesium_mg FLOAT,
	potassium_mg FLOAT,
	text TEXT NOT NULL,
	CONSTRAINT pk_food PRIMARY KEY (id),
	CONSTRAINT ck_food_magnesium_mg_range CHECK (magnesium_mg IS NULL OR (magnesium_mg >= 0 AND magnesium_mg <= 5000)),
	CONSTRAINT ck_food_potassium_mg_range CHECK (potassium_mg IS NULL OR (potassium_mg >= 0 AND potassium_mg <= 20000)),
	CONSTRAINT ck_food_servings_range CHECK (servings IS NULL OR (servings >= 0.1 AND servings <= 50)),
	CONSTRAINT fk_food_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
)"""

UNKNOWN = ("UPDATE food SET {column} = NULL WHERE food = '' AND {column} = 0",)
"""A food outside the built-in table had no way to say "not known" but 0: those zeros are unknown."""


def _unknown(bind: sa.Connection) -> None:
    for column in ("magnesium_mg", "potassium_mg"):
        bind.exec_driver_sql(UNKNOWN[0].format(column=column))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.alter_column("food", "magnesium_mg", nullable=True)
        op.alter_column("food", "potassium_mg", nullable=True)
        _unknown(bind)
        return
    # The SQLite way to change a column (as in 0003); foreign keys are off during migrations.
    bind.exec_driver_sql(FOOD)
    bind.exec_driver_sql("INSERT INTO food_new SELECT id, food, servings, magnesium_mg, potassium_mg, text FROM food")
    bind.exec_driver_sql("DROP TABLE food")
    bind.exec_driver_sql("ALTER TABLE food_new RENAME TO food")
    _unknown(bind)
    bind.exec_driver_sql("PRAGMA user_version = 5")


def downgrade() -> None:
    raise NotImplementedError("0005 cannot be undone: restore the copy saved before the upgrade")
