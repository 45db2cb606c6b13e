"""experiment: a planned self-experiment (an N-of-1 trial) and its seed, kept in the journal so the
order of its nights is the journal's, fixed before it starts; only a stop is written afterwards

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experiment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("behaviour", sa.String(length=32), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("nights", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("stopped", sa.Date(), nullable=True),
        sa.Column("stop_reason", sa.Text(), nullable=False),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.CheckConstraint("behaviour IN ('bedtime_stretch')", name=op.f("ck_experiment_behaviour")),
        sa.CheckConstraint("outcome IN ('cramp_nights', 'cramp_days')", name=op.f("ck_experiment_outcome")),
        sa.CheckConstraint("minutes BETWEEN 1 AND 30", name=op.f("ck_experiment_minutes_range")),
        sa.CheckConstraint("nights BETWEEN 14 AND 184 AND nights % 4 = 0", name=op.f("ck_experiment_nights_blocks")),
        sa.CheckConstraint("stopped IS NULL OR stopped >= start", name=op.f("ck_experiment_stopped_after_start")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiment")),
        sqlite_autoincrement=True,
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 6")


def downgrade() -> None:
    op.drop_table("experiment")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 5")
