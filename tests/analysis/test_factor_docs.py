"""docs/analysis.md's factor table is built from the declarations (`analysis.factors`).

Each factor states its definition, window, default and evidence once, in code; the docs table is
generated from them. Regenerate after changing a factor: python -m tests.analysis.test_factor_docs
"""

from __future__ import annotations

import re

from cramplog.analysis.factors import FACTORS
from cramplog.domain.settings import Settings
from tests.support.doc_tables import between, regenerate


def table() -> str:
    settings = Settings()
    rows = [
        "| Factor | Article section | Definition | Measured over | Default | Evidence |",
        "|---|---|---|---|---|---|",
    ]
    rows += [
        f"| {f.title} | {f.article_section} | {f.definition} | {f.window.describe(settings)} | "
        f"{f.default(settings)} | {f.evidence} |"
        for f in FACTORS
    ]
    return "\n".join(rows)


def test_the_docs_factor_table_is_built_from_the_declarations():
    assert between("analysis.md", "factors") == table(), "regenerate: python -m tests.analysis.test_factor_docs"


def test_no_factor_id_reaches_the_table_people_read():
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", table())


if __name__ == "__main__":
    regenerate("analysis.md", "factors", table())
