"""docs/logging.md's settings table is built from the settings' declarations (`domain.settings`).

Each setting states its default, its meaning and (for the targets) its reference by sex once, in
code; the table people read is generated from them. Regenerate after changing a setting:
python -m tests.domain.test_settings_docs
"""

from __future__ import annotations

import dataclasses

from cramplog.domain.references import DEFAULT_SEX, REFERENCE_BY_SEX
from cramplog.domain.settings import Settings
from tests.support.doc_tables import between, regenerate


def _default(f: dataclasses.Field) -> str:
    value = f.default
    shown = "(empty)" if value == "" else f"{value:g}" if isinstance(value, float) else str(value)
    by_sex = [
        f"{sex} {refs[f.name]}" for sex, refs in REFERENCE_BY_SEX.items() if f.name in refs and sex != DEFAULT_SEX
    ]
    return f"{shown} ({', '.join(by_sex)})" if by_sex else shown


def table() -> str:
    rows = ["| key | default | meaning |", "|---|---|---|"]
    for f in dataclasses.fields(Settings):
        meaning = f.metadata["doc"].replace("|", "\\|")
        rows.append(f"| `{f.metadata['section']}.{f.name}` | {_default(f)} | {meaning} |")
    return "\n".join(rows)


def test_the_docs_settings_table_is_built_from_the_declarations():
    assert between("logging.md", "settings") == table(), "regenerate: python -m tests.domain.test_settings_docs"


def test_the_table_names_every_setting_and_the_references_by_sex():
    text = table()
    assert all(f"`{key}`" in text for key in Settings.keys())  # noqa: SIM118 - a static method, not a dict
    assert "| `targets.beverage_ml` | 1800 (female 1600, male 2000) |" in text


if __name__ == "__main__":
    regenerate("logging.md", "settings", table())
