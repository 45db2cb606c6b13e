"""Provides the ORM records: one `entry` table plus a table per kind (joined inheritance).

The single `entry` table gives every entry one ID space (so `cramplog edit ID` works on any
kind) and one time index; kind tables hold the fields. A kind table's CHECK constraints are
generated from the field declarations (`field_checks`: vocabularies, ranges, name lengths and
the date orders across fields), and the experiment table's from the plan's (`domain.experiment`),
so the database refuses what the domain refuses. The migrations
are frozen history; a test holds the constraints they made equal to these.
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
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..domain.entries import KINDS
from ..domain.experiment import BEHAVIOURS, BLOCK, MINUTES, NIGHTS, OUTCOMES, STOPS
from ..domain.fields import FIELDS, ORDERS, Field, NotBefore
from .rows import TABLES

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


def _range(f: Field) -> CheckConstraint:
    return CheckConstraint(_within(f), name=f"{f.name}_range")


def _within(f: Field) -> str:
    """`x BETWEEN low AND high`, or with NULL allowed or a bound left out, each side spelled out."""
    b, x = f.bounds, f.name
    if not b.nullable and b.low_inclusive and b.high_inclusive:
        return f"{x} BETWEEN {b.low:g} AND {b.high:g}"
    low = f"{x} {'>=' if b.low_inclusive else '>'} {b.low:g}"
    high = f"{x} {'<=' if b.high_inclusive else '<'} {b.high:g}"
    test = f"({low} AND {high})"
    return f"{x} IS NULL OR {test}" if b.nullable else test


def field_checks(kind: str) -> tuple[CheckConstraint, ...]:
    """The CHECK constraints of kind `kind`'s table, from its field declarations."""
    out: list[CheckConstraint] = []
    for f in FIELDS[kind].values():
        b = f.bounds
        if f.type == "word":
            out.append(one_of(f.name, tuple(b.words or ()), nullable=b.nullable))
        elif f.type == "words":
            out.append(CheckConstraint(f"{f.name} <> ''", name=f"{f.name}_present"))
        elif f.type in ("int", "float") and b.low is not None and b.high is not None:
            out.append(_range(f))
        elif f.type == "name":
            out.append(
                CheckConstraint(
                    f"length(trim({f.name})) BETWEEN {b.min_length} AND {b.max_length}", name=f"{f.name}_length"
                )
            )
    out += [_order(rule) for rule in ORDERS.get(kind, ())]
    return tuple(out)


def _order(rule: NotBefore) -> CheckConstraint:
    """`later IS NULL OR later >= earlier`: a date order across two fields."""
    return CheckConstraint(
        f"{rule.later} IS NULL OR {rule.later} >= {rule.earlier}", name=f"{rule.later}_after_{rule.earlier}"
    )


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
    __table_args__ = (*field_checks("cramp"),)
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
    __table_args__ = (*field_checks("drink"),)
    __mapper_args__ = {"polymorphic_identity": "drink"}

    id: Mapped[int] = _parent()
    amount_ml: Mapped[int] = mapped_column(Integer)
    drink_kind: Mapped[str] = mapped_column(String(16))


class StretchRecord(EntryRecord):
    __tablename__ = TABLES["stretch"]
    __table_args__ = (*field_checks("stretch"),)
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
        *field_checks("shoe"),
        Index("ix_shoe_name_key", "name_key", unique=True),
    )
    __mapper_args__ = {"polymorphic_identity": "shoe"}

    id: Mapped[int] = _parent()
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(Text)
    """`domain.shoes.name_key(name)`, unique (`ix_shoe_name_key`): "PEGASUS 40" is "Pegasus 40",
    "äro" is "Äro" (`rows.KEYS` writes it)."""
    first_used: Mapped[dt.date] = mapped_column(Date)
    retired: Mapped[dt.date | None] = mapped_column(Date)
    start_km: Mapped[float] = mapped_column(Float)
    life_km: Mapped[float | None] = mapped_column(Float)


class RunRecord(EntryRecord):
    __tablename__ = TABLES["run"]
    __table_args__ = (
        *field_checks("run"),
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
    __table_args__ = (*field_checks("food"),)
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
    __table_args__ = field_checks("diet")
    __mapper_args__ = {"polymorphic_identity": "diet"}

    id: Mapped[int] = _parent()
    day: Mapped[dt.date] = mapped_column(Date)
    pattern: Mapped[str] = mapped_column(String(16))
    b12: Mapped[bool | None] = mapped_column(Boolean)


class MedicineRecord(EntryRecord):
    __tablename__ = TABLES["med"]
    __table_args__ = (*field_checks("med"),)
    __mapper_args__ = {"polymorphic_identity": "med"}

    id: Mapped[int] = _parent()
    name: Mapped[str] = mapped_column(String(80))
    med_class: Mapped[str] = mapped_column(String(24))
    start: Mapped[dt.date] = mapped_column(Date)
    stop: Mapped[dt.date | None] = mapped_column(Date)
    dose: Mapped[str] = mapped_column(String(80), default="")


class InjuryRecord(EntryRecord):
    __tablename__ = TABLES["injury"]
    __table_args__ = (*field_checks("injury"),)
    __mapper_args__ = {"polymorphic_identity": "injury"}

    id: Mapped[int] = _parent()
    day: Mapped[dt.date] = mapped_column(Date)
    site: Mapped[str] = mapped_column(String(16))
    severity: Mapped[int] = mapped_column(Integer)
    resolved: Mapped[dt.date | None] = mapped_column(Date)


class SymptomRecord(EntryRecord):
    __tablename__ = TABLES["symptom"]
    __table_args__ = field_checks("symptom")
    __mapper_args__ = {"polymorphic_identity": "symptom"}

    id: Mapped[int] = _parent()
    symptom: Mapped[str] = mapped_column(String(24))
    side: Mapped[str | None] = mapped_column(String(8))


class CheckInRecord(EntryRecord):
    __tablename__ = TABLES["checkin"]
    __table_args__ = field_checks("checkin")
    __mapper_args__ = {"polymorphic_identity": "checkin"}

    id: Mapped[int] = _parent()
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    no_cramps: Mapped[bool] = mapped_column(Boolean)
    hot_day: Mapped[bool | None] = mapped_column(Boolean)
    sleep_hours: Mapped[float | None] = mapped_column(Float)
    soreness: Mapped[int | None] = mapped_column(Integer)


RECORDS: dict[str, type[EntryRecord]] = {
    cls.__mapper_args__["polymorphic_identity"]: cls
    for cls in (
        CrampRecord,
        DrinkRecord,
        StretchRecord,
        RunRecord,
        ShoeRecord,
        FoodRecord,
        DietRecord,
        MedicineRecord,
        InjuryRecord,
        SymptomRecord,
        CheckInRecord,
    )
}
"""The record class for each domain kind; a test checks it covers `domain.entries.KINDS`."""


class ExperimentRecord(Base):
    """A planned self-experiment (`domain.experiment.Plan`): not an entry, but the journal's."""

    __tablename__ = "experiment"
    __table_args__ = (
        one_of("behaviour", tuple(BEHAVIOURS)),
        one_of("outcome", tuple(OUTCOMES)),
        _range(MINUTES),
        CheckConstraint(f"{_within(NIGHTS)} AND {NIGHTS.name} % {BLOCK} = 0", name=f"{NIGHTS.name}_blocks"),
        _order(STOPS),
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
