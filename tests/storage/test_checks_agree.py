"""Storage's CHECK constraints say what the field declarations say (`domain.fields.CHECKS`)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import CheckConstraint

from cramplog.domain import fields as F
from cramplog.storage.models import Base
from cramplog.storage.rows import TABLES


def _checks(table: str) -> list[str]:
    return [str(c.sqltext) for c in Base.metadata.tables[table].constraints if isinstance(c, CheckConstraint)]


NUMERIC = [(kind, name, bounds) for kind, fields in F.CHECKS.items() if kind != "entry"
           for name, bounds in fields.items() if bounds.low is not None and bounds.high is not None
           and name not in ("id", "shoe_id")]
WORDS = [(kind, name, bounds) for kind, fields in F.CHECKS.items() if kind != "entry"
         for name, bounds in fields.items() if bounds.words and name != "muscles"]


@pytest.mark.parametrize(("kind", "name", "bounds"), NUMERIC, ids=[f"{k}.{n}" for k, n, _ in NUMERIC])
def test_a_numeric_check_has_the_declared_figures(kind, name, bounds):
    texts = [t for t in _checks(TABLES[kind]) if re.search(rf"\b{name}\b", t)]
    assert texts, f"no CHECK on {kind}.{name}"
    text = " ".join(texts)
    low, high = f"{bounds.low:g}", f"{bounds.high:g}"
    between = re.search(rf"\b{name} BETWEEN {re.escape(low)} AND {re.escape(high)}\b", text)
    low_op = ">=" if bounds.low_inclusive else ">"
    explicit = (re.search(rf"\b{name} {low_op} {re.escape(low)}\b", text)
                and re.search(rf"\b{name} <= {re.escape(high)}\b", text))
    assert between and bounds.low_inclusive or explicit, (kind, name, text)
    assert ("IS NULL" in text) == bounds.nullable or not bounds.nullable, (kind, name, text)


@pytest.mark.parametrize(("kind", "name", "bounds"), WORDS, ids=[f"{k}.{n}" for k, n, _ in WORDS])
def test_a_vocabulary_check_allows_exactly_the_declared_words(kind, name, bounds):
    texts = [t for t in _checks(TABLES[kind]) if re.search(rf"\b{name} IN\b", t)]
    assert texts, f"no CHECK on {kind}.{name}"
    assert set(re.findall(r"'([^']*)'", texts[0])) == set(bounds.words)


@pytest.mark.parametrize("kind", ["shoe", "med"])
def test_names_are_checked_at_the_declared_length(kind):
    assert any(f"BETWEEN 1 AND {F.NAME_MAX}" in t for t in _checks(TABLES[kind]))
