"""Provides the ORM records: one `entry` table plus a table per kind (joined inheritance).

The single `entry` table gives every entry one ID space (so `cramplog edit ID` works on any
kind) and one time index; kind tables hold the fields. CHECK constraints are generated from the
domain vocabularies and ranges, so the database refuses what the domain refuses.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..domain import vocab
from ..domain.entries import KINDS
from ..domain.experiment import BEHAVIOURS, BLOCK, MAX_MINUTES, MAX_WEEKS, MIN_WEEKS, OUTCOMES, nights_for
from ..domain.fields import CHECKS
from .rows import TABLES

MAX_RUN_KM = float(CHECKS["run"]["distance_km"].high or 0)
MAX_SHOE_KM = float(CHECKS["shoe"]["life_km"].high or 0)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def one_of(column: str, words: tuple[str, ...], nullable: bool = False) -> CheckConstraint:
    allowed = ", ".join(f"'{w}'" for w in words)
    test = f"{column} IN ({allowed})"
    return CheckConstraint(f"{column} IS NULL OR {test}" if nullable else test, name=column)


def between(column: str, low: float, high: float) -> CheckConstraint:
    return CheckConstraint(f"{column} IS NULL OR ({column} >= {low:g} AND {column} <= {high:g})",
                           name=f"{column}_range")


def _parent() -> Mapped[int]:
    return mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)


class EntryRecord(Base):
    """What every entry has: the instant (UTC), the zone it was logged in, a note."""

    __tablename__ = "entry"
    __table_args__: tuple[object, ...] = (
        one_of("kind", tuple(KINDS)),
        Index("ix_entry_at_utc", "at_utc"),
        Index("ix_entry_kind_at_utc", "kind", "at_utc", "id", "tz"),  # covers the bulk read of a kind
        Index("ix_entry_source_ref", "source", "source_ref", unique=True),
        {"sqlite_autoincrement": True, "comment": "cramplog journal"},  # the mark on PostgreSQL
    )
    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_abstract": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    at_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    tz: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    """Stable identity across export and import (a UUID); the integer ID is this journal's own."""
    source: Mapped[str] = mapped_column(String(32), default="cramplog", server_default="cramplog")
    source_ref: Mapped[str | None] = mapped_column(String(200))
    """The source's own ID for an imported entry (or a content hash), so imports are idempotent."""
    created_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_utc: Mapped[dt.datetime] = mapped_column(DateTime)


class CrampRecord(EntryRecord):
    __tablename__ = TABLES["cramp"]
    __table_args__ = (
        one_of("muscle", vocab.MUSCLES),
        one_of("side", vocab.SIDES),
        one_of("context", vocab.CONTEXTS),
        one_of("swelling", vocab.SWELLING),
        CheckConstraint("severity BETWEEN 1 AND 10", name="severity_range"),
        between("duration_s", 1, 48 * 3600),
    )
    __mapper_args__ = {"polymorphic_identity": "cramp"}

    id: Mapped[int] = _parent()
    muscle: Mapped[str] = mapped_column(String(16))
    severity: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(8))
    context: Mapped[str] = mapped_column(String(16))
    duration_s: Mapped[int | None] = mapped_column(Integer)
    relief: Mapped[str] = mapped_column(Text, default="")
    swelling: Mapped[str] = mapped_column(String(8))
    tingling: Mapped[bool] = mapped_column(Boolean)
    persistent_pain: Mapped[bool] = mapped_column(Boolean)


class DrinkRecord(EntryRecord):
    __tablename__ = TABLES["drink"]
    __table_args__ = (
        CheckConstraint("amount_ml BETWEEN 1 AND 5000", name="amount_ml_range"),
        one_of("drink_kind", vocab.DRINK_KINDS),
    )
    __mapper_args__ = {"polymorphic_identity": "drink"}

    id: Mapped[int] = _parent()
    amount_ml: Mapped[int] = mapped_column(Integer)
    drink_kind: Mapped[str] = mapped_column(String(16))


class StretchRecord(EntryRecord):
    __tablename__ = TABLES["stretch"]
    __table_args__ = (
        CheckConstraint("minutes BETWEEN 1 AND 600", name="minutes_range"),
        CheckConstraint("muscles <> ''", name="muscles_present"),
        one_of("style", vocab.STRETCH_STYLES),
    )
    __mapper_args__ = {"polymorphic_identity": "stretch"}

    id: Mapped[int] = _parent()
    minutes: Mapped[int] = mapped_column(Integer)
    muscles: Mapped[str] = mapped_column(String(120))
    """Comma-separated words from the stretch-muscle vocabulary."""
    style: Mapped[str] = mapped_column(String(16))
    cramped: Mapped[bool] = mapped_column(Boolean)


class ShoeRecord(EntryRecord):
    __tablename__ = TABLES["shoe"]
    __table_args__ = (
        CheckConstraint("length(trim(name)) BETWEEN 1 AND 80", name="name_length"),
        between("start_km", 0, MAX_SHOE_KM),
        CheckConstraint(f"life_km IS NULL OR (life_km > 0 AND life_km <= {MAX_SHOE_KM:g})", name="life_km_range"),
        CheckConstraint("retired IS NULL OR retired >= first_used", name="retired_after_first_used"),
        Index("ix_shoe_name_nocase", func.lower(text("name")), unique=True),
    )
    __mapper_args__ = {"polymorphic_identity": "shoe"}

    id: Mapped[int] = _parent()
    name: Mapped[str] = mapped_column(String(80))
    """Unique ignoring case (`ix_shoe_name_nocase`): "PEGASUS 40" is "Pegasus 40"."""
    first_used: Mapped[dt.date] = mapped_column(Date)
    retired: Mapped[dt.date | None] = mapped_column(Date)
    start_km: Mapped[float] = mapped_column(Float)
    life_km: Mapped[float | None] = mapped_column(Float)


class RunRecord(EntryRecord):
    __tablename__ = TABLES["run"]
    __table_args__ = (
        CheckConstraint(f"distance_km IS NULL OR (distance_km > 0 AND distance_km <= {MAX_RUN_KM:g})",
                        name="distance_km_range"),
        between("duration_s", 1, 48 * 3600),
        between("effort", 0, 10),
        between("comfort", 1, 5),
        one_of("workout", vocab.WORKOUT_KINDS),
        one_of("surface", vocab.SURFACES, nullable=True),
        Index("ix_run_shoe_id", "shoe_id"),
    )
    __mapper_args__ = {"polymorphic_identity": "run"}

    id: Mapped[int] = _parent()
    distance_km: Mapped[float | None] = mapped_column(Float)
    """None for a workout without a distance (jump rope, aerobics)."""
    duration_s: Mapped[int | None] = mapped_column(Integer)
    effort: Mapped[int | None] = mapped_column(Integer)
    shoe_id: Mapped[int | None] = mapped_column(ForeignKey("shoe.id", ondelete="RESTRICT"))
    surface: Mapped[str | None] = mapped_column(String(16))
    workout: Mapped[str] = mapped_column(String(16))
    comfort: Mapped[int | None] = mapped_column(Integer)


class FoodRecord(EntryRecord):
    __tablename__ = TABLES["food"]
    __table_args__ = (
        between("servings", 0.1, 50),
        between("magnesium_mg", 0, 5000),
        between("potassium_mg", 0, 20000),
    )
    __mapper_args__ = {"polymorphic_identity": "food"}

    id: Mapped[int] = _parent()
    food: Mapped[str] = mapped_column(String(40))
    servings: Mapped[float] = mapped_column(Float)
    magnesium_mg: Mapped[float | None] = mapped_column(Float)
    """None: not known (a food described in free text)."""
    potassium_mg: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text, default="")


class DietRecord(EntryRecord):
    __tablename__ = TABLES["diet"]
    __table_args__ = (one_of("pattern", vocab.DIET_PATTERNS),)
    __mapper_args__ = {"polymorphic_identity": "diet"}

    id: Mapped[int] = _parent()
    day: Mapped[dt.date] = mapped_column(Date)
    pattern: Mapped[str] = mapped_column(String(16))
    b12: Mapped[bool | None] = mapped_column(Boolean)


class MedicineRecord(EntryRecord):
    __tablename__ = TABLES["med"]
    __table_args__ = (
        CheckConstraint("length(trim(name)) BETWEEN 1 AND 80", name="name_length"),
        one_of("med_class", vocab.MED_CLASSES),
        CheckConstraint("stop IS NULL OR stop >= start", name="stop_after_start"),
    )
    __mapper_args__ = {"polymorphic_identity": "med"}

    id: Mapped[int] = _parent()
    name: Mapped[str] = mapped_column(String(80))
    med_class: Mapped[str] = mapped_column(String(24))
    start: Mapped[dt.date] = mapped_column(Date)
    stop: Mapped[dt.date | None] = mapped_column(Date)
    dose: Mapped[str] = mapped_column(String(80), default="")


class InjuryRecord(EntryRecord):
    __tablename__ = TABLES["injury"]
    __table_args__ = (
        one_of("site", vocab.INJURY_SITES),
        CheckConstraint("severity BETWEEN 0 AND 10", name="severity_range"),
        CheckConstraint("resolved IS NULL OR resolved >= day", name="resolved_after_day"),
    )
    __mapper_args__ = {"polymorphic_identity": "injury"}

    id: Mapped[int] = _parent()
    day: Mapped[dt.date] = mapped_column(Date)
    site: Mapped[str] = mapped_column(String(16))
    severity: Mapped[int] = mapped_column(Integer)
    resolved: Mapped[dt.date | None] = mapped_column(Date)


class SymptomRecord(EntryRecord):
    __tablename__ = TABLES["symptom"]
    __table_args__ = (one_of("symptom", vocab.SYMPTOMS), one_of("side", vocab.SIDES, nullable=True))
    __mapper_args__ = {"polymorphic_identity": "symptom"}

    id: Mapped[int] = _parent()
    symptom: Mapped[str] = mapped_column(String(24))
    side: Mapped[str | None] = mapped_column(String(8))


class CheckInRecord(EntryRecord):
    __tablename__ = TABLES["checkin"]
    __table_args__ = (between("sleep_hours", 0, 24), between("soreness", 0, 10))
    __mapper_args__ = {"polymorphic_identity": "checkin"}

    id: Mapped[int] = _parent()
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    no_cramps: Mapped[bool] = mapped_column(Boolean)
    hot_day: Mapped[bool | None] = mapped_column(Boolean)
    sleep_hours: Mapped[float | None] = mapped_column(Float)
    soreness: Mapped[int | None] = mapped_column(Integer)


RECORDS: dict[str, type[EntryRecord]] = {
    cls.__mapper_args__["polymorphic_identity"]: cls
    for cls in (CrampRecord, DrinkRecord, StretchRecord, RunRecord, ShoeRecord, FoodRecord,
                DietRecord, MedicineRecord, InjuryRecord, SymptomRecord, CheckInRecord)
}
"""The record class for each domain kind; a test checks it covers `domain.entries.KINDS`."""


class ExperimentRecord(Base):
    """A planned self-experiment (`domain.experiment.Plan`): not an entry, but the journal's."""

    __tablename__ = "experiment"
    __table_args__ = (
        one_of("behaviour", tuple(BEHAVIOURS)),
        one_of("outcome", tuple(OUTCOMES)),
        CheckConstraint(f"minutes BETWEEN 1 AND {MAX_MINUTES}", name="minutes_range"),
        CheckConstraint(f"nights BETWEEN {MIN_WEEKS * 7} AND {nights_for(MAX_WEEKS)} AND nights % {BLOCK} = 0",
                        name="nights_blocks"),
        CheckConstraint("stopped IS NULL OR stopped >= start", name="stopped_after_start"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    behaviour: Mapped[str] = mapped_column(String(32))
    minutes: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    nights: Mapped[int] = mapped_column(Integer)
    start: Mapped[dt.date] = mapped_column(Date)
    seed: Mapped[int] = mapped_column(Integer)
    stopped: Mapped[dt.date | None] = mapped_column(Date)
    stop_reason: Mapped[str] = mapped_column(Text)
    created_utc: Mapped[dt.datetime] = mapped_column(DateTime)
