"""docs/analysis.md's red-flag table is built from the rules' constants (`domain.redflags`).

What fires each rule is worded here once, with every number, window and symptom list read from
the constants the rules use, so a threshold changed in code changes the docs. Regenerate after
changing a rule: python -m tests.analysis.test_redflag_docs
"""

from __future__ import annotations

import datetime as dt

from cramplog.domain import redflags as R
from cramplog.domain.before_after import MIN_SIDE_DAYS
from cramplog.domain.vocab import label
from tests.support.doc_tables import between, regenerate


def _hours(window: dt.timedelta) -> str:
    return f"{window // dt.timedelta(hours=1)} h"


def _or(names: tuple[str, ...], *before: str) -> str:
    """`a, b or c`: the phrases `before`, then the symptoms `names` as the app words them."""
    words = [*before, *(label(n) for n in names)]
    return ", ".join(words[:-1]) + f" or {words[-1]}"


FIRES_ON = {
    "pe_signs": _or(R.PE_SYMPTOMS),
    "systemic_signs": f"{_or(R.SYSTEMIC_SYMPTOMS)} within {_hours(R.SYSTEMIC_WINDOW)} of a cramp",
    "collapse_confusion": f"{_or(R.ALONE_SYMPTOMS)} on its own (worded for the symptom alone)",
    "dark_urine": f"dark urine within {_hours(R.DARK_URINE_WINDOW)} of "
    + _or(R.WEAKNESS_SYMPTOMS, f"severe muscle pain (cramp severity >= {R.SEVERE_PAIN} or persisting)"),
    "possible_dvt": f"{_or(R.DVT_SYMPTOMS)}, or a cramp logged with swelling in one leg or pain that persists",
    "long_cramp": f"a cramp lasting more than {R.LONG_CRAMP_S // 60} minutes",
    "wound_cramps": f"cramps within {R.WOUND_WINDOW.days} days after a logged foot wound (tetanus)",
    "frequent_cramps": f"night cramps on {R.SLEEP_CRAMP_NIGHTS} nights, or cramps on {R.FREQUENT_CRAMP_DAYS} "
    f"days, within {R.FREQUENT_WINDOW_DAYS} days",
    "cramp_numbness_swelling": "a cramp with tingling/numbness or swelling, or a "
    f"{_or(R.NUMB_SWELL_SYMPTOMS)} symptom within {_hours(R.WITH_CRAMP_WINDOW)} of a cramp (either order)",
    "weakness": _or(R.WEAKNESS_SYMPTOMS),
    "persistent_neuro": f"{_or(R.NEURO_SYMPTOMS)}, or a cramp with tingling, on {R.NEURO_DAYS} days within "
    f"{R.NEURO_WINDOW_DAYS}",
    "neuro_no_b12": "nerve symptoms while a vegan/plant-based diet without B12 was in effect (any diet age, "
    "either logging order), unless a B12 supplement is logged as a medicine that day",
    "neuro_b12_unsaid": "the same on a vegan/plant-based diet whose B12 was never said: where safety needs the "
    "answer, the journal asks (and `cramplog diet vegan` without `--b12`/`--no-b12` asks on logging)",
    "foot_wound": f"a foot wound logged over more than {R.WOUND_NOT_HEALING.days} days",
    "new_medicine": "cramps on a higher share of logged days (a check-in or a cramp, section 1) in the "
    f"{R.MEDICINE_WINDOW_DAYS} days after a medicine start than in the {R.MEDICINE_WINDOW_DAYS} before, on "
    f"{R.MEDICINE_CRAMP_DAYS} days or more, and at least {MIN_SIDE_DAYS} logged days on each side (the one "
    "gate `before_after.enough_sides`, which the insights' medicine and diet comparisons use too, so the flag "
    "never fires where they say there isn't enough to compare); days after a logged stop don't count. It gives "
    "both sides' counts of logged days, never a verdict, because chance alone often makes such a difference "
    "(always with the medicine note)",
    "ankle_swelling": f"swelling of both ankles on {R.ANKLE_DAYS} days within {R.ANKLE_WINDOW_DAYS}",
}
"""What fires each rule, in the docs' words (`RULES` order)."""


def table() -> str:
    rows = ["| Tier | Rule id | Fires on |", "|---|---|---|"]
    rows += [f"| {R.TIER_LABELS[R.TEXTS[rule][0]]} | `{rule}` | {FIRES_ON[rule]} |" for rule in R.RULES]
    short, long = R.ACTIVE_FOR["urgent"].days, R.ACTIVE_FOR["gp"].days
    assert R.ACTIVE_FOR["emergency"].days == short
    rows += [
        "",
        f"In `check_journal`, emergency and urgent flags stay active for {short} days after their newest "
        f"triggering entry, GP flags for {long} days.",
    ]
    return "\n".join(rows)


def test_the_docs_red_flag_table_is_built_from_the_rules():
    assert set(FIRES_ON) == set(R.RULES)
    assert between("analysis.md", "redflags") == table(), "regenerate: python -m tests.analysis.test_redflag_docs"


if __name__ == "__main__":
    regenerate("analysis.md", "redflags", table())
