"""docs/logging.md's list of amounts, distances and durations is built from the field bounds and
the units table (`domain.fields`, `domain.units`), so a bound changed in code changes the docs.
Regenerate after changing one: python -m tests.domain.test_amount_docs
"""

from __future__ import annotations

from cramplog.domain.fields import DURATION_MAX_S, FIELDS
from cramplog.domain.units import CUP_ML
from tests.support.doc_tables import between, regenerate


def table() -> str:
    drink = FIELDS["drink"]["amount_ml"].bounds
    run = FIELDS["run"]["distance_km"].bounds
    life, start = FIELDS["shoe"]["life_km"].bounds, FIELDS["shoe"]["start_km"].bounds
    assert life.high == start.high
    return "\n".join(
        [
            "- Drinks: `500` (ml, or fl oz), `500ml`, `0.5l`, `33cl`, `16oz` / `16 fl oz` (US fluid ounces),",
            f"  `1cup` ({CUP_ML:g} ml); {drink.low:g} ml to {drink.high / 1000:g} l in one drink.",
            f"- Distances: `5.2` (km, or mi), `5.2km`, `3.1mi`, `5000m`. A run is more than {run.low:g} and at most",
            f"  {run.high:g} km; a workout other than a run (`--kind jump_rope`) may leave its distance out. A shoe's",
            f"  life and starting distance go up to {life.high:,g} km (`--life 400mi` works).",
            "- Durations: `31:00` (min:s), `1:05:30`, `45` (minutes), `45min`, `90s`, `1h30m`; up to "
            f"{DURATION_MAX_S // 3600} hours.",
        ]
    )


def test_the_docs_amounts_are_built_from_the_bounds():
    assert between("logging.md", "amounts") == table(), "regenerate: python -m tests.domain.test_amount_docs"


if __name__ == "__main__":
    regenerate("logging.md", "amounts", table())
