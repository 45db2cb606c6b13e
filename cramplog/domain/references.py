"""Provides the daily reference values by sex, on the standard library alone (the prompt reads them).

EFSA 2010 for beverages (about 70-80% of total water), the NIH ODS RDA (31+) for magnesium, the
NASEM 2019 AI for potassium. Unset sex takes the midpoint of the two, an app convention.
`domain.settings` takes its defaults from here; so does `today --prompt`.
"""

from __future__ import annotations

REFERENCE_BY_SEX: dict[str, dict[str, int]] = {
    "female": {"beverage_ml": 1600, "magnesium_mg": 320, "potassium_mg": 2600},
    "male": {"beverage_ml": 2000, "magnesium_mg": 420, "potassium_mg": 3400},
    "unspecified": {"beverage_ml": 1800, "magnesium_mg": 370, "potassium_mg": 3000},
}
"""Setting name -> reference, by `targets.sex`."""

DEFAULT_SEX = "unspecified"
