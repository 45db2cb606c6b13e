"""docs/logging.md's list of the words each word field takes is built from the field
declarations (`domain.fields.VOCABULARIES`), so a word added in code is in the docs.
Regenerate after changing one: python -m tests.domain.test_vocabulary_docs
"""

from __future__ import annotations

import textwrap

from cramplog.domain.fields import VOCABULARIES
from tests.support.doc_tables import between, regenerate

LABELS = {
    "muscle": "muscles (`cramp`)",
    "side": "sides (`--side`)",
    "context": "contexts (`cramp --context`)",
    "swelling": "swelling (`cramp --swelling`)",
    "drink_kind": "drinks (`drink --kind`)",
    "style": "stretch styles (`stretch --style`)",
    "surface": "surfaces (`run --surface`)",
    "workout": "workouts (`run --kind`)",
    "pattern": "diets (`diet`)",
    "med_class": "medicine classes (`med --class`)",
    "site": "injury sites (`injury`)",
    "symptom": "symptoms (`symptom`)",
}
"""How the docs name each vocabulary: wording only; the words come from the declarations."""


def table() -> str:
    lines = []
    for field, words in VOCABULARIES.items():
        lines += textwrap.wrap(f"- {LABELS[field]}: {', '.join(words)}", width=100, subsequent_indent="  ")
    return "\n".join(lines)


def test_the_docs_vocabularies_are_built_from_the_declarations():
    assert set(LABELS) == set(VOCABULARIES), "name the new vocabulary in LABELS"
    assert between("logging.md", "vocabularies") == table(), "regenerate: python -m tests.domain.test_vocabulary_docs"


if __name__ == "__main__":
    regenerate("logging.md", "vocabularies", table())
