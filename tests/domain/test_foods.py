"""A food entry's minerals: from the table when logged; an edit keeps what the entry says of
itself (an import's figures), scales them with a new amount, and takes the table's for a new food."""

from __future__ import annotations

import datetime as dt

import pytest

from cramplog.domain import entries as E
from cramplog.domain.foods import minerals
from cramplog.errors import InvalidInput

AT = dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc)
IMPORTED = E.Food(at=AT, tz="UTC", food="banana", servings=1.0, magnesium_mg=40.0, potassium_mg=500.0)
"""A banana whose figures came from an import, not from the built-in table (32 mg, 422 mg)."""


def test_a_new_entry_takes_the_table_and_free_text_takes_nothing():
    assert minerals("banana", 2) == {"magnesium_mg": 64, "potassium_mg": 844}
    assert minerals("", 1) == {}


def test_an_edit_of_the_same_food_and_amount_keeps_the_stored_figures():
    assert minerals("banana", 1.0, before=IMPORTED) == {"magnesium_mg": 40.0, "potassium_mg": 500.0}


def test_a_new_amount_scales_the_stored_figures_not_the_tables():
    assert minerals("banana", 1.5, before=IMPORTED) == {"magnesium_mg": 60.0, "potassium_mg": 750.0}
    with pytest.raises(InvalidInput, match="log fewer servings"):
        minerals("banana", 50, before=IMPORTED.replace(potassium_mg=5000.0))


def test_another_food_takes_its_table_figures_or_none():
    assert minerals("almonds", 1.0, before=IMPORTED) == {"magnesium_mg": 80, "potassium_mg": 208}
    assert minerals("", 1.0, before=IMPORTED) == {"magnesium_mg": None, "potassium_mg": None}
