"""docs/analysis.md's factor table is built from the declarations (`analysis.factors`).

Each factor states its definition, window, default and evidence once, in code; the docs table is
generated from them. Regenerate after changing a factor: python -m tests.analysis.test_factor_docs
"""

from __future__ import annotations

import re
from pathlib import Path

from cramplog.analysis.factors import FACTORS
from cramplog.domain.settings import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "analysis.md"
BEGIN, END = "<!-- factors:begin -->", "<!-- factors:end -->"


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


def _between(text: str) -> str:
    return text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip()


def test_the_docs_factor_table_is_built_from_the_declarations():
    assert _between(DOC.read_text()) == table(), "regenerate: python -m tests.analysis.test_factor_docs"


def test_no_factor_id_reaches_the_table_people_read():
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", table())


if __name__ == "__main__":
    text = DOC.read_text()
    DOC.write_text(
        text.replace(
            f"{BEGIN}\n{_between(text)}\n{END}" if _between(text) else f"{BEGIN}\n{END}", f"{BEGIN}\n{table()}\n{END}"
        )
    )
