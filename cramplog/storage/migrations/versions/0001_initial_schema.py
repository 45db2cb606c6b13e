"""initial schema: entry and one table per kind

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('at_utc', sa.DateTime(), nullable=False),
    sa.Column('tz', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.Column('updated_utc', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('cramp', 'drink', 'stretch', 'run', 'shoe', 'food', 'diet', 'med', 'injury', 'symptom', 'checkin')", name=op.f('ck_entry_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry'))
    )
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.create_index('ix_entry_at_utc', ['at_utc'], unique=False)
        batch_op.create_index('ix_entry_kind_at_utc', ['kind', 'at_utc'], unique=False)

    op.create_table('checkin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('no_cramps', sa.Boolean(), nullable=False),
    sa.Column('hot_day', sa.Boolean(), nullable=True),
    sa.Column('sleep_hours', sa.Float(), nullable=True),
    sa.Column('soreness', sa.Integer(), nullable=True),
    sa.CheckConstraint('sleep_hours IS NULL OR (sleep_hours >= 0 AND sleep_hours <= 24)', name=op.f('ck_checkin_sleep_hours_range')),
    sa.CheckConstraint('soreness IS NULL OR (soreness >= 0 AND soreness <= 10)', name=op.f('ck_checkin_soreness_range')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_checkin_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin')),
    sa.UniqueConstraint('day', name=op.f('uq_checkin_day'))
    )
    op.create_table('cramp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('muscle', sa.String(length=16), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=8), nullable=False),
    sa.Column('context', sa.String(length=16), nullable=False),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('relief', sa.Text(), nullable=False),
    sa.Column('swelling', sa.String(length=8), nullable=False),
    sa.Column('tingling', sa.Boolean(), nullable=False),
    sa.Column('persistent_pain', sa.Boolean(), nullable=False),
    sa.CheckConstraint("context IN ('stretching', 'running', 'other_exercise', 'night', 'rest', 'other')", name=op.f('ck_cramp_context')),
    sa.CheckConstraint("muscle IN ('foot_arch', 'toes', 'calf', 'shin', 'hamstring', 'quadriceps', 'other')", name=op.f('ck_cramp_muscle')),
    sa.CheckConstraint("side IN ('left', 'right', 'both')", name=op.f('ck_cramp_side')),
    sa.CheckConstraint("swelling IN ('none', 'one_leg', 'both')", name=op.f('ck_cramp_swelling')),
    sa.CheckConstraint('duration_s IS NULL OR (duration_s >= 1 AND duration_s <= 172800)', name=op.f('ck_cramp_duration_s_range')),
    sa.CheckConstraint('severity BETWEEN 1 AND 10', name=op.f('ck_cramp_severity_range')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_cramp_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cramp'))
    )
    op.create_table('diet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('pattern', sa.String(length=16), nullable=False),
    sa.Column('b12', sa.Boolean(), nullable=True),
    sa.CheckConstraint("pattern IN ('plant_based', 'vegan', 'vegetarian', 'pescatarian', 'omnivore', 'low_carb', 'other')", name=op.f('ck_diet_pattern')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_diet_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diet'))
    )
    op.create_table('drink',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('amount_ml', sa.Integer(), nullable=False),
    sa.Column('drink_kind', sa.String(length=16), nullable=False),
    sa.CheckConstraint("drink_kind IN ('water', 'electrolyte', 'coffee_tea', 'alcohol', 'other')", name=op.f('ck_drink_drink_kind')),
    sa.CheckConstraint('amount_ml BETWEEN 1 AND 5000', name=op.f('ck_drink_amount_ml_range')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_drink_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drink'))
    )
    op.create_table('food',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('food', sa.String(length=40), nullable=False),
    sa.Column('servings', sa.Float(), nullable=False),
    sa.Column('magnesium_mg', sa.Float(), nullable=False),
    sa.Column('potassium_mg', sa.Float(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.CheckConstraint('magnesium_mg IS NULL OR (magnesium_mg >= 0 AND magnesium_mg <= 5000)', name=op.f('ck_food_magnesium_mg_range')),
    sa.CheckConstraint('potassium_mg IS NULL OR (potassium_mg >= 0 AND potassium_mg <= 20000)', name=op.f('ck_food_potassium_mg_range')),
    sa.CheckConstraint('servings IS NULL OR (servings >= 0.1 AND servings <= 50)', name=op.f('ck_food_servings_range')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_food_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food'))
    )
    op.create_table('injury',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('site', sa.String(length=16), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('resolved', sa.Date(), nullable=True),
    sa.CheckConstraint("site IN ('foot', 'ankle', 'calf', 'shin', 'knee', 'thigh', 'hip', 'back', 'other')", name=op.f('ck_injury_site')),
    sa.CheckConstraint('resolved IS NULL OR resolved >= day', name=op.f('ck_injury_resolved_after_day')),
    sa.CheckConstraint('severity BETWEEN 0 AND 10', name=op.f('ck_injury_severity_range')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_injury_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_injury'))
    )
    op.create_table('medicine',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('med_class', sa.String(length=24), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('stop', sa.Date(), nullable=True),
    sa.Column('dose', sa.String(length=80), nullable=False),
    sa.CheckConstraint("med_class IN ('diuretic_thiazide', 'diuretic_loop', 'diuretic_k_sparing', 'statin', 'laba_inhaler', 'ppi', 'magnesium', 'potassium', 'b12', 'other')", name=op.f('ck_medicine_med_class')),
    sa.CheckConstraint('length(trim(name)) BETWEEN 1 AND 80', name=op.f('ck_medicine_name_length')),
    sa.CheckConstraint('stop IS NULL OR stop >= start', name=op.f('ck_medicine_stop_after_start')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_medicine_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medicine'))
    )
    op.create_table('shoe',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('first_used', sa.Date(), nullable=False),
    sa.Column('retired', sa.Date(), nullable=True),
    sa.Column('start_km', sa.Float(), nullable=False),
    sa.Column('life_km', sa.Float(), nullable=True),
    sa.CheckConstraint('length(trim(name)) BETWEEN 1 AND 80', name=op.f('ck_shoe_name_length')),
    sa.CheckConstraint('life_km IS NULL OR (life_km >= 1 AND life_km <= 10000)', name=op.f('ck_shoe_life_km_range')),
    sa.CheckConstraint('retired IS NULL OR retired >= first_used', name=op.f('ck_shoe_retired_after_first_used')),
    sa.CheckConstraint('start_km IS NULL OR (start_km >= 0 AND start_km <= 10000)', name=op.f('ck_shoe_start_km_range')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_shoe_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shoe')),
    sa.UniqueConstraint('name', name=op.f('uq_shoe_name'))
    )
    op.create_table('stretch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('muscles', sa.String(length=120), nullable=False),
    sa.Column('style', sa.String(length=16), nullable=False),
    sa.Column('cramped', sa.Boolean(), nullable=False),
    sa.CheckConstraint("muscles <> ''", name=op.f('ck_stretch_muscles_present')),
    sa.CheckConstraint("style IN ('static', 'dynamic', 'yoga', 'pilates')", name=op.f('ck_stretch_style')),
    sa.CheckConstraint('minutes BETWEEN 1 AND 600', name=op.f('ck_stretch_minutes_range')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_stretch_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stretch'))
    )
    op.create_table('symptom',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('symptom', sa.String(length=24), nullable=False),
    sa.Column('side', sa.String(length=8), nullable=True),
    sa.CheckConstraint("side IS NULL OR side IN ('left', 'right', 'both')", name=op.f('ck_symptom_side')),
    sa.CheckConstraint("symptom IN ('tingling', 'swelling_one_leg', 'swelling_both_ankles', 'warm_red_calf', 'hard_sore_veins', 'calf_pain_persisting', 'weakness', 'muscle_wasting', 'balance_loss', 'foot_wound', 'breathlessness', 'chest_pain', 'coughing_blood', 'confusion', 'vomiting', 'severe_headache', 'collapse', 'dark_urine')", name=op.f('ck_symptom_symptom')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_symptom_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_symptom'))
    )
    op.create_table('run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('distance_km', sa.Float(), nullable=False),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('effort', sa.Integer(), nullable=True),
    sa.Column('shoe_id', sa.Integer(), nullable=True),
    sa.Column('surface', sa.String(length=16), nullable=True),
    sa.Column('workout', sa.String(length=16), nullable=False),
    sa.Column('comfort', sa.Integer(), nullable=True),
    sa.CheckConstraint("surface IS NULL OR surface IN ('road', 'trail', 'track', 'treadmill', 'grass', 'other')", name=op.f('ck_run_surface')),
    sa.CheckConstraint("workout IN ('run', 'intervals', 'jump_rope', 'aerobics', 'other')", name=op.f('ck_run_workout')),
    sa.CheckConstraint('comfort IS NULL OR (comfort >= 1 AND comfort <= 5)', name=op.f('ck_run_comfort_range')),
    sa.CheckConstraint('distance_km IS NULL OR (distance_km >= 0 AND distance_km <= 400)', name=op.f('ck_run_distance_km_range')),
    sa.CheckConstraint('duration_s IS NULL OR (duration_s >= 1 AND duration_s <= 172800)', name=op.f('ck_run_duration_s_range')),
    sa.CheckConstraint('effort IS NULL OR (effort >= 0 AND effort <= 10)', name=op.f('ck_run_effort_range')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_run_id_entry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shoe_id'], ['shoe.id'], name=op.f('fk_run_shoe_id_shoe'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run'))
    )
    with op.batch_alter_table('run', schema=None) as batch_op:
        batch_op.create_index('ix_run_shoe_id', ['shoe_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('run', schema=None) as batch_op:
        batch_op.drop_index('ix_run_shoe_id')

    op.drop_table('run')
    op.drop_table('symptom')
    op.drop_table('stretch')
    op.drop_table('shoe')
    op.drop_table('medicine')
    op.drop_table('injury')
    op.drop_table('food')
    op.drop_table('drink')
    op.drop_table('diet')
    op.drop_table('cramp')
    op.drop_table('checkin')
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.drop_index('ix_entry_kind_at_utc')
        batch_op.drop_index('ix_entry_at_utc')

    op.drop_table('entry')
